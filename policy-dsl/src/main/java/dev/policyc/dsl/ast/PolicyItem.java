package dev.policyc.dsl.ast;

/** What a policy body holds: local defines, defaults and rules. */
public sealed interface PolicyItem extends Node permits Define, DefaultDecl, RuleDecl {
    Trivia trivia();
}
