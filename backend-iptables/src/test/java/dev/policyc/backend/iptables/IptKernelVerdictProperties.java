package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.IrArbitraries;
import dev.policyc.core.testing.TestIr;
import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * The kernel, given both files, decides outgoing UDP flows as the reference evaluator does. Each
 * try loads a random policy into a namespace of the property's own whose only link is a black
 * hole, then sends one datagram per flow from a shell inside it: a datagram the output chain
 * drops fails at once with EPERM, an accepted one goes into the black hole, and nothing leaves the
 * namespace. Incoming flows need a peer and are left to the rule-level properties. Needs
 * iptables, ip, bash, the ifb device and root; skipped with the reason when the first ones lack.
 */
@AddLifecycleHook(value = IptAsRootHook.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class IptKernelVerdictProperties {

    /** Reads "ADDRESS PORT" lines and sends one datagram to each, printing allow, or deny and why. */
    private static final String PROBE = """
            while read -r address port; do
                if why=$( { printf x > "/dev/udp/$address/$port"; } 2>&1 ); then echo allow; else echo "deny $why"; fi
            done
            """;

    private ScratchNamespace namespace;

    @BeforeProperty
    void createNamespace() {
        if (IptCommand.unavailableReason().isEmpty()) {
            namespace = ScratchNamespace.create();
            namespace.routeEverythingIntoABlackHole();
        }
    }

    @AfterProperty
    void deleteNamespace() {
        if (namespace != null) {
            namespace.close();
        }
    }

    @Property(tries = 30)
    void theKernelDecidesOutgoingUdpAsTheReference(@ForAll("policiesWithUdpFlows") Tuple2<PolicyIr, List<Flow>> sample) {
        PolicyIr policy = sample.get1();
        List<Flow> flows = sample.get2();
        EmitResult result = new IptablesBackend().emit(new Program(ImmutableList.of(policy)), EmitOptions.defaults());
        for (Family family : Family.values()) {
            String rules = result.artifacts().get(family == Family.IPV4 ? 0 : 1).content();
            IptCommand.Result loaded = namespace.restore(family, rules, "--noflush");
            assertTrue(loaded.ok(), () -> loaded.output() + "\n" + rules);
        }
        String input = flows.stream()
                .map(f -> f.address().toCanonicalString() + " " + f.port().getAsInt())
                .collect(Collectors.joining("\n", "", "\n"));
        IptCommand.Result probed = namespace.exec(input, List.of(IptCommand.path("bash"), "-c", PROBE));
        List<String> answers = probed.stdout().lines().toList();
        assertEquals(flows.size(), answers.size(), probed::output);
        for (int i = 0; i < flows.size(); i++) {
            String answer = answers.get(i);
            Flow flow = flows.get(i);
            assertTrue(answer.equals("allow") || answer.contains("Operation not permitted"), () -> flow + ": the probe failed: " + answer);
            Verdict kernel = answer.equals("allow") ? Verdict.ALLOW : Verdict.DENY;
            assertEquals(ReferenceEvaluator.verdict(policy, flow), kernel, () -> flow + "\n" + result.artifacts().get(0).content()
                    + result.artifacts().get(1).content());
        }
    }

    @Provide
    Arbitrary<Tuple2<PolicyIr, List<Flow>>> policiesWithUdpFlows() {
        return IrArbitraries.boundPolicies().flatMap(policy -> IrArbitraries.flowsNear(policy)
                .map(IptKernelVerdictProperties::asOutgoingUdp)
                .filter(f -> canBeSent(f.address()))
                .list().ofMinSize(1).ofMaxSize(12)
                .map(flows -> Tuple.of(policy, flows)));
    }

    /** The flow's address and port (or a port near the edges) as an outgoing UDP flow. */
    private static Flow asOutgoingUdp(Flow flow) {
        int port = flow.port().orElse(1 + Math.floorMod(flow.address().hashCode(), 65535));
        return new Flow(Direction.OUT, Protocol.UDP.number(), flow.address(), OptionalInt.of(port));
    }

    /**
     * True for addresses a plain UDP socket can send to through the default route: not loopback
     * (which the base rules accept whatever the policy), unspecified, multicast, link-local (which
     * needs a scope), limited broadcast or the other reserved IPv4 blocks.
     */
    private static boolean canBeSent(IPAddress address) {
        if (address.isLoopback() || address.isMulticast() || address.isLinkLocal() || address.isAnyLocal()) {
            return false;
        }
        return !(address.isIPv4()
                && (TestIr.address("0.0.0.0/8").contains(address) || TestIr.address("240.0.0.0/4").contains(address)));
    }
}
