package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A dedicated user for rootless podman, made for the test and removed by {@link #close()} with
 * everything it left: its processes (podman's pause process), home and container storage,
 * runtime directories, its /etc/subuid and /etc/subgid lines, and the mode of /dev/net/tun
 * (opened for slirp4netns).
 */
public final class RootlessUser implements AutoCloseable {

    /** The user of this module's podman tests; other modules' tests choose their own name. */
    static final String NAME = "policyc-e2e";
    private static final Path TUN = Path.of("/dev/net/tun");
    private static final int RANGE = 65536;

    public final String name;
    public final Path home;
    public final int uid;
    private final Set<PosixFilePermission> tunMode;

    private RootlessUser(String name, Path home, int uid, Set<PosixFilePermission> tunMode) {
        this.name = name;
        this.home = home;
        this.uid = uid;
        this.tunMode = tunMode;
    }

    public static Optional<String> unavailable() {
        for (String tool : List.of("useradd", "userdel", "runuser", "newuidmap", "newgidmap", "slirp4netns", "id", "getent")) {
            if (HostTools.executable(tool).isEmpty()) {
                return Optional.of(tool + " is not installed (Debian: passwd, util-linux, uidmap, slirp4netns)");
            }
        }
        if (!Files.exists(TUN)) {
            return Optional.of("/dev/net/tun is missing, slirp4netns needs it");
        }
        return Optional.empty();
    }

    /** The user, made afresh (one left by an interrupted run is removed first). */
    static RootlessUser create() {
        return create(NAME);
    }

    /** The user {@code name}, made afresh (one left by an interrupted run is removed first). */
    public static RootlessUser create(String name) {
        if (HostTools.run(List.of(HostTools.path("id"), "-u", name)).ok()) {
            remove(name, Optional.empty());
        }
        try {
            HostTools.Result added = HostTools.run(List.of(HostTools.path("useradd"), "-m", "-s", "/bin/sh", name));
            assertTrue(added.ok(), added::toString);
            String[] entry = HostTools.run(List.of(HostTools.path("getent"), "passwd", name)).stdout().trim().split(":");
            int uid = Integer.parseInt(entry[2]);
            Path home = Path.of(entry[5]);
            String line = name + ":" + freeRangeStart() + ":" + RANGE;
            for (Path file : List.of(Path.of("/etc/subuid"), Path.of("/etc/subgid"))) {
                List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
                lines.add(line);
                Files.write(file, lines);
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(TUN);
            Files.setPosixFilePermissions(TUN, PosixFilePermissions.fromString("rw-rw-rw-"));
            return new RootlessUser(name, home, uid, mode);
        } catch (IOException e) {
            remove(name, Optional.empty());
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            remove(name, Optional.empty());
            throw e;
        }
    }

    /** The first multiple of 65536 from 65536 * 8 that no line of /etc/subuid or /etc/subgid overlaps. */
    private static long freeRangeStart() throws IOException {
        List<long[]> used = new ArrayList<>();
        for (Path file : List.of(Path.of("/etc/subuid"), Path.of("/etc/subgid"))) {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    String[] parts = line.split(":");
                    if (parts.length == 3 && parts[1].matches("\\d+") && parts[2].matches("\\d+")) {
                        used.add(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[1]) + Long.parseLong(parts[2])});
                    }
                }
            }
        }
        for (long start = RANGE * 8L; ; start += RANGE) {
            long s = start;
            if (used.stream().noneMatch(r -> s < r[1] && r[0] < s + RANGE)) {
                return start;
            }
        }
    }

    @Override
    public void close() {
        remove(name, Optional.of(this));
    }

    /** Removes the user and what it left; {@code made} restores what this run changed. */
    private static void remove(String name, Optional<RootlessUser> made) {
        Optional<Integer> uid = idOf(name);
        uid.ifPresent(RootlessUser::stopProcesses);
        HostTools.run(List.of(HostTools.path("userdel"), "-r", name));
        try {
            for (Path file : List.of(Path.of("/etc/subuid"), Path.of("/etc/subgid"))) {
                if (Files.exists(file)) {
                    List<String> lines = Files.readAllLines(file);
                    List<String> kept = lines.stream().filter(l -> !l.startsWith(name + ":")).toList();
                    if (kept.size() != lines.size()) {
                        Files.write(file, kept);
                    }
                }
            }
            if (uid.isPresent()) {
                for (Path runtime : List.of(Path.of("/tmp/podman-run-" + uid.get()), Path.of("/tmp/containers-user-" + uid.get()),
                        Path.of("/run/user/" + uid.get()))) {
                    deleteTree(runtime);
                }
            }
            if (made.isPresent()) {
                Files.setPosixFilePermissions(TUN, made.get().tunMode);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Integer> idOf(String name) {
        HostTools.Result id = HostTools.run(List.of(HostTools.path("id"), "-u", name));
        return id.ok() ? Optional.of(Integer.parseInt(id.stdout().trim())) : Optional.empty();
    }

    /** Stops every process of the test user, by process id: they are all the test's. */
    private static void stopProcesses(int uid) {
        List<ProcessHandle> mine = ProcessHandle.allProcesses().filter(p -> isOwnedBy(p, uid)).toList();
        mine.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : mine) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                p.destroyForcibly();
            }
        }
    }

    private static boolean isOwnedBy(ProcessHandle process, int uid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            return lines.filter(l -> l.startsWith("Uid:")).findFirst()
                    .map(l -> l.substring(4).trim().split("\\s+")[0].equals(Integer.toString(uid))).orElse(false);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
