package io.callbridge.core.spi;

import io.callbridge.core.model.CallId;

/** Chooses ids for new calls. Injected so that tests can make them predictable. */
public interface IdGenerator {
    CallId newCallId();
}
