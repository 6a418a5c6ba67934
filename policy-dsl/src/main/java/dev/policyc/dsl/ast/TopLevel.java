package dev.policyc.dsl.ast;

/** What a file holds: includes, file-level defines and policies. */
public sealed interface TopLevel extends Node permits Include, Define, PolicyDecl {
    Trivia trivia();
}
