package io.callbridge.adapter.salesforce.opencti;

import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.DisableClickToDial;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.EnableClickToDial;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.GetAppViewInfo;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.GetCallCenterSettings;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.GetSoftphoneLayout;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.HvsCompleteWork;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.HvsOnWorkStart;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.IsSoftphonePanelVisible;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.NotifyInitializationComplete;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.OnClickToDial;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.OnNavigationChange;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.Publish;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.RefreshView;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.RunApex;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SaveLog;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.ScreenPop;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SearchAndScreenPop;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphoneItemIcon;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphoneItemLabel;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphonePanelHeight;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphonePanelIcon;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphonePanelLabel;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphonePanelVisibility;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.SetSoftphonePanelWidth;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.Subscribe;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.Unsubscribe;
import io.callbridge.adapter.salesforce.opencti.OpenCtiMessageException.Code;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * {@code {"method":…,"args":{…}}} → invocations, one decoder per Open CTI method. Keys a method does not know are
 * ignored, as the Open CTI library ignores them. Stateless.
 */
final class InvocationDecoder {

    static final Map<String, Function<Fields, OpenCtiInvocation>> METHODS = methodDecoders();

    private InvocationDecoder() {
    }

    static OpenCtiInvocation decode(JsonNode tree) {
        Fields root = Fields.root(tree);
        String method = root.string("method");
        Function<Fields, OpenCtiInvocation> decoder = METHODS.get(method);
        if (decoder == null) {
            throw new OpenCtiMessageException(Code.UNKNOWN_METHOD, "method", "unknown Open CTI method '" + method + "'");
        }
        Fields args = root.object("args");
        return args.build(() -> decoder.apply(args));
    }

    private static Map<String, Function<Fields, OpenCtiInvocation>> methodDecoders() {
        Map<String, Function<Fields, OpenCtiInvocation>> m = new LinkedHashMap<>();
        m.put("notifyInitializationComplete", a -> new NotifyInitializationComplete());
        m.put("enableClickToDial", a -> new EnableClickToDial());
        m.put("disableClickToDial", a -> new DisableClickToDial());
        m.put("onClickToDial", a -> new OnClickToDial());
        m.put("onNavigationChange", a -> new OnNavigationChange());
        m.put("getAppViewInfo", a -> new GetAppViewInfo());
        m.put("screenPop", InvocationDecoder::screenPop);
        m.put("searchAndScreenPop", a -> {
            String callType = a.string("callType");
            return new SearchAndScreenPop(a.string("searchParams"),
                    CallType.fromWire(callType).orElseThrow(() -> new OpenCtiMessageException(Code.INVALID_VALUE,
                            a.pathOf("callType"), "must be inbound, outbound or internal, was '" + callType + "'")),
                    a.optString("queryParams"), a.optMap("defaultFieldValues"), a.optMap("params"),
                    a.optBool("deferred", false));
        });
        m.put("saveLog", a -> new SaveLog(a.map("value")));
        m.put("refreshView", a -> new RefreshView());
        m.put("runApex", a -> new RunApex(a.string("apexClass"), a.string("methodName"), a.string("methodParams")));
        m.put("getCallCenterSettings", a -> new GetCallCenterSettings());
        m.put("getSoftphoneLayout", a -> new GetSoftphoneLayout());
        m.put("setSoftphonePanelVisibility", a -> new SetSoftphonePanelVisibility(a.bool("visible")));
        m.put("isSoftphonePanelVisible", a -> new IsSoftphonePanelVisible());
        m.put("setSoftphonePanelHeight", a -> new SetSoftphonePanelHeight(a.integer("heightPX")));
        m.put("setSoftphonePanelWidth", a -> new SetSoftphonePanelWidth(a.integer("widthPX")));
        m.put("setSoftphonePanelLabel", a -> new SetSoftphonePanelLabel(a.string("label")));
        m.put("setSoftphonePanelIcon", a -> new SetSoftphonePanelIcon(a.string("key")));
        m.put("setSoftphoneItemLabel", a -> new SetSoftphoneItemLabel(a.string("label")));
        m.put("setSoftphoneItemIcon", a -> new SetSoftphoneItemIcon(a.string("key")));
        m.put("subscribe", a -> new Subscribe(a.string("channelName")));
        m.put("unsubscribe", a -> new Unsubscribe(a.string("channelName")));
        m.put("publish", a -> new Publish(a.string("channelName"), a.map("message")));
        m.put("hvs.onWorkStart", a -> new HvsOnWorkStart());
        m.put("hvs.completeWork", a -> {
            Fields attributes = a.object("attributes");
            // wasConnected is required here although Salesforce defaults it to true: a bridge must not
            // report a missed call as connected by leaving it out.
            return new HvsCompleteWork(a.string("workId"), new WorkAttributes(attributes.string("disposition"),
                    attributes.string("taskId"), attributes.bool("wasConnected")));
        });
        return Collections.unmodifiableMap(m);
    }

    private static ScreenPop screenPop(Fields args) {
        String type = args.string("type");
        Fields p = args.object("params");
        return switch (type) {
            case "sobject" -> new ScreenPop.SObject(p.string("recordId"));
            case "url" -> new ScreenPop.Url(p.string("url"));
            case "objecthome" -> new ScreenPop.ObjectHome(p.string("scope"));
            case "list" -> new ScreenPop.ListView(p.string("listViewId"), p.string("scope"));
            case "search" -> new ScreenPop.Search(p.string("searchString"));
            case "newRecord" -> new ScreenPop.NewRecord(p.string("entityName"), p.optMap("defaultFieldValues"));
            case "flow" -> {
                List<FlowArg> flowArgs = new ArrayList<>();
                List<Fields> elements = p.optObjects("flowArgs");
                for (Fields e : elements == null ? List.<Fields>of() : elements) {
                    String name = e.string("name");
                    String flowType = e.string("type");
                    Object value = e.any("value");
                    try {
                        flowArgs.add(new FlowArg(name, flowType, value));
                    } catch (InvalidInvocationException ex) {
                        // FlowArg cannot know its index; the decoder can.
                        String field = ex.argument().replace("params.flowArgs[]", e.path());
                        throw new OpenCtiMessageException(Code.INVALID_VALUE, field, ex.getMessage(), ex);
                    }
                }
                yield new ScreenPop.Flow(p.string("flowDevName"), flowArgs);
            }
            default -> throw new OpenCtiMessageException(Code.INVALID_VALUE, args.pathOf("type"),
                    "unknown screen pop type '" + type + "'");
        };
    }
}
