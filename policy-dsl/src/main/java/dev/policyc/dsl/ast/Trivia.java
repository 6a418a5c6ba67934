package dev.policyc.dsl.ast;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/**
 * The comments around a statement, kept so that {@code policyc fmt} never loses one.
 *
 * @param leading         whole-line comments before the statement, each without its {@code #}
 *                        and with trailing blanks removed
 * @param trailing        a comment on the statement's last line, after it
 * @param blankLineBefore whether the source had an empty line before the statement (or its
 *                        leading comments); {@code fmt} keeps one
 */
public record Trivia(ImmutableList<String> leading, Optional<String> trailing, boolean blankLineBefore) {

    public static final Trivia NONE = new Trivia(ImmutableList.of(), Optional.empty(), false);

    public Trivia {
        leading = ImmutableList.copyOf(leading);
        trailing = trailing == null ? Optional.empty() : trailing;
    }
}
