package dev.policyc.backend.hookjson;

import com.google.common.hash.Hashing;
import dev.policyc.core.backend.Artifact;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * {@code SHA256SUMS}: the format {@code sha256sum -c} reads (hash, two spaces, path), one line per
 * file of the bundle, sorted by path. The hook checks it before it applies anything, so a
 * ruleset edited by hand, a half-copied bundle or files from two compilations refuse to start
 * containers rather than apply something nobody compiled.
 */
final class Checksums {

    private Checksums() {}

    static String of(List<Artifact> files) {
        StringBuilder out = new StringBuilder();
        files.stream().sorted(Comparator.comparing(Artifact::path)).forEach(file -> out
                .append(Hashing.sha256().hashString(file.content(), StandardCharsets.UTF_8))
                .append("  ")
                .append(file.path())
                .append('\n'));
        return out.toString();
    }
}
