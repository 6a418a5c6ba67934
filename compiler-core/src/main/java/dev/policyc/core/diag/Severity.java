package dev.policyc.core.diag;

/** How serious a {@link Diagnostic} is. Errors stop a compilation; warnings never do. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The lower-case word printed in {@code FILE:LINE:COL: error: ...}. */
    public String label() {
        return label;
    }
}
