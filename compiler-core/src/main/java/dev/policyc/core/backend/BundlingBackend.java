package dev.policyc.core.backend;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.ir.Program;

/**
 * A target that packs the output of other targets with what applies it, such as the OCI hook
 * bundle (the nftables rulesets of every policy, a hook program that loads them, and its
 * configuration). It depends on the other targets only through this SPI: {@link Backends#bundle}
 * emits each {@link #bundledTargets() bundled target} for each policy and hands the results to
 * {@link #bundle}, so the bundling target never links against them.
 *
 * <p>A bundled target that declares {@link Feature#RUNTIME_SETS} receives the policies of a
 * bundler that declares {@link Feature#DNS_AT_RUNTIME} unbound, and declares the
 * {@link RuntimeSets} that the bundle's applier fills; other bundled targets receive only the
 * policies they can express, and a policy they cannot express has no output from them.
 */
public interface BundlingBackend extends Backend {

    /**
     * The ids of the targets whose output this bundle packs, the preferred first. Those not found
     * among the known backends are left out of {@link BundleInputs}; the bundler decides whether
     * it can do without them.
     */
    ImmutableList<String> bundledTargets();

    /**
     * The bundle for every policy of {@code program}, from what the bundled targets made of each.
     *
     * @param program  as for {@link #emit}
     * @param rulesets the output of each bundled target for each policy, never used for anything
     *                 when it has errors
     */
    EmitResult bundle(Program program, BundleInputs rulesets, EmitOptions options);

    /**
     * The bundle with no output from other targets, which a bundler reports as an error. Run a
     * bundler with {@link Backends#emit} or {@link Backends#bundle}, which supply the rulesets.
     */
    @Override
    default EmitResult emit(Program program, EmitOptions options) {
        return bundle(program, BundleInputs.none(), options);
    }
}
