package dev.policyc.cli;

import dev.policyc.cli.PodmanSetup.PodmanMode;
import java.util.function.Function;

/**
 * What {@code install} and {@code doctor} know of the machine: who runs them, where podman's
 * configuration lives for each mode, and how to run host programs. Tests give their own.
 *
 * @param uid the effective user id
 * @param setups podman's locations for a mode
 * @param commands how host programs are run
 */
record Host(int uid, Function<PodmanMode, PodmanSetup> setups, HostCommands commands) {

    /** The real machine, with the environment variables of {@code environment}. */
    static Host system(CliEnvironment environment) {
        return new Host(ProcessOwner.uid(), mode -> PodmanSetup.system(mode, environment), HostCommands.system());
    }

    /** The mode the options ask for; without one, rootful for root and rootless for everyone else. */
    PodmanMode mode(ModeOptions options) {
        if (options != null && options.rootless) {
            return PodmanMode.ROOTLESS;
        }
        if (options != null && options.rootful) {
            return PodmanMode.ROOTFUL;
        }
        return uid == 0 ? PodmanMode.ROOTFUL : PodmanMode.ROOTLESS;
    }
}
