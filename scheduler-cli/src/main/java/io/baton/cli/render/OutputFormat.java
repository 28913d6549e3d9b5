package io.baton.cli.render;

/** What {@code -o} selects: an aligned text table (default), JSON or YAML (protobuf JSON mapping). */
public enum OutputFormat {
    TABLE, JSON, YAML;

    public boolean structured() {
        return this != TABLE;
    }
}
