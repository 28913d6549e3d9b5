package io.baton.bench.peer.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Quartz's own scripts become the peer's schema: the H2 tables, the indexes of the PostgreSQL script. */
class QuartzSchemaTest {
    @Test
    void scriptsAreSplitAtSemicolonsWithoutComments() {
        String script = "-- a header; with a semicolon\nCREATE TABLE A (\n  X INT -- the key\n);\n\n  INSERT INTO A VALUES (1);\n";

        assertThat(QuartzSchema.split(script)).containsExactly("CREATE TABLE A ( X INT )", "INSERT INTO A VALUES (1)");
    }

    @Test
    void theH2TablesComeFirstThenOnlyTheIndexesOfTheOtherScript() {
        String h2 = "CREATE TABLE T (A INT);\nALTER TABLE T ADD CONSTRAINT PK PRIMARY KEY (A);\nCOMMIT;";
        String postgres = "DROP TABLE IF EXISTS T;\nCREATE TABLE T (A BYTEA);\nCREATE INDEX I ON T (A);\ncommit;";

        assertThat(QuartzSchema.statements(h2, postgres))
                .containsExactly("CREATE TABLE T (A INT)", "ALTER TABLE T ADD CONSTRAINT PK PRIMARY KEY (A)", "CREATE INDEX I ON T (A)");
    }

    @Test
    void aScriptWithoutTablesIsRefused() {
        assertThatThrownBy(() -> QuartzSchema.statements("COMMIT;", "CREATE INDEX I ON T (A);")).hasMessageContaining("no table");
    }

    @Test
    void theQuartzJarShipsTheH2TablesAndIndexesForTheTriggerTable() {
        List<String> statements = QuartzSchema.fromQuartzJar();

        assertThat(statements).anyMatch(s -> s.startsWith("CREATE TABLE QRTZ_TRIGGERS"));
        assertThat(statements).anyMatch(s -> s.startsWith("CREATE TABLE QRTZ_LOCKS"));
        assertThat(statements).anyMatch(s -> s.startsWith("CREATE INDEX IDX_QRTZ_T_NEXT_FIRE_TIME ON QRTZ_TRIGGERS"));
        assertThat(statements).noneMatch(s -> s.equalsIgnoreCase("COMMIT"));
    }
}
