package io.baton.cli.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void alignsColumnsToTheWidestCellAndTrimsTrailingBlanks() {
        String text = Table.of("NAME", "STATE", "NOTE").row("nightly-export", "active", "").row("x", null, "long note").render();
        assertThat(text).isEqualTo("""
                NAME            STATE   NOTE
                nightly-export  active
                x               -       long note
                """);
    }

    @Test
    void aCellIsAlwaysOneLine() {
        assertThat(Table.of("A", "B").row("line1\nline2\tend", "b").render())
                .isEqualTo("A                B\nline1 line2 end  b\n");
    }

    @Test
    void aRowWithMoreCellsThanColumnsIsABug() {
        assertThatThrownBy(() -> Table.of("A").row("1", "2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fieldsAlignLabels() {
        assertThat(new Fields().add("Run", "r1").add("Fire time", "-").render()).isEqualTo("Run:        r1\nFire time:  -\n");
    }
}
