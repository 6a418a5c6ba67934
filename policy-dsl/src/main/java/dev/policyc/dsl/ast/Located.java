package dev.policyc.dsl.ast;

import dev.policyc.core.diag.SourceSpan;
import java.util.Objects;

/** A value with the place in the source it came from. */
public record Located<T>(T value, SourceSpan span) {
    public Located {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(span, "span");
    }
}
