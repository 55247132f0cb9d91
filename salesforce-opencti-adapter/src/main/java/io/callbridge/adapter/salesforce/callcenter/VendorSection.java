package io.callbridge.adapter.salesforce.callcenter;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A section of the vendor's own settings, read back by the bridge as {@code /section/item}. */
public record VendorSection(String name, String label, List<VendorItem> items) {

    public VendorSection {
        Names.check(name, "vendor section");
        Names.text(label, name + ".label");
        if (items == null || items.isEmpty()) {
            throw new InvalidCallCenterDefinitionException(name, "a section needs at least one item");
        }
        items = List.copyOf(items);
        Set<String> seen = new HashSet<>();
        for (VendorItem item : items) {
            if (!seen.add(item.name())) {
                throw new InvalidCallCenterDefinitionException(name + "/" + item.name(), "duplicate item name");
            }
        }
    }
}
