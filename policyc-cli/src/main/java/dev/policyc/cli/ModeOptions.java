package dev.policyc.cli;

import picocli.CommandLine.Option;

/** {@code --rootless} or {@code --rootful}: which podman to set up or check (default: by user id). */
final class ModeOptions {

    @Option(names = "--rootless", description = "Rootless podman of the user running policyc (default for users other than root).")
    boolean rootless;

    @Option(names = "--rootful", description = "Rootful podman, run by root (default for root).")
    boolean rootful;
}
