package io.callbridge.adapter.hubspot.message;

/**
 * Thrown by record constructors when a value breaks a rule. It carries the wire name of the field, relative to
 * the record, so that the codec can report the full JSON path; Java callers just see an
 * {@link IllegalArgumentException}.
 */
final class InvalidFieldException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String wireField;

    InvalidFieldException(String wireField, String problem) {
        super(wireField.isEmpty() ? problem : wireField + " " + problem);
        this.wireField = wireField;
    }

    /** Wire name relative to the record being built; empty when the record's whole data object is meant. */
    String wireField() {
        return wireField;
    }
}
