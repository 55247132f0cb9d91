package io.callbridge.adapter.salesforce.opencti;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a listener registered by the bridge reports. {@link #event()} is the name of the method that
 * registered the listener, so the server can tell which registration an event belongs to.
 */
public sealed interface OpenCtiEvent {

    String event();

    /**
     * The agent clicked a phone number. The number is kept exactly as Salesforce formats it (e.g.
     * {@code "(415) 555-1212"}); the call flow normalises it to E.164 where it knows the agent's region.
     *
     * @param number as Salesforce formats it; a whole JSON number (the guide's type) is read as its digits
     * @param personAccount whether the record is a person account, whose contact is {@code contactId}; absent (null)
     *     in orgs without person accounts. Empty record fields ({@code ""}) are read as absent
     * @param params the {@code params} string a Lightning click-to-dial component passed along, if any
     */
    record ClickToDial(String number, @Nullable String recordId, @Nullable String recordName,
            @Nullable String objectType, @Nullable Boolean personAccount, @Nullable String accountId,
            @Nullable String contactId, @Nullable String params) implements OpenCtiEvent {

        public ClickToDial {
            Args.nonBlank(number, "number");
            Args.salesforceIdIfPresent(recordId, "recordId");
            Args.apiNameIfPresent(objectType, "objectType");
            Args.salesforceIdIfPresent(accountId, "accountId");
            Args.salesforceIdIfPresent(contactId, "contactId");
        }

        @Override
        public String event() {
            return "onClickToDial";
        }
    }

    /**
     * The agent moved to another page; {@code recordId} and friends are absent off record pages (Salesforce sends
     * them empty, or, on a list view, only the url). {@code personAccount} (with {@code accountId} or
     * {@code contactId}) comes only in orgs with person accounts and not for business accounts. The same fields come
     * back from {@code getAppViewInfo} ({@link OpenCtiCodec#appViewInfo}).
     */
    record NavigationChange(String url, @Nullable String recordId, @Nullable String recordName,
            @Nullable String objectType, @Nullable Boolean personAccount, @Nullable String accountId,
            @Nullable String contactId) implements OpenCtiEvent {

        public NavigationChange {
            Args.nonBlank(url, "url");
            Args.salesforceIdIfPresent(recordId, "recordId");
            Args.apiNameIfPresent(objectType, "objectType");
            Args.salesforceIdIfPresent(accountId, "accountId");
            Args.salesforceIdIfPresent(contactId, "contactId");
        }

        @Override
        public String event() {
            return "onNavigationChange";
        }
    }

    /**
     * A rep started a Sales Engagement call step. The matching click-to-dial comes separately and in either
     * order, so the call flow pairs them by normalised number.
     *
     * @param completeWorkWhen when Salesforce expects the work to be completed; today always
     *     {@link #TASK_SAVED}, kept as text so a new trigger does not break decoding
     * @param to the number to call, as Salesforce formats it
     */
    record WorkStart(String workId, String completeWorkWhen, String to) implements OpenCtiEvent {

        public static final String TASK_SAVED = "TaskSaved";

        public WorkStart {
            Args.salesforceId(workId, "workId");
            Args.nonBlank(completeWorkWhen, "completeWorkWhen");
            Args.nonBlank(to, "attributes.to");
        }

        @Override
        public String event() {
            return "hvs.onWorkStart";
        }
    }

    /** A message published on a Lightning Message Service channel the bridge subscribed to. */
    record ChannelMessage(String channelName, Map<String, @Nullable Object> message) implements OpenCtiEvent {

        public ChannelMessage {
            Args.channelName(channelName, "channelName");
            message = JsonValues.object(message, "message");
        }

        @Override
        public String event() {
            return "subscribe";
        }
    }
}
