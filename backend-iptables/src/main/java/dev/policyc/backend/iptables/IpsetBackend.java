package dev.policyc.backend.iptables;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.backend.Feature;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import java.util.Set;

/**
 * The {@code iptables-ipset} target: the {@code iptables} target's files, except that a rule of
 * more than {@link AddressChains#GUARD_ABOVE} address blocks in a family matches them in an ipset
 * {@code hash:net} set instead of guards and a tree of address chains, which iptables-nft loads
 * slowly when there are many. For each policy: {@code NAME.v4.rules}, {@code NAME.v6.rules},
 * {@code NAME.ipset} (the sets, {@link IpsetFile}) and an executable {@code NAME.sh} that loads
 * the sets, then the rules ({@link ScriptWriter#writeWithSets}). For hosts that have ipset; the
 * {@code iptables} target needs nothing but iptables.
 */
public final class IpsetBackend implements Backend {

    public static final String ID = "iptables-ipset";

    /** Code of the error for two different address lists of one policy whose set names would be the same. */
    public static final String SET_NAME_CLASH = "ipt-set-name-clash";

    /** For {@link java.util.ServiceLoader}. */
    public IpsetBackend() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Feature> features() {
        return IptablesBackend.FEATURES;
    }

    /**
     * @throws IllegalArgumentException if a policy still has {@code dns} or {@code resolver}
     *                                  endpoints (bind it first)
     */
    @Override
    public EmitResult emit(Program program, EmitOptions options) {
        return IptablesBackend.emit(program, options, true);
    }

    /** The four files of one policy whose name and chains {@link IptablesBackend} has checked. */
    static ImmutableList<Artifact> policyFiles(PolicyIr policy, PolicyChains chains, EmitOptions options, Diagnostics diagnostics) {
        AddressSets sets = new AddressSets(chains);
        ImmutableList.Builder<Artifact> files = ImmutableList.builder();
        for (Family family : Family.values()) {
            files.add(Artifact.file(IptSyntax.fileName(policy.name(), family),
                    RulesWriter.writeWithSets(policy, family, chains, sets, options)));
        }
        for (String clash : sets.clashes()) {
            diagnostics.error(SET_NAME_CLASH, policy.span(), "two address lists of policy '" + policy.name()
                    + "' hash to the same set name " + clash, "change one of the lists a little (add or remove an address)");
        }
        files.add(Artifact.file(IpsetFile.fileName(policy.name()), IpsetFile.write(policy, chains, sets, options)));
        files.add(new Artifact(ScriptWriter.fileName(policy.name()), ScriptWriter.writeWithSets(policy, chains, options), true));
        return files.build();
    }
}
