package io.callbridge.adapter.salesforce.opencti;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One Lightning Open CTI method the server asks a bridge to call, with its arguments. The bridge adds the
 * {@code callback} or {@code listener} itself and calls {@code sforce.opencti[method](args)} (for the Sales
 * Engagement methods, {@code sforce.opencti.hvs[...]}).
 *
 * <p>Every record checks its arguments when built and throws {@link InvalidInvocationException} naming the
 * argument, because the library would throw in the browser, where the failure is far harder to see.
 */
public sealed interface OpenCtiInvocation {

    /** The method name as the bridge calls it; Sales Engagement methods carry an {@code hvs.} prefix. */
    String method();

    // ---- lifecycle and click-to-dial -------------------------------------------------------------------

    /** Tells Salesforce the softphone is ready; without it Salesforce switches to the standby URL. */
    record NotifyInitializationComplete() implements OpenCtiInvocation {
        @Override
        public String method() {
            return "notifyInitializationComplete";
        }
    }

    /** Makes phone numbers clickable; only once the agent can actually dial. */
    record EnableClickToDial() implements OpenCtiInvocation {
        @Override
        public String method() {
            return "enableClickToDial";
        }
    }

    record DisableClickToDial() implements OpenCtiInvocation {
        @Override
        public String method() {
            return "disableClickToDial";
        }
    }

    /** Registers the click-to-dial listener; events arrive as {@link OpenCtiEvent.ClickToDial}. */
    record OnClickToDial() implements OpenCtiInvocation {
        @Override
        public String method() {
            return "onClickToDial";
        }
    }

    /** Registers the navigation listener; events arrive as {@link OpenCtiEvent.NavigationChange}. */
    record OnNavigationChange() implements OpenCtiInvocation {
        @Override
        public String method() {
            return "onNavigationChange";
        }
    }

    record GetAppViewInfo() implements OpenCtiInvocation {
        @Override
        public String method() {
            return "getAppViewInfo";
        }
    }

    // ---- screen pops ------------------------------------------------------------------------------------

    /** {@code screenPop}: one record per {@code SCREENPOP_TYPE}, each with that type's {@code params}. */
    sealed interface ScreenPop extends OpenCtiInvocation {

        /** The {@code SCREENPOP_TYPE} value sent as {@code type}. */
        String type();

        @Override
        default String method() {
            return "screenPop";
        }

        /** Opens a record. */
        record SObject(String recordId) implements ScreenPop {
            public SObject {
                Args.salesforceId(recordId, "params.recordId");
            }

            @Override
            public String type() {
                return "sobject";
            }
        }

        /** Opens a page of the org; the URL is relative so a pop can never navigate off Salesforce. */
        record Url(String url) implements ScreenPop {
            public Url {
                Args.relativeUrl(url, "params.url");
            }

            @Override
            public String type() {
                return "url";
            }
        }

        /** Opens an object's home page; {@code scope} is the object's API name. */
        record ObjectHome(String scope) implements ScreenPop {
            public ObjectHome {
                Args.apiName(scope, "params.scope");
            }

            @Override
            public String type() {
                return "objecthome";
            }
        }

        /** Opens a list view of an object. */
        record ListView(String listViewId, String scope) implements ScreenPop {
            public ListView {
                Args.salesforceId(listViewId, "params.listViewId");
                Args.apiName(scope, "params.scope");
            }

            @Override
            public String type() {
                return "list";
            }
        }

        /** Opens global search; Salesforce rejects search strings shorter than three characters. */
        record Search(String searchString) implements ScreenPop {
            public Search {
                Args.nonBlank(searchString, "params.searchString");
                if (searchString.strip().codePointCount(0, searchString.strip().length()) < 3) {
                    throw new InvalidInvocationException("params.searchString", "must have at least 3 characters");
                }
            }

            @Override
            public String type() {
                return "search";
            }
        }

        /** Opens the new-record modal of an object, optionally with pre-filled field values. */
        record NewRecord(String entityName, @Nullable Map<String, @Nullable Object> defaultFieldValues)
                implements ScreenPop {
            public NewRecord {
                Args.apiName(entityName, "params.entityName");
                defaultFieldValues = Args.fieldMapIfPresent(defaultFieldValues, "params.defaultFieldValues");
            }

            @Override
            public String type() {
                return "newRecord";
            }
        }

        /** Starts a screen flow with input variables. */
        record Flow(String flowDevName, List<FlowArg> flowArgs) implements ScreenPop {
            public Flow {
                Args.apiName(flowDevName, "params.flowDevName");
                flowArgs = Args.list(flowArgs, "params.flowArgs");
            }

            @Override
            public String type() {
                return "flow";
            }
        }
    }

    /**
     * Searches records and pops the result according to the call center's softphone layout. With
     * {@code deferred} the pop is not shown; the result carries the data to pop later with {@code screenPop}.
     */
    record SearchAndScreenPop(String searchParams, CallType callType, @Nullable String queryParams,
            @Nullable Map<String, @Nullable Object> defaultFieldValues, @Nullable Map<String, @Nullable Object> params,
            boolean deferred) implements OpenCtiInvocation {

        public SearchAndScreenPop {
            Args.nonBlank(searchParams, "searchParams");
            Args.present(callType, "callType");
            defaultFieldValues = Args.fieldMapIfPresent(defaultFieldValues, "defaultFieldValues");
            params = params == null ? null : JsonValues.object(params, "params");
        }

        /** The common case: search for a number, pop immediately. */
        public static SearchAndScreenPop of(String searchParams, CallType callType) {
            return new SearchAndScreenPop(searchParams, callType, null, null, null, false);
        }

        @Override
        public String method() {
            return "searchAndScreenPop";
        }
    }

    // ---- records and Apex -------------------------------------------------------------------------------

    /**
     * Creates ({@code value.entityApiName}) or updates ({@code value.Id}) a record; the project uses it for
     * the call's Task. Exactly one of the two keys tells which.
     */
    record SaveLog(Map<String, @Nullable Object> value) implements OpenCtiInvocation {

        public SaveLog {
            value = Args.fieldMap(value, "value");
            if (value.isEmpty()) {
                throw new InvalidInvocationException("value", "must not be empty");
            }
            boolean create = value.containsKey("entityApiName");
            boolean update = value.containsKey("Id");
            if (create == update) {
                throw new InvalidInvocationException("value",
                        "must have either entityApiName (create) or Id (update), not " + (create ? "both" : "neither"));
            }
            if (create && !(value.get("entityApiName") instanceof String name && !name.isBlank())) {
                throw new InvalidInvocationException("value.entityApiName", "must be a non-blank string");
            }
            if (update) {
                Args.salesforceId(value.get("Id") instanceof String id ? id : null, "value.Id");
            }
        }

        @Override
        public String method() {
            return "saveLog";
        }
    }

    /** Reloads the current Lightning page, e.g. so a newly saved Task shows in the activity timeline. */
    record RefreshView() implements OpenCtiInvocation {
        @Override
        public String method() {
            return "refreshView";
        }
    }

    /** Calls a {@code webservice static} Apex method; {@code methodParams} is a query string ({@code a=1&b=2}). */
    record RunApex(String apexClass, String methodName, String methodParams) implements OpenCtiInvocation {

        public RunApex {
            Args.nonBlank(apexClass, "apexClass");
            Args.nonBlank(methodName, "methodName");
            Args.present(methodParams, "methodParams");
        }

        @Override
        public String method() {
            return "runApex";
        }
    }

    // ---- call center and softphone panel ----------------------------------------------------------------

    record GetCallCenterSettings() implements OpenCtiInvocation {
        @Override
        public String method() {
            return "getCallCenterSettings";
        }
    }

    record GetSoftphoneLayout() implements OpenCtiInvocation {
        @Override
        public String method() {
            return "getSoftphoneLayout";
        }
    }

    record SetSoftphonePanelVisibility(boolean visible) implements OpenCtiInvocation {
        @Override
        public String method() {
            return "setSoftphonePanelVisibility";
        }
    }

    record IsSoftphonePanelVisible() implements OpenCtiInvocation {
        @Override
        public String method() {
            return "isSoftphonePanelVisible";
        }
    }

    record SetSoftphonePanelHeight(int heightPX) implements OpenCtiInvocation {
        public static final int MIN = 240;
        public static final int MAX = 2560;

        public SetSoftphonePanelHeight {
            Args.range(heightPX, MIN, MAX, "heightPX");
        }

        @Override
        public String method() {
            return "setSoftphonePanelHeight";
        }
    }

    record SetSoftphonePanelWidth(int widthPX) implements OpenCtiInvocation {
        public static final int MIN = 200;
        public static final int MAX = 1920;

        public SetSoftphonePanelWidth {
            Args.range(widthPX, MIN, MAX, "widthPX");
        }

        @Override
        public String method() {
            return "setSoftphonePanelWidth";
        }
    }

    /** The label of the open softphone panel. */
    record SetSoftphonePanelLabel(String label) implements OpenCtiInvocation {
        public SetSoftphonePanelLabel {
            Args.nonBlank(label, "label");
        }

        @Override
        public String method() {
            return "setSoftphonePanelLabel";
        }
    }

    record SetSoftphonePanelIcon(String key) implements OpenCtiInvocation {
        public SetSoftphonePanelIcon {
            Args.iconKey(key, "key");
        }

        @Override
        public String method() {
            return "setSoftphonePanelIcon";
        }
    }

    /** The label of the utility-bar item, visible while the panel is closed (e.g. a call timer). */
    record SetSoftphoneItemLabel(String label) implements OpenCtiInvocation {
        public SetSoftphoneItemLabel {
            Args.nonBlank(label, "label");
        }

        @Override
        public String method() {
            return "setSoftphoneItemLabel";
        }
    }

    record SetSoftphoneItemIcon(String key) implements OpenCtiInvocation {
        public SetSoftphoneItemIcon {
            Args.iconKey(key, "key");
        }

        @Override
        public String method() {
            return "setSoftphoneItemIcon";
        }
    }

    // ---- Lightning Message Service ----------------------------------------------------------------------

    /**
     * Subscribes to a message channel; messages arrive as {@link OpenCtiEvent.ChannelMessage}. The library
     * hands the bridge a subscription object, so the bridge keeps it per channel and the server names the
     * channel again to {@link Unsubscribe}.
     */
    record Subscribe(String channelName) implements OpenCtiInvocation {
        public Subscribe {
            Args.channelName(channelName, "channelName");
        }

        @Override
        public String method() {
            return "subscribe";
        }
    }

    /** Ends the bridge's subscription to a channel (the bridge maps the name to its subscription object). */
    record Unsubscribe(String channelName) implements OpenCtiInvocation {
        public Unsubscribe {
            Args.channelName(channelName, "channelName");
        }

        @Override
        public String method() {
            return "unsubscribe";
        }
    }

    record Publish(String channelName, Map<String, @Nullable Object> message) implements OpenCtiInvocation {
        public Publish {
            Args.channelName(channelName, "channelName");
            message = JsonValues.object(message, "message");
        }

        @Override
        public String method() {
            return "publish";
        }
    }

    // ---- Sales Engagement (High Velocity Sales) ---------------------------------------------------------

    /** Registers the work-start listener; events arrive as {@link OpenCtiEvent.WorkStart}. */
    record HvsOnWorkStart() implements OpenCtiInvocation {
        @Override
        public String method() {
            return "hvs.onWorkStart";
        }
    }

    /** Completes a cadence step so the cadence advances; must happen exactly once per work item. */
    record HvsCompleteWork(String workId, WorkAttributes attributes) implements OpenCtiInvocation {
        public HvsCompleteWork {
            Args.salesforceId(workId, "workId");
            Args.present(attributes, "attributes");
        }

        @Override
        public String method() {
            return "hvs.completeWork";
        }
    }
}
