package dev.policyc.dsl.ast;

import dev.policyc.core.diag.SourceSpan;

/** An identifier where it is declared: the name of a policy or a define (without {@code $}). */
public record Name(String text, SourceSpan span) implements Node {}
