package io.callbridge.transport.websocket.internal;

import io.callbridge.core.CallEngine;
import io.callbridge.core.CommandResult;
import io.callbridge.core.CoreError;
import io.callbridge.core.command.AgentCommand;
import io.callbridge.core.command.CallCommand;
import io.callbridge.core.command.Command;
import io.callbridge.core.command.Dial;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CallOutcome;
import io.callbridge.core.model.Presence;
import io.callbridge.core.phone.InvalidPhoneNumberException;
import io.callbridge.core.phone.PhoneNumberParser;
import io.callbridge.transport.websocket.internal.protocol.BridgeFrame;
import io.callbridge.transport.websocket.internal.protocol.Fault;
import io.callbridge.transport.websocket.internal.protocol.InvalidFrameException;
import io.callbridge.transport.websocket.internal.protocol.WireError;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The default softphone page's actions, turned into core commands. CRM-neutral, so every adapter's page shares them.
 * The agent always comes from the session's token, never from the frame: that is what keeps agents apart.
 */
final class UiActions {
    private final CallEngine engine;
    private final PhoneNumberParser parser;

    UiActions(CallEngine engine, PhoneNumberParser parser) {
        this.engine = engine;
        this.parser = parser;
    }

    BridgeFrame.Ack perform(AgentId agent, BridgeFrame.UiAction action) {
        Command command;
        try {
            command = command(agent, action.action(), action.args());
        } catch (InvalidFrameException e) {
            return new BridgeFrame.Ack(action.id(), false, "rejected", null,
                    Fault.of(e.code().name(), e.getMessage(), e.field()));
        }
        CommandResult result = engine.execute(command);
        if (result instanceof CommandResult.Rejected) {
            CoreError error = ((CommandResult.Rejected) result).error();
            return new BridgeFrame.Ack(action.id(), false, "rejected", null,
                    Fault.of(error.code().name(), error.message(), error.field()));
        }
        String callId = result.createdCall().map(c -> c.id().value()).orElse(null);
        String outcome = result instanceof CommandResult.Ignored ? "ignored" : "accepted";
        return new BridgeFrame.Ack(action.id(), true, outcome, callId, null);
    }

    private Command command(AgentId agent, String action, ObjectNode args) {
        switch (action) {
            case "login":
                return new AgentCommand.LogIn(agent);
            case "logout":
                return new AgentCommand.LogOut(agent);
            case "presence":
                return new AgentCommand.SetPresence(agent, presence(args));
            case "dial":
                return Dial.to(agent, number(string(args, "number")));
            case "answer":
                return new CallCommand.Answer(agent, callId(args));
            case "reject":
                return new CallCommand.Reject(agent, callId(args));
            case "hangup":
                return new CallCommand.HangUp(agent, callId(args));
            case "hold":
                return new CallCommand.Hold(agent, callId(args));
            case "resume":
                return new CallCommand.Resume(agent, callId(args));
            case "mute":
                return new CallCommand.Mute(agent, callId(args), bool(args, "muted"));
            case "transfer": {
                CallId callId = callId(args);
                String target = string(args, "target");
                if (target.isBlank() || target.length() > 255) {
                    throw invalid("target", "args.target must be 1-255 characters");
                }
                return new CallCommand.Transfer(agent, callId, target);
            }
            case "wrapUp": {
                CallId callId = callId(args);
                String disposition = optionalString(args, "disposition", 255);
                String notes = optionalString(args, "notes", 100_000);
                return new CallCommand.WrapUp(agent, callId, new CallOutcome(disposition, notes, null));
            }
            default:
                throw new InvalidFrameException(WireError.UNKNOWN_ACTION, "action", "unknown action");
        }
    }

    private Presence presence(ObjectNode args) {
        String status = string(args, "status");
        String reason = optionalString(args, "reason", 100);
        switch (status) {
            case "AVAILABLE":
                if (reason != null) {
                    throw invalid("reason", "args.reason is only allowed with AWAY");
                }
                return Presence.AVAILABLE;
            case "AWAY":
                return Presence.away(reason);
            default:
                throw invalid("status", "args.status must be AVAILABLE or AWAY");
        }
    }

    private io.callbridge.core.model.PhoneNumber number(String text) {
        try {
            return parser.parse(text);
        } catch (InvalidPhoneNumberException e) {
            throw invalid("number", e.getMessage());
        }
    }

    private static CallId callId(ObjectNode args) {
        String value = string(args, "callId");
        try {
            return CallId.of(value);
        } catch (IllegalArgumentException e) {
            throw invalid("callId", "args.callId must be 1-255 characters of letters, digits and ._:@+-");
        }
    }

    private static String string(ObjectNode args, String name) {
        JsonNode value = args.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidFrameException(WireError.MISSING_FIELD, "args." + name, "args." + name + " is missing");
        }
        if (!value.isString()) {
            throw new InvalidFrameException(WireError.WRONG_TYPE, "args." + name, "args." + name + " must be a string");
        }
        return value.stringValue();
    }

    private static @Nullable String optionalString(ObjectNode args, String name, int maxLength) {
        JsonNode value = args.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = string(args, name);
        if (text.isBlank() || text.length() > maxLength) {
            throw invalid(name, "args." + name + " must be 1-" + maxLength + " characters");
        }
        return text;
    }

    private static boolean bool(ObjectNode args, String name) {
        JsonNode value = args.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidFrameException(WireError.MISSING_FIELD, "args." + name, "args." + name + " is missing");
        }
        if (!value.isBoolean()) {
            throw new InvalidFrameException(WireError.WRONG_TYPE, "args." + name, "args." + name + " must be true or false");
        }
        return value.booleanValue();
    }

    private static InvalidFrameException invalid(String name, String message) {
        return new InvalidFrameException(WireError.INVALID_VALUE, "args." + name, message);
    }
}
