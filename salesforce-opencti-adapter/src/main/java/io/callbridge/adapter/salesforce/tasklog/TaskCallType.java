package io.callbridge.adapter.salesforce.tasklog;

/**
 * The Task's {@code CallType}, a restricted picklist: its values are capitalised, unlike Open CTI's
 * lower-case {@code CALL_TYPE}, and a wrong case fails the whole save.
 */
public enum TaskCallType {
    INBOUND("Inbound"), OUTBOUND("Outbound"), INTERNAL("Internal");

    private final String picklistValue;

    TaskCallType(String picklistValue) {
        this.picklistValue = picklistValue;
    }

    public String picklistValue() {
        return picklistValue;
    }
}
