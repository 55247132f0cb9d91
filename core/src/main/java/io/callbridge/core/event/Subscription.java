package io.callbridge.core.event;

/** A live subscription to an agent's events; closing it stops delivery. Idempotent. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
