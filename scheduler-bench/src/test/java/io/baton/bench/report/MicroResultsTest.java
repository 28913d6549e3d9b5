package io.baton.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JMH JSON to rows, and rows to the report's comparisons (ratio to the peer, target met or not) and CSV. */
class MicroResultsTest {
    private static final String JMH_JSON = """
            [
              {"benchmark": "io.baton.bench.micro.NextFireBenchmark.nextFireOfEveryJob", "mode": "thrpt",
               "primaryMetric": {"score": 800000.0, "scoreError": 12000.5, "scoreUnit": "ops/s"}},
              {"benchmark": "io.baton.bench.micro.NextFireBenchmark.quartzDirect", "mode": "thrpt",
               "primaryMetric": {"score": 400000.0, "scoreError": "NaN", "scoreUnit": "ops/s"}},
              {"benchmark": "io.baton.bench.micro.PlacementBenchmark.placeRun", "mode": "thrpt",
               "params": {"workers": "1000", "shards": "10000", "capacity": "16"},
               "primaryMetric": {"score": 250.5, "scoreError": 3.25, "scoreUnit": "ops/s"}}
            ]""";

    @Test
    void parsesNamesParamsScoresAndUnits() throws Exception {
        List<MicroResults.Row> rows = MicroResults.parse(new ObjectMapper().readTree(JMH_JSON));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo(new MicroResults.Row("NextFireBenchmark.nextFireOfEveryJob", Map.of(), 800000.0, 12000.5, "ops/s"));
        assertThat(rows.get(1).error()).isNaN();
        assertThat(rows.get(2).params()).containsEntry("workers", "1000").hasSize(3);
    }

    @Test
    void theMarkdownSetsBatonAgainstItsPeerAndTarget() throws Exception {
        String md = MicroResults.markdown(MicroResults.parse(new ObjectMapper().readTree(JMH_JSON)));

        assertThat(md).contains("| next fire of a cron job (100k jobs) (`NextFireBenchmark.nextFireOfEveryJob`) | 800,000 ops/s | 400,000 ops/s (`NextFireBenchmark.quartzDirect`) | 2.00 | ≥ 1,000,000 ops/s | **no** |");
        assertThat(md).contains("| `PlacementBenchmark.placeRun` | capacity=16 shards=10000 workers=1000 | 251 | 3.25 | ops/s |");
        assertThat(md).doesNotContain("FrameCodecBenchmark"); // not in these results
    }

    @Test
    void theCsvHasOneLinePerBenchmarkAndLeavesUnknownErrorsEmpty() throws Exception {
        String csv = MicroResults.csv(MicroResults.parse(new ObjectMapper().readTree(JMH_JSON)));

        assertThat(csv.lines()).containsExactly("benchmark,params,score,error,unit",
                "NextFireBenchmark.nextFireOfEveryJob,,800000.000,12000.500,ops/s",
                "NextFireBenchmark.quartzDirect,,400000.000,,ops/s",
                "PlacementBenchmark.placeRun,capacity=16 shards=10000 workers=1000,250.500,3.250,ops/s");
    }
}
