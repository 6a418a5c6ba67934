package dev.policyc.core.backend;

import java.util.Objects;
import java.util.Optional;

/**
 * What the caller asks of every backend, beyond the program itself.
 *
 * @param generatedBy who made the output, for the header comment of generated files
 *                    ({@code policyc 0.1.0}); kept out of rules so that output is stable
 * @param installDir  where the output directory will be installed, as an absolute path, for targets
 *                    whose files name each other by absolute path (the OCI hook bundle); empty
 *                    when the caller does not say
 * @param strictDns   for targets that resolve names when the rules are applied: refuse to apply
 *                    them when a {@code dns} name has no address, rather than let it match nothing
 */
public record EmitOptions(String generatedBy, Optional<String> installDir, boolean strictDns) {

    public EmitOptions {
        Objects.requireNonNull(generatedBy, "generatedBy");
        Objects.requireNonNull(installDir, "installDir");
    }

    /** Options naming who generated the output, and nothing else. */
    public EmitOptions(String generatedBy) {
        this(generatedBy, Optional.empty(), false);
    }

    /** Options that name no version, so that output depends on the program alone. */
    public static EmitOptions defaults() {
        return new EmitOptions("policyc");
    }

    /** These options with the directory the output will be installed in. */
    public EmitOptions withInstallDir(String absolutePath) {
        return new EmitOptions(generatedBy, Optional.of(absolutePath), strictDns);
    }

    /** These options with {@link #strictDns()} set as given. */
    public EmitOptions withStrictDns(boolean strict) {
        return new EmitOptions(generatedBy, installDir, strict);
    }
}
