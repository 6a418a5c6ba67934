package dev.policyc.dsl.ast;

import dev.policyc.core.diag.SourceSpan;

/** One item of a port list, as written. Numbers stay text so that overflow is reported, not thrown. */
public sealed interface PortItem extends Node {

    /** {@code 443}. */
    record Single(String number, SourceSpan span) implements PortItem {}

    /** {@code 8000-8080}. */
    record Range(String first, SourceSpan firstSpan, String last, SourceSpan lastSpan, SourceSpan span)
            implements PortItem {}

    /** {@code $name}; the name without {@code $}. */
    record Ref(String name, SourceSpan span) implements PortItem {}
}
