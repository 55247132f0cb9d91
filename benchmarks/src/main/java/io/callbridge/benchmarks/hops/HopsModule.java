package io.callbridge.benchmarks.hops;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import io.callbridge.core.bridge.BridgeScheduler;
import io.callbridge.transport.websocket.TransportExecutors;

/**
 * Binds the counting wrappers over core's scheduler and the transport's executors, all writing to one
 * {@link HopCounters}. Install it after the production modules; nothing else changes.
 */
public final class HopsModule extends AbstractModule {
    private final HopCounters counters;

    public HopsModule(HopCounters counters) {
        this.counters = counters;
    }

    @Override
    protected void configure() {
        bind(HopCounters.class).toInstance(counters);
        OptionalBinder.newOptionalBinder(binder(), BridgeScheduler.class).setBinding()
                .to(CountingBridgeScheduler.class);
        OptionalBinder.newOptionalBinder(binder(), TransportExecutors.class).setBinding()
                .toInstance(new CountingTransportExecutors(counters));
    }
}
