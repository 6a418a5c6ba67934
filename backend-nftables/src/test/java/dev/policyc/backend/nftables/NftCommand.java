package dev.policyc.backend.nftables;

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
 * Runs the real {@code nft} binary for tests. {@code nft -c} (check) hands the ruleset to the
 * kernel for validation and discards it, so it changes nothing on the host; it needs root.
 */
final class NftCommand {

    /** What a run of a command gave back. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private NftCommand() {}

    /** Why {@code nft -c} cannot run here, or empty when it can. */
    static Optional<String> unavailableReason() {
        Optional<Path> nft = executable("nft");
        if (nft.isEmpty()) {
            return Optional.of("nft is not installed (not on PATH, /usr/sbin or /sbin)");
        }
        Optional<Integer> uid = uid();
        if (uid.isEmpty()) {
            return Optional.of("cannot tell the user id (no /proc/self/status), and nft -c needs root");
        }
        if (uid.get() != 0) {
            return Optional.of("nft -c needs root to ask the kernel; running as uid " + uid.get());
        }
        return Optional.empty();
    }

    /** {@code nft -c -f -} with {@code ruleset} on stdin. */
    static Result check(String ruleset) {
        return run(ruleset, List.of(nftPath(), "-c", "-f", "-"));
    }

    /** Any command, with {@code stdin} as input; fails the test on time-out. */
    static Result run(String stdin, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
    }

    static String nftPath() {
        return executable("nft").orElseThrow(() -> new AssertionError("nft not found")).toString();
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
