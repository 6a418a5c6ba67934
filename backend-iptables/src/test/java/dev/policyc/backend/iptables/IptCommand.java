package dev.policyc.backend.iptables;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs real commands for tests. Everything that loads rules runs inside a {@link ScratchNamespace},
 * never in the host's network namespace.
 */
final class IptCommand {

    /** What a run of a command gave back. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        String output() {
            return stdout + stderr;
        }
    }

    private IptCommand() {}

    /**
     * Why the kernel tests cannot run here, or empty when they can: they need iptables-restore,
     * ip6tables-restore, iptables-save, ip6tables-save, ip and bash, and root to make namespaces.
     */
    static Optional<String> unavailableReason() {
        for (String tool : List.of("iptables-restore", "ip6tables-restore", "iptables-save", "ip6tables-save", "ip", "bash")) {
            if (executable(tool).isEmpty()) {
                return Optional.of(tool + " is not installed (not on PATH, /usr/sbin or /sbin)");
            }
        }
        Optional<Integer> uid = uid();
        if (uid.isEmpty()) {
            return Optional.of("cannot tell the user id (no /proc/self/status), and network namespaces need root");
        }
        if (uid.get() != 0) {
            return Optional.of("network namespaces and iptables need root; running as uid " + uid.get());
        }
        return Optional.empty();
    }

    /** {@code command} with {@code stdin} as input; fails the test on time-out. */
    static Result run(String stdin, List<String> command) {
        try {
            Path err = Files.createTempFile("policyc-ipt", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
                try (OutputStream in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                } catch (IOException closedEarly) {
                    // The command did not read all of its input; its exit status tells the rest.
                }
                String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("timed out: " + command);
                }
                return new Result(process.exitValue(), stdout, Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
    }

    /** The path of {@code name}; fails the test when it is missing. */
    static String path(String name) {
        return executable(name).orElseThrow(() -> new AssertionError(name + " not found")).toString();
    }

    /** {@code name} on PATH, or in the sbin directories that a non-login PATH may lack. */
    static Optional<Path> executable(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return dirs.stream()
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Optional<Integer> uid() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("Uid:"))
                    .map(l -> Integer.parseInt(l.substring(4).trim().split("\\s+")[1]))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
