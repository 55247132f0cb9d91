package io.callbridge.adapter.hubspot.internal;

import io.callbridge.adapter.hubspot.message.DialRequest;
import io.callbridge.adapter.hubspot.message.FromHubSpot;
import io.callbridge.adapter.hubspot.message.HubSpotMessageCodec;
import io.callbridge.adapter.hubspot.message.HubSpotMessageException;
import io.callbridge.adapter.hubspot.message.ObjectTypeId;
import io.callbridge.core.bridge.BridgeInputException;
import io.callbridge.core.command.Dial;
import io.callbridge.core.model.AgentId;
import io.callbridge.core.model.CallId;
import io.callbridge.core.model.CrmRecordRef;
import io.callbridge.core.model.PhoneNumber;
import io.callbridge.core.phone.InvalidPhoneNumberException;
import io.callbridge.core.phone.PhoneNumberParser;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks what a bridge forwards from HubSpot before anything happens, so invalid input is refused with the field at
 * fault and changes nothing. Pure; runs on the transport's thread.
 */
final class HubSpotInput {
    /** {@code +1 438 266 3913*227}: a star after the number marks an extension, which the parser would read as digits. */
    private static final Pattern STAR_EXTENSION = Pattern.compile("(.*[0-9].*?)\\s*\\*\\s*([0-9]{1,10})\\s*");

    private HubSpotInput() {
    }

    static FromHubSpot decode(HubSpotMessageCodec codec, String name, String payloadJson) {
        try {
            return codec.decodeEvent(name, payloadJson);
        } catch (HubSpotMessageException e) {
            throw refusal(e, name);
        }
    }

    /** The core command for a click-to-call: number normalised with HubSpot's country as the hint. */
    static Dial dial(AgentId agent, FromHubSpot.DialNumber event, PhoneNumberParser parser) {
        DialRequest request = event.request();
        PhoneNumber to = number(request, parser);
        return new Dial(agent, to, null, callId(agent, request), record(request),
                Map.of(HubSpotCallMessages.DIALING_CONTEXT, event.payload()));
    }

    static BridgeInputException refusal(HubSpotMessageException e, String name) {
        String field = e.field() != null ? e.field() : "data";
        return switch (e.code()) {
            case UNKNOWN_MESSAGE_TYPE -> new BridgeInputException(BridgeInputException.Kind.UNKNOWN_EVENT, name,
                    e.getMessage());
            case MALFORMED_JSON -> new BridgeInputException(BridgeInputException.Kind.MALFORMED, field, e.getMessage());
            case MISSING_FIELD -> new BridgeInputException(BridgeInputException.Kind.MISSING_FIELD, field,
                    e.getMessage());
            case WRONG_TYPE -> new BridgeInputException(BridgeInputException.Kind.WRONG_TYPE, field, e.getMessage());
            case INVALID_VALUE -> new BridgeInputException(BridgeInputException.Kind.INVALID_VALUE, field,
                    e.getMessage());
        };
    }

    /**
     * The number and its extension: {@code x 9}, {@code ext. 9} and {@code ;ext=9} are the parser's; a star extension
     * is split off first. The text HubSpot sent stays the number's raw text.
     */
    static PhoneNumber number(DialRequest request, PhoneNumberParser parser) {
        Matcher star = STAR_EXTENSION.matcher(request.phoneNumber());
        if (star.matches()) {
            PhoneNumber main = parse(star.group(1), request.countryCode(), parser);
            if (main.extension() == null) {
                return new PhoneNumber(main.e164(), star.group(2), request.phoneNumber());
            }
        }
        return parse(request.phoneNumber(), request.countryCode(), parser);
    }

    private static PhoneNumber parse(String text, @Nullable String countryCode, PhoneNumberParser parser) {
        try {
            return parser.parse(text, countryCode);
        } catch (InvalidPhoneNumberException e) {
            if (e.reason() == InvalidPhoneNumberException.Reason.UNKNOWN_REGION) {
                // countryCode is only HubSpot's guess: a number it cannot place may still parse in the default region.
                try {
                    return parser.parse(text);
                } catch (InvalidPhoneNumberException again) {
                    throw invalidNumber(again);
                }
            }
            throw invalidNumber(e);
        }
    }

    private static BridgeInputException invalidNumber(InvalidPhoneNumberException e) {
        return new BridgeInputException(BridgeInputException.Kind.INVALID_VALUE, "data.phoneNumber", e.getMessage());
    }

    /**
     * The record the call is about: the person called ({@code calleeInfo}) when HubSpot names one, since
     * {@code objectId} may be the record on screen (another contact, a ticket, a deal: issue #207 of HubSpot's SDK);
     * else the record on screen, whatever its type.
     */
    private static @Nullable CrmRecordRef record(DialRequest request) {
        if (request.calleeInfo() != null) {
            String type = request.calleeInfo().calleeObjectTypeId() == ObjectTypeId.COMPANY ? "COMPANY" : "CONTACT";
            return new CrmRecordRef(HubSpotCallMessages.CRM, type, Long.toString(request.calleeInfo().calleeId()),
                    null);
        }
        if (request.objectId() != null && request.objectType() != null) {
            return new CrmRecordRef(HubSpotCallMessages.CRM, request.objectType(), Long.toString(request.objectId()),
                    null);
        }
        return null;
    }

    /**
     * An id derived from the click (agent + HubSpot's click time) makes a replayed DIAL_NUMBER a duplicate core
     * ignores instead of a second call. Without a click time core picks the id. The parts are joined with ':', which
     * tenant and agent ids cannot contain (they may contain '-'), so two agents never derive the same id.
     */
    private static @Nullable CallId callId(AgentId agent, DialRequest request) {
        if (request.startTimestamp() == null) {
            return null;
        }
        String id = "hubspot:" + agent.tenant() + ":" + agent.agent() + ":" + request.startTimestamp();
        try {
            return CallId.of(id);
        } catch (IllegalArgumentException tooLong) {
            return null;
        }
    }
}
