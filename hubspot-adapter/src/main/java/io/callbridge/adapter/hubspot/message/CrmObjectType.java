package io.callbridge.adapter.hubspot.message;

/** Kind of CRM record by name: DIAL_NUMBER {@code objectType}, caller-id match {@code callerIdType}, {@code hs_call_callee_object_type}. */
public enum CrmObjectType implements WireValue {
    CONTACT("CONTACT"),
    COMPANY("COMPANY");

    private final String wireValue;

    CrmObjectType(String wireValue) {
        this.wireValue = wireValue;
    }

    @Override
    public String wireValue() {
        return wireValue;
    }
}
