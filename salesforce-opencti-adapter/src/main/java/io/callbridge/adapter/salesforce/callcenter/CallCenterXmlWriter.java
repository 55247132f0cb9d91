package io.callbridge.adapter.salesforce.callcenter;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the {@code <callCenter>} document: sections of items, each with a {@code sortOrder} that starts at
 * 0 and has no gaps (Salesforce refuses the import otherwise), a {@code name} and a {@code label}.
 * Written by hand rather than with a DOM serializer so the output is byte-for-byte stable for golden tests.
 */
final class CallCenterXmlWriter {

    private static final String INDENT = "    ";

    private CallCenterXmlWriter() {
    }

    private record Item(String name, String label, String value) {
    }

    private record Section(String name, String label, List<Item> items) {
    }

    static String write(CallCenterDefinition definition) {
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<callCenter>\n");
        List<Section> sections = sections(definition);
        for (int s = 0; s < sections.size(); s++) {
            Section section = sections.get(s);
            xml.append(INDENT).append("<section sortOrder=\"").append(s)
                    .append("\" name=\"").append(escape(section.name()))
                    .append("\" label=\"").append(escape(section.label())).append("\">\n");
            List<Item> items = section.items();
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                xml.append(INDENT).append(INDENT).append("<item sortOrder=\"").append(i)
                        .append("\" name=\"").append(escape(item.name()))
                        .append("\" label=\"").append(escape(item.label())).append("\">")
                        .append(escape(item.value())).append("</item>\n");
            }
            xml.append(INDENT).append("</section>\n");
        }
        xml.append("</callCenter>\n");
        return xml.toString();
    }

    private static List<Section> sections(CallCenterDefinition d) {
        List<Item> general = new ArrayList<>();
        general.add(new Item("reqInternalName", "Internal Name", d.internalName()));
        general.add(new Item("reqDisplayName", "Display Name", d.displayName()));
        general.add(new Item("reqAdapterUrl", "CTI Adapter URL", d.adapterUrl().toString()));
        general.add(new Item("reqUseApi", "Use CTI API", "true"));
        general.add(new Item("reqSoftphoneHeight", "Softphone Height", Integer.toString(d.softphoneHeight())));
        general.add(new Item("reqSoftphoneWidth", "Softphone Width", Integer.toString(d.softphoneWidth())));
        general.add(new Item("reqSalesforceCompatibilityMode", "Salesforce Compatibility Mode", "Lightning"));
        d.standbyUrl().ifPresent(url -> general.add(new Item("reqStandbyUrl", "Standby URL", url.toString())));
        d.timeoutMs().ifPresent(ms -> general.add(new Item("reqTimeout", "Request Timeout (milliseconds)",
                Integer.toString(ms))));

        List<Item> dialing = List.of(
                new Item("reqOutsidePrefix", "Outside Prefix", d.outsidePrefix()),
                new Item("reqLongDistPrefix", "Long Distance Prefix", d.longDistancePrefix()),
                new Item("reqInternationalPrefix", "International Prefix", d.internationalPrefix()));

        List<Section> sections = new ArrayList<>();
        sections.add(new Section("reqGeneralInfo", "General Information", general));
        sections.add(new Section("reqDialingOptions", "Dialing Options", dialing));
        for (VendorSection vendor : d.vendorSections()) {
            sections.add(new Section(vendor.name(), vendor.label(),
                    vendor.items().stream().map(i -> new Item(i.name(), i.label(), i.value())).toList()));
        }
        return sections;
    }

    /** Escapes for both element text and double-quoted attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
