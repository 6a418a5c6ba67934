package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs host commands for the tests, bounded in time, and says why a test cannot run here. */
final class HostTools {

    /** What a command gave back. */
    record Result(int exit, String stdout, String stderr) {
        boolean ok() {
            return exit == 0;
        }

        List<String> stderrLines() {
            return stderr.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private HostTools() {}

    /** {@code name} on PATH, or in the sbin directories a non-login PATH may lack. */
    static Optional<Path> executable(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    static String path(String name) {
        return executable(name).orElseThrow(() -> new AssertionError(name + " not found")).toString();
    }

    /** The real user id of this process, from /proc. */
    static Optional<Integer> uid() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("Uid:")).map(l -> Integer.parseInt(l.substring(4).trim().split("\\s+")[0])).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Why a test needing root and {@code tools} cannot run here, or empty when it can. */
    static Optional<String> rootUnavailable(String... tools) {
        for (String tool : tools) {
            if (executable(tool).isEmpty()) {
                return Optional.of(tool + " is not installed");
            }
        }
        Optional<Integer> uid = uid();
        if (uid.isEmpty() || uid.get() != 0) {
            return Optional.of("needs root (network namespaces, nft); running as uid " + uid.map(String::valueOf).orElse("?"));
        }
        return Optional.empty();
    }

    /** {@code ip ARGS...}, failing the test unless it succeeds. */
    static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of(path("ip")));
        command.addAll(List.of(args));
        Result result = run(command);
        assertTrue(result.ok(), () -> String.join(" ", command) + ": " + result);
    }

    static Result run(List<String> command) {
        return run(command, Map.of(), "", 60);
    }

    /**
     * {@code command} with {@code env} added to (or, for keys mapped to null, removed from) this
     * process's environment, {@code stdin} as input; fails the test after {@code seconds}.
     */
    static Result run(List<String> command, Map<String, String> env, String stdin, int seconds) {
        return run(command, env, stdin, seconds, null);
    }

    /** As {@link #run(List, Map, String, int)}, in the working directory {@code cwd} (null: this one). */
    static Result run(List<String> command, Map<String, String> env, String stdin, int seconds, Path cwd) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (cwd != null) {
                builder.directory(cwd.toFile());
            }
            Map<String, String> environment = builder.environment();
            env.forEach((k, v) -> {
                if (v == null) {
                    environment.remove(k);
                } else {
                    environment.put(k, v);
                }
            });
            Process process = builder.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedEarly) {
                // the command did not read all of its input; its result says why
            }
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("timed out after " + seconds + " s: " + command);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
    }

    static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    /**
     * A busybox HTTP server on {@code listen} (ADDRESS:PORT, IPv6 in brackets) serving {@code www},
     * run after {@code prefix} (such as {@code ip netns exec NS}); stop it with {@link #stop}.
     */
    static Process serve(List<String> prefix, String listen, Path www) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("/bin/busybox", "httpd", "-f", "-p", listen, "-h", www.toString()));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until an HTTP request to {@code listen}, sent after {@code prefix}, gets {@code page}: 50 tries, 100 ms apart. */
    static void awaitPage(List<String> prefix, String listen, String page) {
        String address = listen.substring(0, listen.lastIndexOf(':')).replace("[", "").replace("]", "");
        String port = listen.substring(listen.lastIndexOf(':') + 1);
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("/bin/busybox", "nc", "-w", "1", address, port));
        for (int i = 0; i < 50; i++) {
            if (run(command, Map.of(), "GET / HTTP/1.0\r\n\r\n", 10).stdout().contains(page)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("server " + listen + " does not answer");
    }

    /** Stops processes this test started: politely, then after 5 s by force. */
    static void stop(List<Process> processes) {
        for (Process process : processes) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Every command the hook program may run, for PATHs that leave some of them out. */
    static final List<String> HOOK_TOOLS = List.of("sh", "head", "tr", "grep", "sed", "awk", "cut", "readlink", "cat",
            "sha256sum", "logger", "getent", "unshare", "mount", "timeout", "paste", "sort", "nft",
            "iptables-restore", "ip6tables-restore", "iptables-save", "ip6tables-save");

    /**
     * A directory of links to the hook's tools found on this host, all but {@code without}: a
     * PATH for running the hook on a host that lacks those.
     */
    static Path toolDir(Path dir, Collection<String> without) {
        try {
            Files.createDirectories(dir);
            for (String tool : HOOK_TOOLS) {
                Optional<Path> found = executable(tool);
                if (!without.contains(tool) && found.isPresent()) {
                    Files.createSymbolicLink(dir.resolve(tool), found.get());
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
