package io.callbridge.adapter.salesforce.opencti;

import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.HvsCompleteWork;
import io.callbridge.adapter.salesforce.opencti.OpenCtiInvocation.Publish;
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
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Invocations → the JSON a bridge runs: {@code {"method":…,"args":{…}}}, or the {@code args} alone, written by one
 * Jackson generator per message. Optional arguments that are absent are left out, as the Open CTI library expects.
 * Stateless.
 */
final class InvocationEncoder {
    /**
     * Invocations whose record has no components take no arguments: their args are always {@code {}}, with no
     * generator needed to say so.
     */
    private static final ClassValue<Boolean> WITHOUT_ARGS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isRecord() && type.getRecordComponents().length == 0;
        }
    };

    private InvocationEncoder() {
    }

    static String invocation(OpenCtiInvocation invocation) {
        return OpenCtiJson.write(g -> {
            g.writeStartObject();
            g.writeStringProperty("method", invocation.method());
            g.writeName("args");
            writeArgs(g, invocation);
            g.writeEndObject();
        });
    }

    static String args(OpenCtiInvocation invocation) {
        if (WITHOUT_ARGS.get(invocation.getClass())) {
            return "{}";
        }
        return OpenCtiJson.write(g -> writeArgs(g, invocation));
    }

    private static void writeArgs(JsonGenerator g, OpenCtiInvocation invocation) {
        g.writeStartObject();
        if (invocation instanceof ScreenPop pop) {
            g.writeStringProperty("type", pop.type());
            g.writeName("params");
            writeScreenPopParams(g, pop);
        } else if (invocation instanceof SearchAndScreenPop s) {
            g.writeStringProperty("searchParams", s.searchParams());
            g.writeStringProperty("callType", s.callType().wireValue());
            writeIfPresent(g, "queryParams", s.queryParams());
            writeIfPresent(g, "defaultFieldValues", s.defaultFieldValues());
            writeIfPresent(g, "params", s.params());
            if (s.deferred()) {
                g.writeBooleanProperty("deferred", true);
            }
        } else if (invocation instanceof SaveLog s) {
            g.writeName("value");
            OpenCtiJson.writeValue(g, s.value());
        } else if (invocation instanceof RunApex r) {
            g.writeStringProperty("apexClass", r.apexClass());
            g.writeStringProperty("methodName", r.methodName());
            g.writeStringProperty("methodParams", r.methodParams());
        } else if (invocation instanceof SetSoftphonePanelVisibility v) {
            g.writeBooleanProperty("visible", v.visible());
        } else if (invocation instanceof SetSoftphonePanelHeight h) {
            g.writeNumberProperty("heightPX", h.heightPX());
        } else if (invocation instanceof SetSoftphonePanelWidth w) {
            g.writeNumberProperty("widthPX", w.widthPX());
        } else if (invocation instanceof SetSoftphonePanelLabel l) {
            g.writeStringProperty("label", l.label());
        } else if (invocation instanceof SetSoftphoneItemLabel l) {
            g.writeStringProperty("label", l.label());
        } else if (invocation instanceof SetSoftphonePanelIcon i) {
            g.writeStringProperty("key", i.key());
        } else if (invocation instanceof SetSoftphoneItemIcon i) {
            g.writeStringProperty("key", i.key());
        } else if (invocation instanceof Subscribe s) {
            g.writeStringProperty("channelName", s.channelName());
        } else if (invocation instanceof Unsubscribe u) {
            g.writeStringProperty("channelName", u.channelName());
        } else if (invocation instanceof Publish p) {
            g.writeStringProperty("channelName", p.channelName());
            g.writeName("message");
            OpenCtiJson.writeValue(g, p.message());
        } else if (invocation instanceof HvsCompleteWork c) {
            g.writeStringProperty("workId", c.workId());
            g.writeName("attributes");
            g.writeStartObject();
            g.writeStringProperty("disposition", c.attributes().disposition());
            g.writeStringProperty("taskId", c.attributes().taskId());
            g.writeBooleanProperty("wasConnected", c.attributes().wasConnected());
            g.writeEndObject();
        }
        // Every other method takes no arguments besides the callback or listener the bridge adds.
        g.writeEndObject();
    }

    private static void writeScreenPopParams(JsonGenerator g, ScreenPop pop) {
        g.writeStartObject();
        if (pop instanceof ScreenPop.SObject s) {
            g.writeStringProperty("recordId", s.recordId());
        } else if (pop instanceof ScreenPop.Url u) {
            g.writeStringProperty("url", u.url());
        } else if (pop instanceof ScreenPop.ObjectHome h) {
            g.writeStringProperty("scope", h.scope());
        } else if (pop instanceof ScreenPop.ListView l) {
            g.writeStringProperty("listViewId", l.listViewId());
            g.writeStringProperty("scope", l.scope());
        } else if (pop instanceof ScreenPop.Search s) {
            g.writeStringProperty("searchString", s.searchString());
        } else if (pop instanceof ScreenPop.NewRecord n) {
            g.writeStringProperty("entityName", n.entityName());
            writeIfPresent(g, "defaultFieldValues", n.defaultFieldValues());
        } else if (pop instanceof ScreenPop.Flow f) {
            g.writeStringProperty("flowDevName", f.flowDevName());
            g.writeName("flowArgs");
            g.writeStartArray();
            for (FlowArg arg : f.flowArgs()) {
                g.writeStartObject();
                g.writeStringProperty("name", arg.name());
                g.writeStringProperty("type", arg.type());
                g.writeName("value");
                OpenCtiJson.writeValue(g, arg.value());
                g.writeEndObject();
            }
            g.writeEndArray();
        } else {
            throw new IllegalStateException("unhandled screen pop " + pop.getClass());
        }
        g.writeEndObject();
    }

    private static void writeIfPresent(JsonGenerator g, String key, @Nullable Object value) {
        if (value != null) {
            g.writeName(key);
            OpenCtiJson.writeValue(g, value);
        }
    }
}
