package io.callbridge.transport.websocket.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The server's open sessions, kept so that its periodic passes touch only the sessions they concern: each session
 * sits in one of {@code slices} ping slices, so a keep-alive tick visits one slice rather than every session, and a
 * session whose write did not complete at once is also in the writing set, which is all the stall check visits.
 *
 * <p>With 10,000 idle sessions both passes used to walk every session every second, and that walk was most of an idle
 * server's CPU. The writing set is pruned lazily, by the stall check, so a completed write costs nothing here.
 *
 * @param <S> the session type
 */
final class OpenSessions<S> {
    private final List<Set<S>> slices;
    private final Set<S> writing = ConcurrentHashMap.newKeySet();

    OpenSessions(int slices) {
        if (slices < 1) {
            throw new IllegalArgumentException("slices must be >= 1 but was " + slices);
        }
        List<Set<S>> made = new ArrayList<>(slices);
        for (int i = 0; i < slices; i++) {
            made.add(ConcurrentHashMap.newKeySet());
        }
        this.slices = List.copyOf(made);
    }

    int sliceCount() {
        return slices.size();
    }

    void add(S session) {
        sliceOf(session).add(session);
    }

    void remove(S session) {
        sliceOf(session).remove(session);
        writing.remove(session);
    }

    /** Marks a session whose write is still in progress after the call that started it returned. */
    void writePending(S session) {
        writing.add(session);
    }

    /** The sessions of one ping slice, {@code 0 <= slice < sliceCount()}; a live view. */
    Iterable<S> slice(int slice) {
        return slices.get(slice);
    }

    /**
     * Calls {@code check} for each session of the writing set that is still {@code writing}, and drops the others.
     * A write that starts while its session is being dropped marks it again after its start ({@link #writePending}
     * comes after the write is in flight), so the re-test after the removal keeps it.
     */
    void forEachWriting(Predicate<? super S> stillWriting, Consumer<? super S> check) {
        for (S session : writing) {
            if (stillWriting.test(session)) {
                check.accept(session);
            } else {
                writing.remove(session);
                if (stillWriting.test(session)) {
                    writing.add(session);
                }
            }
        }
    }

    /** How many sessions are in the writing set (pruned only by {@link #forEachWriting}). */
    int writingCount() {
        return writing.size();
    }

    boolean isEmpty() {
        for (Set<S> slice : slices) {
            if (!slice.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    int size() {
        int n = 0;
        for (Set<S> slice : slices) {
            n += slice.size();
        }
        return n;
    }

    /** A copy of every open session. */
    List<S> all() {
        List<S> copy = new ArrayList<>();
        for (Set<S> slice : slices) {
            copy.addAll(slice);
        }
        return copy;
    }

    void clear() {
        for (Set<S> slice : slices) {
            slice.clear();
        }
        writing.clear();
    }

    private Set<S> sliceOf(S session) {
        return slices.get(Math.floorMod(System.identityHashCode(session), slices.size()));
    }
}
