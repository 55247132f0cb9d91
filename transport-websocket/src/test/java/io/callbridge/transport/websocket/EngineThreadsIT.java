package io.callbridge.transport.websocket;

import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.EngineThreads;
import org.junit.jupiter.api.Test;

/**
 * The transport's workers run frames and softphone refreshes, which call the engine; on a store across the network
 * each call waits, so the pool has the threads {@link EngineThreads} says rather than one per core.
 */
class EngineThreadsIT {

    @Test
    void theWorkersHaveTheThreadsTheEngineNeeds() {
        // Every call goes to the standard executors; the spy only records what the server asked for.
        TransportExecutors executors = mock(TransportExecutors.class, delegatesTo(TransportExecutors.STANDARD));
        try (TestCallbridge callbridge = new TestCallbridge(TestCallbridge.defaults(), null, true, new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), TransportExecutors.class).setBinding().toInstance(executors);
                OptionalBinder.newOptionalBinder(binder(), EngineThreads.class).setBinding()
                        .toInstance(new EngineThreads(11));
            }
        })) {
            verify(executors, times(1)).workers(eq(11), any());
            verify(executors, times(1)).workers(anyInt(), any());
        }
    }
}
