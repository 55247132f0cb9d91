package io.callbridge.rest.hubspot;

/** A JSON body HubSpot sent (or the ledger holds) that does not have the shape expected; names the field. */
final class WireException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    WireException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    String field() {
        return field;
    }
}
