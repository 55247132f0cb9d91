package io.callbridge.adapter.salesforce.callcenter;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One setting of a vendor section. Every agent's browser can read it through {@code getCallCenterSettings},
 * so names that suggest a secret are refused: credentials belong on the server, never in the call center.
 */
public record VendorItem(String name, String label, String value) {

    private static final Pattern SECRET_LIKE = Pattern.compile("secret|password|passwd|token|key|credential");

    public VendorItem {
        Names.check(name, "vendor item");
        if (SECRET_LIKE.matcher(name.toLowerCase(Locale.ROOT)).find()) {
            throw new InvalidCallCenterDefinitionException(name,
                    "looks like a secret; agents' browsers can read every call-center item, keep secrets on the server");
        }
        Names.text(label, name + ".label");
        Names.text(value, name);
    }

    /** An item labelled with its name. */
    public static VendorItem of(String name, String value) {
        return new VendorItem(name, name, value);
    }
}
