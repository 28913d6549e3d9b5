package io.baton.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.proto.v1.ConcurrencyPolicy;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.MisfirePolicy;
import org.junit.jupiter.api.Test;

class JobSpecParserTest {
    private static final String YAML = """
            name: nightly-export
            handler: demo.sleep
            shardCount: 3
            shard_parameters: [a, b, 3]
            jobParameter: 200
            schedule:
              cron: {expression: "0 0 3 * * ?", time_zone: Europe/Paris}
              notAfterMillis: "1714532400000"
            misfirePolicy: MISFIRE_POLICY_SKIP
            concurrency_policy: CONCURRENCY_POLICY_QUEUE
            retry: {maxAttempts: 3, multiplier: 1.50}
            history:
            """;

    @Test
    void readsYamlWithCamelAndSnakeCaseNamesEnumsByNameAndScalarsForStringFields() {
        JobSpec spec = JobSpecParser.parse("job.yaml", YAML);
        assertThat(spec.getName()).isEqualTo("nightly-export");
        assertThat(spec.getShardParametersList()).containsExactly("a", "b", "3");
        assertThat(spec.getJobParameter()).isEqualTo("200");
        assertThat(spec.getSchedule().getCron().getTimeZone()).isEqualTo("Europe/Paris");
        assertThat(spec.getSchedule().getNotAfterMillis()).isEqualTo(1714532400000L);
        assertThat(spec.getMisfirePolicy()).isEqualTo(MisfirePolicy.MISFIRE_POLICY_SKIP);
        assertThat(spec.getConcurrencyPolicy()).isEqualTo(ConcurrencyPolicy.CONCURRENCY_POLICY_QUEUE);
        assertThat(spec.getRetry().getMaxAttempts()).isEqualTo(3);
        assertThat(spec.getRetry().getMultiplier()).isEqualTo(1.5);
        assertThat(spec.hasHistory()).isFalse();
    }

    @Test
    void readsJsonByExtensionOrByContent() {
        String json = "{\"name\": \"j\", \"handler\": \"demo.echo\", \"shardCount\": 2, \"schedule\": {\"runNow\": {}}}";
        assertThat(JobSpecParser.parse("job.json", json).getSchedule().hasRunNow()).isTrue();
        assertThat(JobSpecParser.parse("job.spec", json).getShardCount()).isEqualTo(2);
        assertThat(JobSpecParser.isJson("job.spec", "  {")).isTrue();
        assertThat(JobSpecParser.isJson("job.yml", "{")).isFalse();
        assertThat(JobSpecParser.isJson("job.txt", "name: x")).isFalse();
    }

    @Test
    void anUnknownFieldIsNamedWithItsPathAndTheKnownFields() {
        assertThatThrownBy(() -> JobSpecParser.parse("job.yaml", "name: x\nschedule:\n  cron: {expresion: '* * * * * ?'}\n"))
                .isInstanceOf(SpecException.class)
                .hasMessage("job.yaml: field 'schedule.cron.expresion': unknown field of CronSchedule (known: expression, timeZone)");
        assertThatThrownBy(() -> JobSpecParser.parse("job.json", "{\"shards\": 3}"))
                .hasMessageStartingWith("job.json: field 'shards': unknown field of JobSpec (known: name, handler, shardCount,");
    }

    @Test
    void aBadEnumValueListsTheValidOnes() {
        assertThatThrownBy(() -> JobSpecParser.parse("job.yaml", "misfirePolicy: SKIP\n"))
                .hasMessage("job.yaml: field 'misfirePolicy': invalid value 'SKIP' (expected one of MISFIRE_POLICY_UNSPECIFIED, "
                        + "MISFIRE_POLICY_FIRE_ONCE_NOW, MISFIRE_POLICY_FIRE_ALL_MISSED, MISFIRE_POLICY_SKIP)");
    }

    @Test
    void aBadNumberOrWrongShapeIsNamedWithTheExpectedType() {
        assertThatThrownBy(() -> JobSpecParser.parse("job.yaml", "shardCount: many\n"))
                .hasMessage("job.yaml: field 'shardCount': invalid value 'many' (expected a 32-bit integer)");
        assertThatThrownBy(() -> JobSpecParser.parse("job.yaml", "retry: {maxAttempts: 1.5}\n"))
                .hasMessage("job.yaml: field 'retry.maxAttempts': invalid value 1.5 (expected a 32-bit integer)");
        assertThatThrownBy(() -> JobSpecParser.parse("job.yaml", "schedule: daily\n"))
                .hasMessage("job.yaml: field 'schedule': expected a mapping of Schedule fields, found text 'daily'");
        assertThatThrownBy(() -> JobSpecParser.parse("job.yaml", "shardParameters: a\n"))
                .hasMessage("job.yaml: field 'shardParameters': expected a list, found text 'a'");
        assertThatThrownBy(() -> JobSpecParser.parse("job.yaml", "shardParameters: [a, {b: 1}]\n"))
                .hasMessage("job.yaml: field 'shardParameters[1]': expected text, found a mapping");
    }

    @Test
    void twoKindsOfScheduleAreRefusedNamingTheFile() {
        assertThatThrownBy(() -> JobSpecParser.parse("job.yaml", "schedule: {runNow: {}, cron: {expression: x}}\n"))
                .isInstanceOf(SpecException.class)
                .hasMessage("job.yaml: field 'schedule.cron': Schedule takes only one of runNow, cron, fixedRate, fixedDelay, oneShot,"
                        + " but runNow is set too");
    }

    @Test
    void syntaxErrorsDuplicatesEmptyFilesAndNonMappingsAreErrorsNamingTheFile() {
        assertThatThrownBy(() -> JobSpecParser.parse("job.yaml", "name: [unclosed\n"))
                .hasMessageStartingWith("job.yaml: not valid YAML: ").hasMessageContaining("line ");
        assertThatThrownBy(() -> JobSpecParser.parse("job.json", "{\"name\": \"x\",}"))
                .hasMessageStartingWith("job.json: not valid JSON: ");
        assertThatThrownBy(() -> JobSpecParser.parse("job.yaml", "name: a\nname: b\n"))
                .hasMessageStartingWith("job.yaml: not valid YAML: Duplicate field 'name'");
        assertThatThrownBy(() -> JobSpecParser.parse("job.yaml", "")).hasMessage("job.yaml: empty; expected a JobSpec");
        assertThatThrownBy(() -> JobSpecParser.parse("job.yaml", "- name: x\n"))
                .hasMessage("job.yaml: expected a mapping of JobSpec fields, found a list");
    }
}
