package dev.policyc.cli;

import dev.policyc.api.Emission;
import dev.policyc.core.backend.Artifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Puts a bundle into its final directory so that podman never sees half of one: the files are
 * written to a new directory beside it, then the old bundle (if any) is renamed away and the new
 * one renamed into place, and the old one removed. A container starting in the instant between
 * the two renames finds no hook program and does not start (fail closed), never unfiltered.
 *
 * <p>Whoever can write the bundle, or any directory above it, decides what containers may do:
 * {@link #unsafe} refuses places that others can change.
 */
final class BundleInstaller {

    private static final String DIR_MODE = "rwxr-xr-x";
    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;

    private BundleInstaller() {}

    /**
     * Why {@code bundleDir} is no place for a bundle, or empty: it exists and is not a bundle
     * (policyc would replace it), or it or a directory above it can be changed by users other
     * than {@code uid} and root (a sticky directory owned by root, such as /tmp, is fine).
     */
    static Optional<String> unsafe(Path bundleDir, int uid) throws IOException {
        if (Files.exists(bundleDir, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(bundleDir, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(bundleDir + " exists and is not a directory");
            }
            if (!isBundle(bundleDir) && !isEmpty(bundleDir)) {
                return Optional.of(bundleDir + " exists and is not a policyc bundle; choose another --prefix");
            }
        }
        for (Path dir = bundleDir; dir != null; dir = dir.getParent()) {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (owner != 0 && owner != uid) {
                return Optional.of(dir + " belongs to uid " + owner + ", who could replace the bundle");
            }
            boolean othersWrite = (mode & GROUP_OR_OTHER_WRITE) != 0;
            if (othersWrite && !(owner == 0 && (mode & STICKY) != 0)) {
                return Optional.of(dir + " is writable by group or others (mode " + Integer.toOctalString(mode & 07777)
                        + "), who could replace the bundle; chmod go-w " + dir);
            }
        }
        return Optional.empty();
    }

    /** True when {@code dir} holds what a bundle holds. */
    static boolean isBundle(Path dir) {
        return Files.isRegularFile(dir.resolve("SHA256SUMS")) && Files.isRegularFile(dir.resolve("bin/policyc-hook"));
    }

    /** Writes {@code artifacts} as the bundle at {@code bundleDir}, replacing one that is there. */
    static void install(Path bundleDir, List<Artifact> artifacts) throws IOException {
        Path parent = bundleDir.getParent();
        createDirectories(parent);
        String name = bundleDir.getFileName().toString();
        Path staging = parent.resolve("." + name + ".new-" + UUID.randomUUID());
        Path old = parent.resolve("." + name + ".old-" + UUID.randomUUID());
        boolean moved = false;
        try {
            Files.createDirectory(staging);
            Emission.write(staging, artifacts);
            try (Stream<Path> all = Files.walk(staging)) {
                for (Path dir : all.filter(Files::isDirectory).toList()) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(DIR_MODE));
                }
            }
            if (Files.exists(bundleDir, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(bundleDir, old, StandardCopyOption.ATOMIC_MOVE);
                moved = true;
            }
            Files.move(staging, bundleDir, StandardCopyOption.ATOMIC_MOVE);
            moved = false;
        } finally {
            if (moved) {
                // The new bundle did not take the old one's place: put the old one back.
                Files.move(old, bundleDir, StandardCopyOption.ATOMIC_MOVE);
            }
            deleteTree(staging);
            deleteTree(old);
        }
    }

    /** Creates {@code dir} and missing parents, each new one {@code rwxr-xr-x} whatever the umask. */
    static void createDirectories(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent());
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(DIR_MODE));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
