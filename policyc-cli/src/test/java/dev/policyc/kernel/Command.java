package dev.policyc.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of an external program with a deadline. Output is read on other threads while the
 * input is written, so a chatty program cannot block on a full pipe; a program still running at
 * the deadline is killed and the run fails the test.
 *
 * @param exitCode the program's exit status
 * @param stdout   what it printed on standard output
 * @param stderr   what it printed on standard error
 */
record Command(List<String> argv, int exitCode, String stdout, String stderr) {

    boolean ok() {
        return exitCode == 0;
    }

    /** What a failure message shows: the command line, its status and both streams. */
    String describe() {
        return String.join(" ", argv) + " -> exit " + exitCode
                + (stdout.isBlank() ? "" : "\nstdout:\n" + stdout)
                + (stderr.isBlank() ? "" : "\nstderr:\n" + stderr);
    }

    /** Runs {@code argv} with {@code stdin} as its input; fails the test when it outlives {@code timeout}. */
    static Command run(List<String> argv, String stdin, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + argv + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The program exited without reading its input; its status and stderr tell why.
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", argv));
            }
            return new Command(List.copyOf(argv), process.exitValue(),
                    out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + argv, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read the output of " + argv + ": " + e, e);
        }
    }

    /** The path of {@code name}: on PATH, or in the sbin directories a non-login PATH may lack. */
    static Optional<Path> executable(String name) {
        List<String> dirs = new ArrayList<>(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        dirs.addAll(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        return dirs.stream()
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
