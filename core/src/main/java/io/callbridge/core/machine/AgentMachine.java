package io.callbridge.core.machine;

import static io.callbridge.core.machine.Transition.ignored;

import io.callbridge.core.CoreError;
import io.callbridge.core.ErrorCode;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.event.CoreEvent;
import io.callbridge.core.model.Activity;
import io.callbridge.core.model.Agent;
import io.callbridge.core.model.Call;
import io.callbridge.core.model.Direction;
import io.callbridge.core.model.Presence;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The agent state machine: logged-in flag and chosen presence from commands, activity derived from calls. Pure.
 */
public final class AgentMachine {
    private AgentMachine() {
    }

    public static Transition<Agent> apply(Agent agent, AgentCommand command) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(command, "command");
        if (!agent.id().equals(command.agent())) {
            return new Transition.Rejected<>(CoreError.of(ErrorCode.NOT_YOUR_CALL, "command is for another agent"));
        }
        if (command instanceof AgentCommand.LogIn) {
            return agent.loggedIn() ? ignored(agent.id() + " is already logged in")
                    : changed(agent, new Agent(agent.id(), true, Presence.AVAILABLE, null, agent.activity()));
        } else if (command instanceof AgentCommand.LogOut) {
            if (!agent.loggedIn()) {
                return ignored(agent.id() + " is already logged out");
            }
            return switch (agent.activity()) {
                case IDLE -> changed(agent, new Agent(agent.id(), false, Presence.OFFLINE, null, agent.activity()));
                case RINGING, ON_CALL, WRAP_UP -> new Transition.Rejected<>(CoreError.of(ErrorCode.AGENT_BUSY,
                        agent.id() + " cannot log out while " + agent.activity()));
            };
        } else if (command instanceof AgentCommand.SetPresence c) {
            return setPresence(agent, c.presence());
        }
        throw new IllegalStateException("unhandled command " + command.getClass().getName());
    }

    /** The activity the agent's calls add up to: any live call beats a ringing one, which beats wrap-up. */
    public static Activity activityOf(Collection<Call> calls) {
        boolean ringing = false;
        boolean wrapUp = false;
        for (Call call : calls) {
            switch (activityOf(call)) {
                case ON_CALL -> {
                    return Activity.ON_CALL;
                }
                case RINGING -> ringing = true;
                case WRAP_UP -> wrapUp = true;
                case IDLE -> { }
            }
        }
        return ringing ? Activity.RINGING : wrapUp ? Activity.WRAP_UP : Activity.IDLE;
    }

    /**
     * What one call contributes to its agent's activity. A change of state that leaves this alone (CONNECTED to HELD,
     * DIALING to RINGING out) cannot change the agent's activity, so the engine need not re-derive it.
     */
    public static Activity activityOf(Call call) {
        return switch (call.state()) {
            case QUEUED, DIALING, CONNECTED, HELD -> Activity.ON_CALL;
            case RINGING -> call.direction() == Direction.OUTBOUND ? Activity.ON_CALL : Activity.RINGING;
            case ENDED -> Activity.WRAP_UP;
            case WRAPPED_UP -> Activity.IDLE;
        };
    }

    /** The agent's calls changed: derive the new activity, and apply a presence chosen while busy once idle. */
    public static Transition<Agent> activityChanged(Agent agent, Activity activity) {
        if (activity == agent.activity()) {
            return ignored(agent.id() + " is already " + activity);
        }
        Presence pending = agent.pendingPresence();
        if (activity == Activity.IDLE && pending != null && agent.loggedIn()) {
            return changed(agent, new Agent(agent.id(), true, pending, null, activity));
        }
        return changed(agent, new Agent(agent.id(), agent.loggedIn(), agent.presence(), pending, activity));
    }

    private static Transition<Agent> setPresence(Agent agent, Presence presence) {
        if (!agent.loggedIn()) {
            return new Transition.Rejected<>(new CoreError(ErrorCode.AGENT_NOT_LOGGED_IN,
                    agent.id() + " must log in before choosing a presence", "presence"));
        }
        return switch (presence.status()) {
            case OFFLINE -> new Transition.Rejected<>(CoreError.invalid("presence",
                    "OFFLINE is not a presence to choose; log out instead"));
            // Becoming available needs no waiting, and cancels an AWAY chosen during the call.
            case AVAILABLE -> presence.equals(agent.presence()) && agent.pendingPresence() == null
                    ? ignored(agent.id() + " is already AVAILABLE")
                    : changed(agent, new Agent(agent.id(), true, presence, null, agent.activity()));
            case AWAY -> switch (agent.activity()) {
                case IDLE -> presence.equals(agent.presence())
                        ? ignored(agent.id() + " is already " + presence)
                        : changed(agent, new Agent(agent.id(), true, presence, null, agent.activity()));
                // Going away mid-call must not drop the call: remember it for when the agent is idle.
                // Choosing the current presence again cancels a change waiting for the call to end.
                case RINGING, ON_CALL, WRAP_UP -> {
                    if (presence.equals(agent.presence())) {
                        yield agent.pendingPresence() == null ? ignored(agent.id() + " is already " + presence)
                                : changed(agent, new Agent(agent.id(), true, presence, null, agent.activity()));
                    }
                    yield presence.equals(agent.pendingPresence())
                            ? ignored(agent.id() + " will already be " + presence)
                            : changed(agent, new Agent(agent.id(), true, agent.presence(), presence, agent.activity()));
                }
            };
        };
    }

    private static Transition<Agent> changed(Agent previous, Agent next) {
        return new Transition.Applied<>(next, List.of(new CoreEvent.AgentChanged(next, previous)), List.of());
    }
}
