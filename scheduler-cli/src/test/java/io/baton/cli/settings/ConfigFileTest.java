package io.baton.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @Test
    void readsEveryKeyWithAddressesAsListOrCommaSeparated() {
        ConfigFile f = ConfigFile.parse("c.yaml", "zk: z:1\naddresses: [a:1, b:2]\nnamespace: prod\ntimeout: 30s\n");
        assertThat(f.zk()).contains("z:1");
        assertThat(f.addresses()).containsExactly("a:1", "b:2");
        assertThat(f.namespace()).contains("prod");
        assertThat(f.timeout()).contains("30s");
        assertThat(ConfigFile.parse("c.yaml", "addresses: a:1,b:2\n").addresses()).containsExactly("a:1", "b:2");
        assertThat(ConfigFile.parse("c.yaml", "").zk()).isEmpty();
    }

    @Test
    void unknownKeysAndBadValuesNameTheFile() {
        assertThatThrownBy(() -> ConfigFile.parse("c.yaml", "zookeeper: z:1\n"))
                .isInstanceOf(SettingsException.class)
                .hasMessage("config file c.yaml: unknown key 'zookeeper' (known: addresses, namespace, timeout, zk)");
        assertThatThrownBy(() -> ConfigFile.parse("c.yaml", "zk: {host: z}\n")).hasMessage("config file c.yaml: 'zk' must be a single value");
        assertThatThrownBy(() -> ConfigFile.parse("c.yaml", "- zk\n")).hasMessageStartingWith("config file c.yaml: expected a mapping");
        assertThatThrownBy(() -> ConfigFile.parse("c.yaml", "zk: [\n")).hasMessageStartingWith("config file c.yaml is not valid YAML");
    }

    @Test
    void loadsTheHomeFileWhenPresentAndInsistsOnAnExplicitOne(@TempDir Path home) throws Exception {
        assertThat(ConfigFile.load(Map.of(), home).zk()).isEmpty();
        Files.createDirectories(home.resolve(".baton"));
        Files.writeString(home.resolve(".baton/config.yaml"), "zk: home:2181\n");
        assertThat(ConfigFile.load(Map.of(), home).zk()).contains("home:2181");

        Path other = home.resolve("other.yaml");
        Files.writeString(other, "zk: other:2181\n");
        assertThat(ConfigFile.load(Map.of("BATON_CONFIG", other.toString()), home).zk()).contains("other:2181");
        assertThatThrownBy(() -> ConfigFile.load(Map.of("BATON_CONFIG", home.resolve("missing.yaml").toString()), home))
                .isInstanceOf(SettingsException.class).hasMessageContaining("missing.yaml").hasMessageContaining("does not exist");
    }
}
