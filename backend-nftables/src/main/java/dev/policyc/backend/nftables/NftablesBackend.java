package dev.policyc.backend.nftables;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.backend.Feature;
import dev.policyc.core.backend.TextWriter;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code nftables} target: for each policy a file {@code NAME.nft} that {@code nft -f} loads,
 * replacing table {@code inet policyc_NAME} in one transaction (see {@link TableWriter} for the
 * layout). One {@code inet} table filters IPv4 and IPv6 alike.
 *
 * <p>On its own the target needs bound policies. Packed by a bundle that resolves names when the
 * rules are applied ({@link Feature#RUNTIME_SETS}), it gets them unbound and declares the empty
 * named sets of {@link dev.policyc.core.backend.RuntimeSets}, which the applier fills by appending
 * {@code add element inet policyc_NAME SET { ... }} lines to the file before loading it, so the
 * rules and their addresses still arrive in one transaction.
 */
public final class NftablesBackend implements Backend {

    public static final String ID = "nftables";

    /** Code of the error for a policy name that cannot name a table. */
    public static final String INVALID_POLICY_NAME = "nft-invalid-policy-name";

    /** The language's policy names; each makes a valid nft table name after {@code policyc_}. */
    private static final Pattern POLICY_NAME = Pattern.compile("[a-z][a-z0-9-]{0,23}");

    private static final Set<Feature> FEATURES =
            Sets.immutableEnumSet(Feature.LOG, Feature.COMMENT, Feature.IPV6, Feature.PORT_RANGES, Feature.RUNTIME_SETS);

    /** For {@link java.util.ServiceLoader}. */
    public NftablesBackend() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Feature> features() {
        return FEATURES;
    }

    /** Policies with {@code dns} or {@code resolver} endpoints get runtime sets (see above). */
    @Override
    public EmitResult emit(Program program, EmitOptions options) {
        Diagnostics diagnostics = new Diagnostics();
        ImmutableList.Builder<Artifact> artifacts = ImmutableList.builder();
        for (PolicyIr policy : program.policies()) {
            if (!POLICY_NAME.matcher(policy.name()).matches()) {
                diagnostics.error(INVALID_POLICY_NAME, policy.span(),
                        "policy name '" + TextWriter.oneLine(policy.name()) + "' cannot name an nftables table",
                        "use a name of lower-case letters, digits and '-', starting with a letter, at most 24 characters");
                continue;
            }
            artifacts.add(Artifact.file(policy.name() + ".nft", TableWriter.write(policy, options)));
        }
        return new EmitResult(artifacts.build(), diagnostics.toList());
    }
}
