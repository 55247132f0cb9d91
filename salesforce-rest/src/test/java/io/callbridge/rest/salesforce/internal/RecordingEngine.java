package io.callbridge.rest.salesforce.internal;

import io.callbridge.core.AgentSnapshot;
import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.command.Command;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.WorkItem;
import io.callbridge.core.model.WorkItemId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The part of core the executor talks to, as a fake that keeps what it is told: the commands it was sent (the notices
 * to the agent) and the work items the test put in it.
 */
class RecordingEngine implements CallEngine {
    final List<Command> commands = new CopyOnWriteArrayList<>();
    final Map<WorkItemId, WorkItem> work = new ConcurrentHashMap<>();

    @Override
    public CommandResult execute(Command command) {
        commands.add(command);
        return new CommandResult.Accepted(List.of());
    }

    <T extends Command> List<T> sent(Class<T> type) {
        return commands.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public Optional<Call> call(CallId id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Agent agent(AgentId id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Call> calls(AgentId id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<WorkItem> workItem(AgentId agent, WorkItemId id) {
        return Optional.ofNullable(work.get(id));
    }

    @Override
    public List<WorkItem> workItems(AgentId id) {
        return List.copyOf(work.values());
    }

    @Override
    public AgentSnapshot snapshot(AgentId id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public io.callbridge.core.event.Subscription subscribe(AgentId agent, long afterSequence,
            io.callbridge.core.event.AgentEventListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void housekeeping() {
    }
}
