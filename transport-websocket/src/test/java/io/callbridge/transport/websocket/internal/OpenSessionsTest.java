package io.callbridge.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenSessionsTest {

    /** A stand-in session: only whether it is writing matters to the set. */
    private static final class FakeSession {
        volatile boolean writing;
    }

    @Test
    void everySessionIsInExactlyOneSliceAndThePassesSeeAllOfThem() {
        OpenSessions<FakeSession> open = new OpenSessions<>(20);
        List<FakeSession> sessions = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            FakeSession s = new FakeSession();
            sessions.add(s);
            open.add(s);
        }
        Set<FakeSession> seen = new HashSet<>();
        int visits = 0;
        for (int slice = 0; slice < open.sliceCount(); slice++) {
            for (FakeSession s : open.slice(slice)) {
                seen.add(s);
                visits++;
            }
        }
        assertThat(visits).as("each session pinged once per round of slices").isEqualTo(1_000);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(sessions);
        assertThat(open.size()).isEqualTo(1_000);
        assertThat(open.all()).hasSize(1_000);

        sessions.forEach(open::remove);
        assertThat(open.isEmpty()).isTrue();
    }

    @Test
    void theStallPassVisitsOnlySessionsWithAPendingWriteAndForgetsThemOnceWritten() {
        OpenSessions<FakeSession> open = new OpenSessions<>(20);
        List<FakeSession> idle = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            FakeSession s = new FakeSession();
            idle.add(s);
            open.add(s);
        }
        FakeSession slow = new FakeSession();
        open.add(slow);
        slow.writing = true;
        open.writePending(slow);
        FakeSession done = new FakeSession();
        open.add(done);
        open.writePending(done);

        List<FakeSession> checked = new ArrayList<>();
        open.forEachWriting(s -> s.writing, checked::add);
        assertThat(checked).as("10,000 idle sessions cost this pass nothing").containsExactly(slow);
        assertThat(open.writingCount()).as("a completed write is dropped by the pass").isEqualTo(1);

        slow.writing = false;
        open.forEachWriting(s -> s.writing, checked::add);
        assertThat(open.writingCount()).isZero();

        slow.writing = true;
        open.writePending(slow);
        open.remove(slow);
        assertThat(open.writingCount()).as("a closed session leaves the writing set too").isZero();
        assertThat(open.size()).isEqualTo(10_001);
    }

    @Test
    void aWriteStartingWhileItsSessionIsDroppedKeepsItWatched() {
        OpenSessions<FakeSession> open = new OpenSessions<>(4);
        FakeSession s = new FakeSession();
        open.add(s);
        open.writePending(s);
        // The first test sees the old write done; a new one starts (and marks the session) before the removal.
        int[] tests = {0};
        List<FakeSession> checked = new ArrayList<>();
        open.forEachWriting(x -> {
            if (tests[0]++ == 0) {
                x.writing = true;
                open.writePending(x);
                return false;
            }
            return x.writing;
        }, checked::add);
        assertThat(open.writingCount()).as("re-tested after the removal, so still watched").isEqualTo(1);
        open.forEachWriting(x -> x.writing, checked::add);
        assertThat(checked).containsExactly(s);
    }

    @Test
    void refusesNoSlices() {
        assertThatThrownBy(() -> new OpenSessions<FakeSession>(0)).hasMessageContaining("slices");
    }
}
