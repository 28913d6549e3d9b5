package io.baton.common.rpc;

/** A request could not be completed: timeout, closed connection, or no connection. */
public class RpcException extends RuntimeException {
    public RpcException(String message) { super(message); }
    public RpcException(String message, Throwable cause) { super(message, cause); }
}
