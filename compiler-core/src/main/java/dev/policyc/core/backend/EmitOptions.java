package dev.policyc.core.backend;

import java.util.Objects;

/**
 * What the caller asks of every backend, beyond the program itself.
 *
 * @param generatedBy who made the output, for the header comment of generated files
 *                    ({@code policyc 0.1.0}); kept out of rules so that output is stable
 */
public record EmitOptions(String generatedBy) {

    public EmitOptions {
        Objects.requireNonNull(generatedBy, "generatedBy");
    }

    /** Options that name no version, so that output depends on the program alone. */
    public static EmitOptions defaults() {
        return new EmitOptions("policyc");
    }
}
