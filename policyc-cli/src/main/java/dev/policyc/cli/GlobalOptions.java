package dev.policyc.cli;

/**
 * The options that apply to every subcommand, as parsed for one run. Mutable because picocli
 * sets it while parsing; one instance per {@link Main#run} call, never shared.
 */
final class GlobalOptions {

    private boolean quiet;

    boolean quiet() {
        return quiet;
    }

    void setQuiet(boolean quiet) {
        this.quiet = quiet;
    }
}
