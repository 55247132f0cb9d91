package io.callbridge.benchmarks.load;

import java.util.concurrent.atomic.LongAdder;

/** Frames and bytes the generator sent and received, as seen by the bridges. Thread-safe. */
public final class Traffic {
    private final LongAdder framesOut = new LongAdder();
    private final LongAdder framesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();

    public void sent(int bytes) {
        framesOut.increment();
        bytesOut.add(bytes);
    }

    public void received(int bytes) {
        framesIn.increment();
        bytesIn.add(bytes);
    }

    public Snapshot snapshot() {
        return new Snapshot(framesOut.sum(), framesIn.sum(), bytesOut.sum(), bytesIn.sum());
    }

    /** Counts at one moment; subtract two to get what happened between them. */
    public record Snapshot(long framesOut, long framesIn, long bytesOut, long bytesIn) {
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(framesOut - earlier.framesOut, framesIn - earlier.framesIn,
                    bytesOut - earlier.bytesOut, bytesIn - earlier.bytesIn);
        }

        public long frames() {
            return framesOut + framesIn;
        }

        public long bytes() {
            return bytesOut + bytesIn;
        }
    }
}
