package dev.policyc.cli;

import dev.policyc.api.Emission;
import dev.policyc.core.backend.Artifact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Writes a backend's artifacts under a directory: each file under a temporary name, then moved into place. */
final class ArtifactFiles {

    private ArtifactFiles() {}

    /** Writes every artifact under {@code dir}, as {@link Emission#write} does for the library. */
    static void write(Path dir, List<Artifact> artifacts) throws IOException {
        Emission.write(dir, artifacts);
    }

    /**
     * Writes {@code content} to a temporary file beside {@code destination} with permissions
     * {@code mode} (as {@code ls} shows them), then renames it over {@code destination}: a reader
     * sees the old file or the new one, never half of one.
     */
    static void writeAtomically(Path destination, String content, String mode) throws IOException {
        Path temporary = Files.createTempFile(destination.toAbsolutePath().getParent(), ".policyc-", ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(mode));
            moveAtomically(temporary, destination);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Renames {@code from} over {@code to}, atomically where the file system can. */
    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
