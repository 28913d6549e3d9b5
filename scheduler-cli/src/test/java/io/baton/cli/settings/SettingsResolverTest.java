package io.baton.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.cli.settings.SettingsResolver.Flags;
import io.baton.client.ClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsResolverTest {
    private static final ConfigFile FILE = ConfigFile.parse("/home/u/.baton/config.yaml",
            "zk: filezk:2181\nnamespace: filens\ntimeout: 7s\n");
    private static final ConfigFile NO_FILE = ConfigFile.empty("/home/u/.baton/config.yaml");

    @Test
    void flagsWinOverEnvironmentWhichWinsOverTheConfigFile() {
        Map<String, String> env = Map.of("BATON_ZK", "envzk:2181", "BATON_NAMESPACE", "envns", "BATON_TIMEOUT", "3s");
        Flags flags = new Flags(Optional.of("flagzk:2181"), List.of(), Optional.of("flagns"), Optional.of(Duration.ofSeconds(1)));

        ConnectionSettings fromFlags = SettingsResolver.resolve(flags, env, FILE);
        assertThat(fromFlags.zk()).contains("flagzk:2181");
        assertThat(fromFlags.namespace()).isEqualTo("flagns");
        assertThat(fromFlags.requestTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(fromFlags.source()).isEqualTo("--zk/--addresses");

        ConnectionSettings fromEnv = SettingsResolver.resolve(Flags.none(), env, FILE);
        assertThat(fromEnv.zk()).contains("envzk:2181");
        assertThat(fromEnv.namespace()).isEqualTo("envns");
        assertThat(fromEnv.requestTimeout()).isEqualTo(Duration.ofSeconds(3));

        ConnectionSettings fromFile = SettingsResolver.resolve(Flags.none(), Map.of(), FILE);
        assertThat(fromFile.zk()).contains("filezk:2181");
        assertThat(fromFile.namespace()).isEqualTo("filens");
        assertThat(fromFile.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(fromFile.source()).isEqualTo("config file /home/u/.baton/config.yaml");
    }

    @Test
    void theClusterLocationComesWholeFromOneSourceWhileOtherKeysResolveOneByOne() {
        ConnectionSettings s = SettingsResolver.resolve(Flags.none(), Map.of("BATON_ADDRESSES", "a:1, b:2"), FILE);
        assertThat(s.zk()).isEmpty();
        assertThat(s.addresses()).containsExactly("a:1", "b:2");
        assertThat(s.namespace()).isEqualTo("filens");
        assertThat(s.describe()).isEqualTo("scheduler addresses a:1, b:2");
    }

    @Test
    void defaultsAreNamespaceBatonAndTwentySeconds() {
        ConnectionSettings s = SettingsResolver.resolve(new Flags(Optional.of("z:1"), List.of("s:7000"), Optional.empty(), Optional.empty()),
                Map.of(), NO_FILE);
        assertThat(s.namespace()).isEqualTo("baton");
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.describe()).isEqualTo("ZooKeeper z:1, namespace baton and scheduler addresses s:7000");
        ClientConfig config = s.toClientConfig();
        assertThat(config.zk().orElseThrow().connectString()).isEqualTo("z:1");
        assertThat(config.addresses()).containsExactly("s:7000");
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void noClusterAnywhereOrABadAddressOrTimeoutIsAnErrorSayingWhatToDo() {
        assertThatThrownBy(() -> SettingsResolver.resolve(Flags.none(), Map.of(), NO_FILE))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("--zk").hasMessageContaining("BATON_ZK").hasMessageContaining("/home/u/.baton/config.yaml");
        assertThatThrownBy(() -> SettingsResolver.resolve(Flags.none(), Map.of("BATON_ADDRESSES", "nohost"), NO_FILE))
                .hasMessage("scheduler address must be host:port, was 'nohost' (from BATON_ZK/BATON_ADDRESSES)");
        assertThatThrownBy(() -> SettingsResolver.resolve(Flags.none(), Map.of("BATON_ZK", "z:1", "BATON_TIMEOUT", "soon"), NO_FILE))
                .hasMessage("BATON_TIMEOUT: invalid duration 'soon' (expected e.g. 500ms, 10s, 5m, 1h)");
    }
}
