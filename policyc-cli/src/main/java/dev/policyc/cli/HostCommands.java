package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs of the host for {@code doctor}: an interface so that tests can answer for podman
 * and friends. Every run is bounded in time.
 */
interface HostCommands {

    /** What a program gave back; exit -1 when it could not be started or timed out. */
    record Result(int exit, String stdout, String stderr) {
        boolean ok() {
            return exit == 0;
        }

        /** The first non-blank line of stderr, else of stdout: the usual one-line reason. */
        String firstLine() {
            return Lines.firstNonBlank(stderr).or(() -> Lines.firstNonBlank(stdout)).orElse("exit status " + exit);
        }
    }

    /** Runs {@code command} (its first element a path or a name on PATH) with {@code env} added to this process's. */
    Result run(List<String> command, Map<String, String> env, Duration timeout);

    default Result run(List<String> command) {
        return run(command, Map.of(), Duration.ofSeconds(60));
    }

    /** The executable {@code name} in {@code dirs}, then in this process's PATH and the sbin directories. */
    Optional<Path> find(String name, List<String> dirs);

    default Optional<Path> find(String name) {
        return find(name, List.of());
    }

    /** The real host. */
    static HostCommands system() {
        return new HostCommands() {
            @Override
            public Result run(List<String> command, Map<String, String> env, Duration timeout) {
                ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
                builder.environment().putAll(env);
                Process process;
                try {
                    process = builder.start();
                } catch (IOException e) {
                    return new Result(-1, "", "cannot run " + command.get(0) + ": " + e.getMessage());
                }
                try {
                    process.getOutputStream().close();
                    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
                    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
                    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly();
                        return new Result(-1, "", command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
                    }
                    return new Result(process.exitValue(), out.join(), err.join());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                    return new Result(-1, "", "interrupted");
                }
            }

            @Override
            public Optional<Path> find(String name, List<String> dirs) {
                List<String> all = new ArrayList<>(dirs);
                all.addAll(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
                all.addAll(SBIN_AND_BIN);
                return all.stream().filter(d -> d.startsWith("/")).map(d -> Path.of(d, name))
                        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
            }
        };
    }

    /** Where system tools live, for a PATH (a user's, say) that lacks the sbin directories. */
    ImmutableList<String> SBIN_AND_BIN = ImmutableList.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin");

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Small text helpers. */
    final class Lines {
        private Lines() {}

        static Optional<String> firstNonBlank(String text) {
            return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst();
        }
    }
}
