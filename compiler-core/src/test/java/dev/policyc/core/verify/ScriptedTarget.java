package dev.policyc.core.verify;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.backend.Feature;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A target for testing the verifier alone: the backend writes one file per policy holding the
 * policy's name, and the reader answers the meanings the test chose. It records which files it
 * was asked to read.
 */
final class ScriptedTarget {

    static final String ID = "scripted";

    private ScriptedTarget() {}

    static Backend backend(Set<Feature> features) {
        return new Backend() {
            @Override
            public String id() {
                return ID;
            }

            @Override
            public Set<Feature> features() {
                return features;
            }

            @Override
            public EmitResult emit(Program program, EmitOptions options) {
                ImmutableList<Artifact> files = program.policies().stream()
                        .map(p -> Artifact.file(p.name() + ".txt", p.name()))
                        .collect(ImmutableList.toImmutableList());
                return new EmitResult(files, ImmutableList.of());
            }
        };
    }

    /** A reader that answers {@code meanings}, whatever files it is given, and records their paths. */
    static final class Reader implements ArtifactReader {
        private final ImmutableMap<String, ArtifactMeaning> meanings;
        private final ImmutableList<Diagnostic> findings;
        final List<String> read = new ArrayList<>();

        Reader(Map<String, ArtifactMeaning> meanings, List<Diagnostic> findings) {
            this.meanings = ImmutableMap.copyOf(meanings);
            this.findings = ImmutableList.copyOf(findings);
        }

        @Override
        public String targetId() {
            return ID;
        }

        @Override
        public ReadResult read(List<Artifact> artifacts) {
            artifacts.forEach(a -> read.add(a.path()));
            return new ReadResult(meanings, findings);
        }
    }

    /** The meaning a reader would give {@code policy} if it read its artifact right. */
    static ArtifactMeaning exact(PolicyIr policy) {
        return new ArtifactMeaning(policy.name(), PolicyMeaning.accepted(policy), ImmutableList.of());
    }
}
