package io.callbridge.adapter.salesforce.opencti;

/** Salesforce record ids, as the wire model and the Task log check them. */
public final class SalesforceIds {
    private SalesforceIds() {
    }

    /**
     * Whether {@code value} is a record id: 15 (case-sensitive) or 18 (case-insensitive) ASCII letters and digits. A
     * loop rather than a regex: every Task log and saved-Task result checks ids.
     */
    public static boolean isValid(String value) {
        if (value.length() != 15 && value.length() != 18) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
