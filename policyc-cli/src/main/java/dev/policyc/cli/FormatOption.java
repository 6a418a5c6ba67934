package dev.policyc.cli;

import picocli.CommandLine.Option;

/**
 * {@code --format text|json}, shared by the commands that can answer in JSON. The JSON forms
 * are built by {@link JsonOutput} and described in {@code docs/cli.md}.
 */
final class FormatOption {

    /** The output forms; lower-case because picocli matches the user's word against the names. */
    enum Format { text, json }

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text (default) or json (one document on standard output, never coloured).")
    Format format = Format.text;

    boolean json() {
        return format == Format.json;
    }
}
