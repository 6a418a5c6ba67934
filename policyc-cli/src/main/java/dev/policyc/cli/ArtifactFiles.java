package dev.policyc.cli;

import dev.policyc.api.AtomicFile;
import dev.policyc.api.Emission;
import dev.policyc.core.backend.Artifact;
import java.io.IOException;
import java.nio.file.Path;
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
        AtomicFile.write(destination, content, PosixFilePermissions.fromString(mode));
    }

    /** Renames {@code from} over {@code to}, atomically where the file system can. */
    static void moveAtomically(Path from, Path to) throws IOException {
        AtomicFile.move(from, to);
    }
}
