package dev.policyc.cli;

/**
 * Marks a subcommand that reads the whole command tree when it runs (the completion script
 * lists every command and option), so {@link Main} builds every subcommand even when the
 * command line names only this one.
 */
interface ReadsWholeTree {}
