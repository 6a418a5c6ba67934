package dev.policyc.cli;

/**
 * The exit codes of {@code policyc}, the same for every subcommand.
 *
 * <p>Scripts and CI jobs depend on these numbers: never renumber them.
 */
public enum ExitCode {
    /** The command did what was asked and found nothing wrong. */
    OK(0),
    /**
     * The policy is invalid (at least one error diagnostic), a verification failed, or
     * {@code fmt --check} found a difference.
     */
    FAILED(1),
    /** The command line was wrong: unknown option or command, missing or malformed argument. */
    USAGE(2),
    /** A bug in policyc: an exception nobody expected. */
    INTERNAL_ERROR(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The number the process exits with. */
    public int code() {
        return code;
    }

    /** {@link #FAILED} when {@code failed} is true, else {@link #OK}. */
    public static ExitCode failedIf(boolean failed) {
        return failed ? FAILED : OK;
    }
}
