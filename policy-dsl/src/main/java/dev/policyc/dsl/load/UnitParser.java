package dev.policyc.dsl.load;

import dev.policyc.dsl.parse.ParseResult;

/** Turns the text of one file into an AST; one for each {@link PolicyFormat}. */
@FunctionalInterface
public interface UnitParser {
    ParseResult parse(String file, String text);
}
