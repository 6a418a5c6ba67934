package dev.policyc.backend.hookjson;

import com.google.common.hash.Hashing;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.BundlingBackend;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.ir.Program;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Emits bundles the way the CLI does (the SPI, ServiceLoader) and writes them to disk for tests. */
final class Bundles {

    private Bundles() {}

    static Backend backend() {
        return Backends.discover().find(OciHookBackend.ID)
                .orElseThrow(() -> new AssertionError("oci-hook backend not registered with ServiceLoader"));
    }

    static EmitResult emit(Program program, EmitOptions options) {
        return Backends.emit(backend(), program, options);
    }

    /** The backends on the class path and the stand-in iptables target. */
    static Backends withIptables() {
        List<Backend> all = new ArrayList<>(Backends.discover().all());
        all.add(new FakeIptablesBackend());
        return Backends.of(all);
    }

    /** The bundle of {@code program} written to {@code dir}, which is also its install directory. */
    static Path write(Program program, Path dir, boolean strictDns) {
        return write(Backends.discover(), program, dir, strictDns);
    }

    /** The bundle made with {@code backends}, written to {@code dir}, which is also its install directory. */
    static Path write(Backends backends, Program program, Path dir, boolean strictDns) {
        EmitResult result = backends.bundle((BundlingBackend) backend(), program,
                EmitOptions.defaults().withInstallDir(dir.toAbsolutePath().toString()).withStrictDns(strictDns));
        if (result.hasErrors()) {
            throw new AssertionError("bundle has errors: " + result.diagnostics());
        }
        try {
            for (Artifact artifact : result.artifacts()) {
                Path file = dir.resolve(artifact.path());
                Files.createDirectories(file.getParent());
                Files.writeString(file, artifact.content(), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(artifact.executable() ? "rwxr-xr-x" : "rw-r--r--"));
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** The bundle with its ruleset of {@code policy} edited after compilation (SHA256SUMS left as it was). */
    static void tamper(Path bundle, String policy) {
        Path ruleset = bundle.resolve("policies/" + policy + ".nft");
        try {
            Files.writeString(ruleset, Files.readString(ruleset).replace("policy drop;", "policy accept;"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundle with a ruleset of {@code policy} that nft refuses, SHA256SUMS updated to match. */
    static void breakRuleset(Path bundle, String policy) {
        String file = "policies/" + policy + ".nft";
        try {
            Path ruleset = bundle.resolve(file);
            Files.writeString(ruleset, Files.readString(ruleset) + "add rule inet policyc_" + policy + " output no-such-keyword\n");
            String hash = Hashing.sha256().hashBytes(Files.readAllBytes(ruleset)).toString();
            Path sums = bundle.resolve("SHA256SUMS");
            Files.write(sums, Files.readAllLines(sums).stream().map(l -> l.endsWith("  " + file) ? hash + "  " + file : l).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
