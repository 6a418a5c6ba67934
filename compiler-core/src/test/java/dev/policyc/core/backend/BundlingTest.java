package dev.policyc.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.TestIr;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BundlingTest {

    /** A ruleset target that records the policies it was given, bound or not. */
    static final class Recording extends BackendsTest.Listing {
        final List<PolicyIr> seen = new ArrayList<>();

        Recording(String id, Set<Feature> features) {
            super(id, features);
        }

        @Override
        public EmitResult emit(Program program, EmitOptions options) {
            seen.addAll(program.policies());
            return new EmitResult(program.policies().stream()
                    .map(p -> Artifact.file(p.name() + "." + id(), RuntimeSets.of(p).all().toString()))
                    .collect(ImmutableList.toImmutableList()), ImmutableList.of());
        }
    }

    /** A bundle that lists what it was handed, per target and policy. */
    static class Packer implements BundlingBackend {
        BundleInputs received;

        @Override
        public String id() {
            return "packer";
        }

        @Override
        public Set<Feature> features() {
            return EnumSet.of(Feature.DNS_AT_RUNTIME, Feature.LOG);
        }

        @Override
        public ImmutableList<String> bundledTargets() {
            return ImmutableList.of("sets", "plain", "missing");
        }

        @Override
        public EmitResult bundle(Program program, BundleInputs rulesets, EmitOptions options) {
            received = rulesets;
            if (!rulesets.has("sets")) {
                return EmitResult.failed(ImmutableList.of(Diagnostic.error("no-rulesets", null, "nothing to pack")));
            }
            return new EmitResult(ImmutableList.of(Artifact.file("packed", "ok")),
                    ImmutableList.of(Diagnostic.warning("packed", null, "packed by " + options.generatedBy())));
        }
    }

    private static final PolicyIr NAMED = new PolicyIr("named", TestIr.line(1), TestIr.defaultAction(Verdict.DENY, false),
            TestIr.defaultAction(Verdict.DENY, false), ImmutableList.of(TestIr.rule(Verdict.ALLOW, Direction.OUT)
                    .peer(new Endpoint.DnsName("a.example", TestIr.line(2))).build()));
    private static final PolicyIr LITERAL = new PolicyIr("literal", TestIr.line(1), TestIr.defaultAction(Verdict.DENY, false),
            TestIr.defaultAction(Verdict.DENY, false), ImmutableList.of(TestIr.rule(Verdict.ALLOW, Direction.OUT)
                    .peer("192.0.2.1").build()));

    @Test
    void bundledTargetsRunPerPolicyAndOnlyRuntimeSetTargetsGetUnboundPolicies() {
        Recording sets = new Recording("sets", EnumSet.of(Feature.RUNTIME_SETS));
        Recording plain = new Recording("plain", EnumSet.noneOf(Feature.class));
        Packer packer = new Packer();
        Program program = new Program(ImmutableList.of(NAMED, LITERAL));

        EmitResult result = Backends.of(List.of(sets, plain, packer)).bundle(packer, program, new EmitOptions("policyc 9"));

        assertEquals(List.of(Artifact.file("packed", "ok")), result.artifacts());
        assertEquals("packed by policyc 9", result.diagnostics().get(0).message());
        assertEquals(List.of(NAMED, LITERAL), sets.seen, "the runtime-set target sees both policies, unbound");
        assertEquals(List.of(LITERAL), plain.seen, "the other target only sees what it can express");
        BundleInputs got = packer.received;
        assertFalse(got.has("missing"));
        assertEquals("[RuntimeSet[name=dns_1_v4, family=IPV4, dnsName=Optional[a.example]], "
                        + "RuntimeSet[name=dns_1_v6, family=IPV6, dnsName=Optional[a.example]]]",
                got.get("sets", "named").orElseThrow().artifacts().get(0).content());
        assertTrue(got.get("plain", "named").orElseThrow().hasErrors(), "named has no plain output, and says why");
        assertFalse(got.get("plain", "literal").orElseThrow().hasErrors());
        assertEquals(Optional.empty(), got.get("plain", "nope"));
    }

    @Test
    void theBundlerFeaturesAreCheckedFirst() {
        Packer packer = new Packer() {
            @Override
            public Set<Feature> features() {
                return EnumSet.of(Feature.LOG);
            }
        };
        Recording sets = new Recording("sets", EnumSet.of(Feature.RUNTIME_SETS));
        EmitResult result = Backends.of(List.of(sets, packer)).bundle(packer, new Program(ImmutableList.of(NAMED)),
                EmitOptions.defaults());
        assertTrue(result.hasErrors());
        assertEquals(FeatureCheck.UNSUPPORTED_FEATURE, result.diagnostics().get(0).code());
        assertEquals(List.of(), sets.seen, "no target runs when the bundle cannot take the program");
    }

    @Test
    void aBundlerRunAloneHasNothingToPack() {
        EmitResult alone = new Packer().emit(new Program(ImmutableList.of(LITERAL)), EmitOptions.defaults());
        assertEquals(List.of("no-rulesets"), alone.diagnostics().stream().map(Diagnostic::code).toList());
    }

    @Test
    void emitOptionsKeepTheirOneArgumentForm() {
        EmitOptions options = new EmitOptions("policyc 9");
        assertEquals(Optional.empty(), options.installDir());
        assertFalse(options.strictDns());
        EmitOptions hook = options.withInstallDir("/opt/policyc").withStrictDns(true);
        assertEquals(new EmitOptions("policyc 9", Optional.of("/opt/policyc"), true), hook);
    }
}
