package dev.policyc.backend.hookjson;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.BundleInputs;
import dev.policyc.core.backend.BundlingBackend;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.backend.Feature;
import dev.policyc.core.backend.TextWriter;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code oci-hook} target: a directory that firewalls podman containers, one policy per
 * container, chosen with {@code --annotation policyc.policy=NAME}.
 * <pre>
 * hooks.d/policyc.json       the OCI hook configuration, for podman --hooks-dir
 * bin/policyc-hook           the hook program (POSIX sh), run at createContainer
 * policies/NAME.nft          the nftables ruleset of each policy
 * policies/NAME.hook         what the hook needs to know about NAME (its runtime sets)
 * policies/NAME.v4.rules     the iptables-restore fallback, when the iptables target is
 * policies/NAME.v6.rules       present and can express NAME
 * SHA256SUMS                 every file above; the hook checks those it reads before it applies anything
 * README.md                  the podman commands for this bundle
 * </pre>
 * The rulesets come from the {@code nftables} target (and the {@code iptables} target when it is
 * on the class path) through {@link dev.policyc.core.backend.Backends#bundle}: this module links
 * against {@code compiler-core} alone. {@code dns} and {@code resolver} stay symbolic
 * ({@link Feature#DNS_AT_RUNTIME}) unless the caller binds them first: the nftables ruleset
 * then declares them as empty named sets that the hook fills when the container starts.
 *
 * <p>The hook configuration names the program by absolute path, so {@link EmitOptions#installDir()}
 * is required.
 */
public final class OciHookBackend implements BundlingBackend {

    public static final String ID = "oci-hook";

    /** Error: no install directory, or one that cannot be used. */
    public static final String INSTALL_DIR = "oci-hook-install-dir";
    /** Error: the nftables target was not there to make the rulesets. */
    public static final String NO_NFTABLES = "oci-hook-no-nftables";
    /** Error: a policy name that cannot select a policy or name its files. */
    public static final String INVALID_POLICY_NAME = "oci-hook-invalid-policy-name";
    /** Warning: the iptables target is present but cannot express a policy. */
    public static final String NO_IPTABLES_FALLBACK = "oci-hook-no-iptables-fallback";

    static final String NFTABLES = "nftables";
    static final String IPTABLES = "iptables";

    private static final Pattern POLICY_NAME = Pattern.compile("[a-z][a-z0-9-]{0,23}");

    private static final Set<Feature> FEATURES = Sets.immutableEnumSet(
            Feature.LOG, Feature.COMMENT, Feature.IPV6, Feature.PORT_RANGES, Feature.DNS_AT_RUNTIME);

    /** For {@link java.util.ServiceLoader}. */
    public OciHookBackend() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<Feature> features() {
        return FEATURES;
    }

    /** {@code nftables} first; {@code iptables}, when present, for hosts without {@code nft}. */
    @Override
    public ImmutableList<String> bundledTargets() {
        return ImmutableList.of(NFTABLES, IPTABLES);
    }

    @Override
    public EmitResult bundle(Program program, BundleInputs rulesets, EmitOptions options) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<String> installDir = installDir(options, diagnostics);
        if (!rulesets.has(NFTABLES)) {
            diagnostics.error(NO_NFTABLES, null, "the oci-hook target needs the nftables target, which is not available",
                    "put backend-nftables on the class path (a packaging problem; policyc's own launcher has it)");
        }
        List<Artifact> files = new ArrayList<>();
        Set<String> withFallback = new TreeSet<>();
        for (PolicyIr policy : program.policies()) {
            if (!POLICY_NAME.matcher(policy.name()).matches()) {
                diagnostics.error(INVALID_POLICY_NAME, policy.span(),
                        "policy name '" + TextWriter.oneLine(policy.name()) + "' cannot be selected with an annotation",
                        "use a name of lower-case letters, digits and '-', starting with a letter, at most 24 characters");
                continue;
            }
            rulesets.get(NFTABLES, policy.name()).ifPresent(nft -> {
                diagnostics.addAll(nft.diagnostics());
                if (!nft.hasErrors()) {
                    files.add(Artifact.file(BundleLayout.nftRuleset(policy.name()), only(nft, policy.name() + ".nft")));
                }
            });
            if (rulesets.has(IPTABLES) && addFallback(policy, rulesets.get(IPTABLES, policy.name()).orElseThrow(), files, diagnostics)) {
                withFallback.add(policy.name());
            }
            files.add(Artifact.file(BundleLayout.manifest(policy.name()), PolicyManifest.text(policy, options.strictDns())));
        }
        if (diagnostics.hasErrors() || installDir.isEmpty()) {
            return EmitResult.failed(diagnostics.toList());
        }
        files.add(Artifact.file(BundleLayout.HOOK_CONFIG, HookConfig.json(installDir.get())));
        files.add(new Artifact(BundleLayout.HOOK_PROGRAM, HookProgram.text(), true));
        files.add(Artifact.file(BundleLayout.README,
                BundleReadme.text(program, installDir.get(), withFallback, options.strictDns(), options.generatedBy())));
        files.add(Artifact.file(BundleLayout.SUMS, Checksums.of(files)));
        files.sort(Comparator.comparing(Artifact::path));
        return new EmitResult(ImmutableList.copyOf(files), diagnostics.toList());
    }

    private static Optional<String> installDir(EmitOptions options, Diagnostics diagnostics) {
        if (options.installDir().isEmpty()) {
            diagnostics.error(INSTALL_DIR, null, "the oci-hook target needs the directory the bundle will be installed in",
                    "give --install-dir PATH (by default, the output directory made absolute)");
            return Optional.empty();
        }
        InstallDir.Result checked = InstallDir.check(options.installDir().get());
        checked.problem().ifPresent(problem -> diagnostics.error(INSTALL_DIR, null,
                "install directory '" + TextWriter.oneLine(options.installDir().get()) + "' " + problem,
                "give an absolute, normalized path such as /opt/policyc/webapp"));
        return checked.path();
    }

    /**
     * Adds the iptables-restore files of {@code policy} to {@code files}, or warns why there are
     * none; true when added.
     */
    private static boolean addFallback(PolicyIr policy, EmitResult iptables, List<Artifact> files, Diagnostics diagnostics) {
        if (iptables.hasErrors()) {
            String why = iptables.diagnostics().stream().filter(d -> d.isError()).findFirst().map(d -> d.message()).orElse("");
            diagnostics.warning(NO_IPTABLES_FALLBACK, policy.span(),
                    "policy " + policy.name() + " has no iptables fallback (" + why + "); containers under it need nft on the host");
            return false;
        }
        for (int version : new int[] {4, 6}) {
            files.add(Artifact.file(BundleLayout.iptablesRules(policy.name(), version),
                    only(iptables, policy.name() + ".v" + version + ".rules")));
        }
        return true;
    }

    /** The content of the artifact at {@code path} of a bundled target's result. */
    private static String only(EmitResult result, String path) {
        return result.artifacts().stream().filter(a -> a.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the bundled target made no " + path + ": " + result.artifacts()))
                .content();
    }
}
