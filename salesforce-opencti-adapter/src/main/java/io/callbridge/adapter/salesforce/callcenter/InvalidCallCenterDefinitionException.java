package io.callbridge.adapter.salesforce.callcenter;

/** A call-center definition value Salesforce would refuse on import, or that would not work in Lightning. */
public final class InvalidCallCenterDefinitionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidCallCenterDefinitionException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The builder property or {@code section/item} name at fault. */
    public String field() {
        return field;
    }
}
