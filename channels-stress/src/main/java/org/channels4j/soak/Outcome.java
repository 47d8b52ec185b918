package org.channels4j.soak;

/** How an operation on a ledger element ended; named in the soak's reports. */
enum Outcome {
    ACCEPTED("accepted"),
    RECEIVED("received"),
    RETURNED_FALSE("returned false"),
    INTERRUPTED("interrupted"),
    CLOSED("closed"),
    NOT_CHOSEN("clause not chosen");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
