package io.callbridge.samples.phone;

import io.callbridge.core.model.CallId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link PhoneLines} in a map of this process. */
final class InMemoryPhoneLines implements PhoneLines {
    private final Map<CallId, Line> lines = new ConcurrentHashMap<>();
    private final AtomicLong inbound = new AtomicLong();

    @Override
    public boolean add(Line line) {
        return lines.putIfAbsent(line.id(), line) == null;
    }

    @Override
    public Optional<Line> get(CallId id) {
        return Optional.ofNullable(lines.get(id));
    }

    @Override
    public boolean move(CallId id, Set<State> from, State to) {
        boolean[] moved = {false};
        lines.computeIfPresent(id, (k, line) -> {
            if (!from.contains(line.state())) {
                return line;
            }
            moved[0] = true;
            return new Line(id, line.behaviour(), to);
        });
        return moved[0];
    }

    @Override
    public Optional<State> end(CallId id, Set<State> from) {
        State[] had = {null};
        lines.computeIfPresent(id, (k, line) -> {
            if (!from.contains(line.state())) {
                return line;
            }
            had[0] = line.state();
            return null;
        });
        return Optional.ofNullable(had[0]);
    }

    @Override
    public List<Line> all() {
        return List.copyOf(lines.values());
    }

    @Override
    public long nextInboundNumber() {
        return inbound.incrementAndGet();
    }
}
