package io.baton.bench.peer.quartz;

/** Where the peer's database serves and the credentials it was created with (a fresh password per run). */
record DatabaseAddress(String jdbcUrl, String user, String password) {
    DatabaseAddress {
        if (!jdbcUrl.startsWith("jdbc:")) throw new IllegalArgumentException("not a JDBC URL: " + jdbcUrl);
    }
}
