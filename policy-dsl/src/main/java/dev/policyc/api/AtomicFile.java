package dev.policyc.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replaces a file as a whole: the new text goes to a temporary file beside it, which is then
 * renamed over it, so a reader sees the old file or the new one, never half of one.
 *
 * <p>The temporary name is {@code .policyc-PID-N.tmp}, created with {@code CREATE_NEW} (which
 * fails on an existing name, symbolic links included), and the next {@code N} is tried when it
 * exists. Not {@link Files#createTempFile}: its random names come from {@code SecureRandom},
 * whose first use loads the security providers, about 15 ms of every {@code policyc compile}.
 * An unpredictable name buys nothing here: the rename needs write access to the directory,
 * and whoever has it can replace the file anyway.
 */
public final class AtomicFile {

    /** Distinct names for the temporary files of this process; the pid keeps processes apart. */
    private static final AtomicLong NEXT = new AtomicLong();
    private static final int ATTEMPTS = 100;

    private AtomicFile() {}

    /**
     * Writes {@code content} (UTF-8) to {@code destination} with {@code permissions}, replacing
     * any file there, atomically where the file system can rename atomically.
     */
    public static void write(Path destination, String content, Set<PosixFilePermission> permissions) throws IOException {
        Path parent = destination.toAbsolutePath().getParent();
        Path temporary = createTemporary(parent);
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temporary, permissions);
            move(temporary, destination);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Renames {@code from} over {@code to}, atomically where the file system can. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path createTemporary(Path directory) throws IOException {
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++) {
            Path candidate = directory.resolve(".policyc-" + pid + "-" + NEXT.getAndIncrement() + ".tmp");
            try (OutputStream created = Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                return candidate;
            } catch (FileAlreadyExistsException e) {
                // Left by a crashed run of a process with the same pid, or made by someone else.
                if (attempt + 1 >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
