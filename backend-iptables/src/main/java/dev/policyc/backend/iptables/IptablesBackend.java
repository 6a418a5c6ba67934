package dev.policyc.backend.iptables;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.backend.Feature;
import dev.policyc.core.backend.TextWriter;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code iptables} target: for each policy {@code NAME.v4.rules} and {@code NAME.v6.rules}
 * in iptables-restore format (see {@link RulesWriter} for the layout), and an executable POSIX
 * script {@code NAME.sh} that loads both (see {@link ScriptWriter}). Both families are always
 * written, so IPv6 is filtered even when a policy names only IPv4 addresses.
 */
public final class IptablesBackend implements Backend {

    public static final String ID = "iptables";

    /** Code of the error for a policy name that cannot name chains and files. */
    public static final String INVALID_POLICY_NAME = "ipt-invalid-policy-name";

    /** Code of the error for two policies of one compilation whose chain names would be the same. */
    public static final String CHAIN_NAME_CLASH = "ipt-chain-name-clash";

    /** The language's policy names. */
    private static final Pattern POLICY_NAME = Pattern.compile("[a-z][a-z0-9-]{0,23}");

    static final Set<Feature> FEATURES =
            Sets.immutableEnumSet(Feature.LOG, Feature.COMMENT, Feature.IPV6, Feature.PORT_RANGES);

    /** For {@link java.util.ServiceLoader}. */
    public IptablesBackend() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Feature> features() {
        return FEATURES;
    }

    /**
     * @throws IllegalArgumentException if a policy still has {@code dns} or {@code resolver}
     *                                  endpoints (bind it first)
     */
    @Override
    public EmitResult emit(Program program, EmitOptions options) {
        return emit(program, options, false);
    }

    /**
     * The files of every policy of {@code program}: those of this target, or with {@code withSets}
     * those of {@link IpsetBackend}, which checks names the same way and adds a set file.
     */
    static EmitResult emit(Program program, EmitOptions options, boolean withSets) {
        Diagnostics diagnostics = new Diagnostics();
        ImmutableList.Builder<Artifact> artifacts = ImmutableList.builder();
        Map<PolicyChains, String> chainOwners = new HashMap<>();
        for (PolicyIr policy : program.policies()) {
            if (!policy.isBound()) {
                throw new IllegalArgumentException("policy " + policy.name() + " has unbound dns or resolver endpoints");
            }
            if (!POLICY_NAME.matcher(policy.name()).matches()) {
                diagnostics.error(INVALID_POLICY_NAME, policy.span(),
                        "policy name '" + TextWriter.oneLine(policy.name()) + "' cannot name iptables chains",
                        "use a name of lower-case letters, digits and '-', starting with a letter, at most 24 characters");
                continue;
            }
            PolicyChains chains = PolicyChains.of(policy.name());
            String owner = chainOwners.putIfAbsent(chains, policy.name());
            if (owner != null) {
                diagnostics.error(CHAIN_NAME_CLASH, policy.span(),
                        "policies '" + owner + "' and '" + policy.name() + "' would both use chain "
                                + chains.chain(Direction.IN),
                        "rename one of them so that the names differ in their first " + PolicyChains.KEPT_OF_LONG_NAME + " characters");
                continue;
            }
            if (withSets) {
                IpsetBackend.policyFiles(policy, chains, options, diagnostics).forEach(artifacts::add);
                continue;
            }
            for (Family family : Family.values()) {
                artifacts.add(Artifact.file(IptSyntax.fileName(policy.name(), family),
                        RulesWriter.write(policy, family, chains, options)));
            }
            artifacts.add(new Artifact(ScriptWriter.fileName(policy.name()), ScriptWriter.write(policy, chains, options), true));
        }
        return new EmitResult(artifacts.build(), diagnostics.toList());
    }
}
