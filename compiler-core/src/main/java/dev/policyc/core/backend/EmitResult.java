package dev.policyc.core.backend;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import java.util.HashSet;
import java.util.Set;

/**
 * What a backend made of a program: its files and its findings. When any finding is an error the
 * artifacts must not be used (a backend may still return those it could make, for explanation).
 *
 * @param artifacts   the files, paths unique, in a stable order
 * @param diagnostics errors and warnings, each at the span of the rule or policy concerned
 */
public record EmitResult(ImmutableList<Artifact> artifacts, ImmutableList<Diagnostic> diagnostics) {

    public EmitResult {
        artifacts = ImmutableList.copyOf(artifacts);
        diagnostics = ImmutableList.copyOf(diagnostics);
        Set<String> paths = new HashSet<>();
        for (Artifact artifact : artifacts) {
            if (!paths.add(artifact.path())) {
                throw new IllegalArgumentException("two artifacts at " + artifact.path());
            }
        }
    }

    /** A result with no files, only the reasons why. */
    public static EmitResult failed(ImmutableList<Diagnostic> diagnostics) {
        return new EmitResult(ImmutableList.of(), diagnostics);
    }

    public boolean hasErrors() {
        return Diagnostics.anyErrors(diagnostics);
    }
}
