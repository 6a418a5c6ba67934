package dev.policyc.api;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The firewall rules of one target for a compilation ({@link Compilation#emit}): the files, or
 * why there are none.
 *
 * @param target      the target's id, such as {@code nftables}
 * @param artifacts   the files, paths unique and relative; empty whenever {@code diagnostics} has an error
 * @param diagnostics the findings of binding names, optimizing and emitting
 */
public record Emission(String target, ImmutableList<Artifact> artifacts, ImmutableList<Diagnostic> diagnostics) {

    public Emission {
        Objects.requireNonNull(target, "target");
        artifacts = ImmutableList.copyOf(artifacts);
        diagnostics = ImmutableList.copyOf(diagnostics);
        if (!artifacts.isEmpty() && Diagnostics.anyErrors(diagnostics)) {
            throw new IllegalArgumentException("an emission with errors has no artifacts");
        }
    }

    public boolean hasErrors() {
        return Diagnostics.anyErrors(diagnostics);
    }

    /** The artifact at {@code path} ({@code webapp.nft}, {@code webapp.v4.rules}), if there is one. */
    public Optional<Artifact> artifact(String path) {
        return artifacts.stream().filter(a -> a.path().equals(path)).findFirst();
    }

    /** Every artifact's path, in order. */
    public ImmutableList<String> paths() {
        return artifacts.stream().map(Artifact::path).collect(ImmutableList.toImmutableList());
    }

    /**
     * Writes every artifact into {@code directory} (created if missing), each under its path, with
     * mode 644 or 755 for executables. Each file is written to a temporary name and moved into
     * place, so a reader never sees half a ruleset.
     *
     * @return the files written, in order
     * @throws IllegalStateException if this emission has errors: there is nothing fit to write
     * @throws IOException           if a file cannot be written
     */
    public ImmutableList<Path> writeTo(Path directory) throws IOException {
        if (hasErrors()) {
            throw new IllegalStateException("the " + target + " emission has errors, so it has no files to write");
        }
        return write(directory, artifacts);
    }

    /**
     * Writes {@code artifacts} under {@code directory} (created if missing): each file under a
     * temporary name beside its place, then renamed over it, so a reader sees the old file or the
     * new one, never half of one; executables {@code rwxr-xr-x}, others {@code rw-r--r--}.
     *
     * @return the files written, in order
     */
    public static ImmutableList<Path> write(Path directory, List<Artifact> artifacts) throws IOException {
        ImmutableList.Builder<Path> written = ImmutableList.builder();
        for (Artifact artifact : artifacts) {
            Path destination = directory.resolve(artifact.path());
            Path parent = destination.getParent() == null ? directory : destination.getParent();
            Files.createDirectories(parent);
            AtomicFile.write(destination, artifact.content(),
                    PosixFilePermissions.fromString(artifact.executable() ? "rwxr-xr-x" : "rw-r--r--"));
            written.add(destination);
        }
        return written.build();
    }
}
