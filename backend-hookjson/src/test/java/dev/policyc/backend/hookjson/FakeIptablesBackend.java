package dev.policyc.backend.hookjson;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.backend.Feature;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import java.util.Set;

/**
 * Stands in for the iptables target (being written elsewhere) with its artifact names:
 * {@code NAME.v4.rules}, {@code NAME.v6.rules} and {@code NAME.sh}. Its rules drop everything but
 * loopback and carry the policy name in a comment; without {@link Feature#RUNTIME_SETS} it never
 * sees policies with {@code dns} or {@code resolver}. Not registered with ServiceLoader: tests
 * pass it to {@code Backends.of}.
 */
final class FakeIptablesBackend implements Backend {

    @Override
    public String id() {
        return "iptables";
    }

    @Override
    public Set<Feature> features() {
        return Sets.immutableEnumSet(Feature.LOG, Feature.COMMENT, Feature.IPV6, Feature.PORT_RANGES);
    }

    @Override
    public EmitResult emit(Program program, EmitOptions options) {
        ImmutableList.Builder<Artifact> files = ImmutableList.builder();
        for (PolicyIr policy : program.policies()) {
            files.add(Artifact.file(policy.name() + ".v4.rules", rules(policy.name())));
            files.add(Artifact.file(policy.name() + ".v6.rules", rules(policy.name())));
            files.add(new Artifact(policy.name() + ".sh", "#!/bin/sh\nexit 1\n", true));
        }
        return new EmitResult(files.build(), ImmutableList.of());
    }

    static String rules(String policy) {
        return "*filter\n"
                + ":INPUT DROP [0:0]\n"
                + ":FORWARD DROP [0:0]\n"
                + ":OUTPUT DROP [0:0]\n"
                + "-A INPUT -i lo -m comment --comment \"policyc " + policy + "\" -j ACCEPT\n"
                + "-A OUTPUT -o lo -m comment --comment \"policyc " + policy + "\" -j ACCEPT\n"
                + "COMMIT\n";
    }
}
