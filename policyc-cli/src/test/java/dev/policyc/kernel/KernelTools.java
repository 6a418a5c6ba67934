package dev.policyc.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The programs every kernel test runs, and whether they can run here at all: root, {@code ip}
 * (iproute2), {@code python3}, and the right to create a network namespace. What loads a
 * target's rules ({@code nft}...) is the {@link KernelTarget}'s to check.
 *
 * @param ip      iproute2's {@code ip}
 * @param python3 the interpreter of the probe helper; the system one when there is one
 */
record KernelTools(Path ip, Path python3) {

    static final Duration SHORT = Duration.ofSeconds(20);

    /** The tools; call only after {@link #unavailableReason()} found nothing missing. */
    static KernelTools find() {
        return new KernelTools(
                Command.executable("ip").orElseThrow(),
                Command.executable("python3").orElseThrow());
    }

    /**
     * Why the kernel tests cannot run here, or empty when they can. Creates and deletes one
     * namespace of its own to find out, since a container may be root and still not allowed to.
     */
    static Optional<String> unavailableReason() {
        Optional<Integer> uid = uid();
        if (uid.isEmpty() || uid.get() != 0) {
            return Optional.of("needs root to create network namespaces and load rules; running as uid "
                    + uid.map(String::valueOf).orElse("unknown"));
        }
        for (String tool : List.of("ip", "python3")) {
            if (Command.executable(tool).isEmpty()) {
                return Optional.of(tool + " is not installed (looked in /usr/sbin, /sbin, /usr/bin, /bin and PATH)");
            }
        }
        KernelTools tools = find();
        String probe = Namespaces.uniqueName("probe");
        Command added = Command.run(List.of(tools.ip().toString(), "netns", "add", probe), "", SHORT);
        if (!added.ok()) {
            return Optional.of("cannot create a network namespace: " + added.describe());
        }
        Namespaces.delete(tools, probe);
        return Optional.empty();
    }

    /** The effective user id: the owner of this process's /proc entry. */
    private static Optional<Integer> uid() {
        try {
            return Optional.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
