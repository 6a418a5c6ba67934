package dev.policyc.dsl.ast;

import dev.policyc.core.diag.SourceSpan;

/**
 * {@code include "path"}: brings the top-level defines of another file.
 *
 * @param path     the path as written (unescaped), relative to the including file
 * @param pathSpan where the string literal is
 */
public record Include(String path, SourceSpan pathSpan, SourceSpan span, Trivia trivia) implements TopLevel {}
