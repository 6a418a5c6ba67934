package dev.policyc.dsl.ast;

import dev.policyc.core.diag.SourceSpan;

/**
 * An endpoint as written. Literals stay text here; the checker validates them so that every
 * bad literal of a file is reported in one run.
 */
public sealed interface EndpointNode extends Node {

    /** {@code host A} or a bare address. */
    record Host(String address, SourceSpan span) implements EndpointNode {}

    /** {@code cidr P} or a bare prefix. */
    record Cidr(String prefix, SourceSpan span) implements EndpointNode {}

    /** {@code dns "name"}; the name unescaped. */
    record Dns(String name, SourceSpan span) implements EndpointNode {}

    /** {@code resolver}. */
    record Resolver(SourceSpan span) implements EndpointNode {}

    /** {@code any}. */
    record Any(SourceSpan span) implements EndpointNode {}

    /** {@code $name}; the name without {@code $}. */
    record Ref(String name, SourceSpan span) implements EndpointNode {}
}
