package dev.policyc.backend.hookjson;

/**
 * Where each file of the bundle lives, relative to the bundle's directory, and the names the
 * hook program and the bundled targets agree on. The hook program ({@code policyc-hook.sh})
 * spells the same paths; {@code HookProgramTest} checks that they match.
 */
final class BundleLayout {

    /** The hooks directory given to {@code podman --hooks-dir}. */
    static final String HOOKS_DIR = "hooks.d";
    static final String HOOK_CONFIG = HOOKS_DIR + "/policyc.json";
    static final String HOOK_PROGRAM = "bin/policyc-hook";
    static final String POLICIES = "policies";
    static final String SUMS = "SHA256SUMS";
    static final String README = "README.md";

    /** The annotation that selects a policy: {@code --annotation policyc.policy=NAME}. */
    static final String ANNOTATION = "policyc.policy";

    /** The nftables target's table of a policy is {@code inet policyc_NAME}. */
    static final String TABLE_PREFIX = "policyc_";

    /** The first line of every manifest, so that the hook refuses one it cannot read. */
    static final String MANIFEST_HEADER = "policyc-hook manifest 1";

    private BundleLayout() {}

    /** {@code policies/NAME.hook}: what the hook needs to know about policy NAME. */
    static String manifest(String policy) {
        return POLICIES + "/" + policy + ".hook";
    }

    /** {@code policies/NAME.nft}, the nftables ruleset. */
    static String nftRuleset(String policy) {
        return POLICIES + "/" + policy + ".nft";
    }

    /** {@code policies/NAME.v4.rules} or {@code .v6.rules}, the iptables-restore fallback. */
    static String iptablesRules(String policy, int version) {
        return POLICIES + "/" + policy + ".v" + version + ".rules";
    }
}
