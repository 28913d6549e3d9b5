package io.baton.server.store;

/**
 * One operation of a fenced multi, before it becomes a Curator op: {@link MultiWriter} puts the epoch check
 * in front and sizes it. Run ids and record bytes are all the stores put in paths and data.
 */
record StoreOp(Kind kind, String path, byte[] data) {
    private static final byte[] NO_DATA = new byte[0];

    enum Kind { CREATE, SET_DATA, DELETE }

    static StoreOp create(String path, byte[] data) { return new StoreOp(Kind.CREATE, path, data); }

    static StoreOp setData(String path, byte[] data) { return new StoreOp(Kind.SET_DATA, path, data); }

    static StoreOp delete(String path) { return new StoreOp(Kind.DELETE, path, NO_DATA); }
}
