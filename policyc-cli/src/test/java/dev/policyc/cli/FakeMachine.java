package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import dev.policyc.cli.PodmanSetup.PodmanMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A machine laid out in a temporary directory for install and doctor: its /usr/share and /etc
 * containers configuration, a home, and a stand-in podman whose answers a test sets. Nothing
 * outside the directory is read or written, except that host tools other than podman (sh, nft,
 * sha256sum) run for real.
 */
final class FakeMachine {

    static final Path PODMAN = Path.of("/nonexistent/fake/podman");

    final Path root;
    final Path home;
    final int uid;
    final Map<String, HostCommands.Result> podmanAnswers = new HashMap<>();
    final List<List<String>> podmanCalls = new ArrayList<>();
    Optional<Path> containersConf = Optional.empty();
    boolean podmanInstalled = true;

    /** A machine under {@code root}; {@code uid} is who runs policyc there. */
    FakeMachine(Path root, int uid) {
        this.root = root;
        this.home = root.resolve("home/user");
        this.uid = uid;
        podmanAnswers.put("--version", new HostCommands.Result(0, "podman version 4.3.1\n", ""));
        podmanAnswers.put("info", new HostCommands.Result(0, "runc /usr/sbin/runc\n", ""));
    }

    /** A user id that owns nothing here when the tests run as root, else the real one. */
    static int someUser() {
        int uid = ProcessOwner.uid();
        return uid == 0 ? 4242 : uid;
    }

    PodmanSetup setup(PodmanMode mode) {
        return new PodmanSetup(mode, home, home.resolve(".config"), containersConf,
                root.resolve("usr/share/containers/containers.conf"), root.resolve("etc/containers/containers.conf"),
                ImmutableList.of(root.resolve("usr/share/containers/oci/hooks.d"), root.resolve("etc/containers/oci/hooks.d")));
    }

    Host host() {
        HostCommands real = HostCommands.system();
        HostCommands commands = new HostCommands() {
            @Override
            public Result run(List<String> command, Map<String, String> env, Duration timeout) {
                if (command.get(0).equals(PODMAN.toString())) {
                    podmanCalls.add(command);
                    return podmanAnswers.getOrDefault(command.get(1), new Result(125, "", "unexpected podman call"));
                }
                return real.run(command, env, timeout);
            }

            @Override
            public Optional<Path> find(String name, List<String> dirs) {
                if (name.equals("podman")) {
                    return podmanInstalled ? Optional.of(PODMAN) : Optional.empty();
                }
                return real.find(name, dirs);
            }
        };
        return new Host(uid, this::setup, commands);
    }

    /** Writes {@code text} to {@code relative} under the root, making directories. */
    Path write(String relative, String text) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CliRun install(String... args) {
        return CliRun.run(List.of(context -> new InstallCommand(context, host())), prepend("install", args));
    }

    CliRun doctor(String... args) {
        return CliRun.run(List.of(context -> new DoctorCommand(context, host())), prepend("doctor", args));
    }

    private static String[] prepend(String command, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
