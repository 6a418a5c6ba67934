package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.backend.Feature;
import dev.policyc.core.backend.FeatureCheck;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.TestIr;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IptablesBackendTest {

    private final IptablesBackend backend = new IptablesBackend();

    @Test
    void isFoundByServiceLoader() {
        assertTrue(Backends.discover().find("iptables").orElseThrow() instanceof IptablesBackend);
        assertEquals(Set.of(Feature.LOG, Feature.COMMENT, Feature.IPV6, Feature.PORT_RANGES), backend.features());
    }

    @Test
    void threeFilesPerPolicyOnlyTheScriptExecutable() {
        EmitResult result = backend.emit(new Program(ImmutableList.of(named("a"), named("b-2"))), EmitOptions.defaults());
        assertEquals(List.of("a.v4.rules", "a.v6.rules", "a.sh", "b-2.v4.rules", "b-2.v6.rules", "b-2.sh"),
                result.artifacts().stream().map(Artifact::path).toList());
        assertEquals(List.of(false, false, true), result.artifacts().subList(0, 3).stream().map(Artifact::executable).toList());
        String script = result.artifacts().get(5).content();
        assertTrue(script.startsWith("#!/bin/sh\n"), script);
        assertTrue(script.contains("\nset -eu\n"), script);
    }

    @Test
    void eachFileIsOneTransactionOfTableFilterThatOwnsInputAndOutput() {
        for (Family family : Family.values()) {
            String text = emit(TestIr.policy(), family);
            List<String> code = text.lines().filter(l -> !l.startsWith("#")).toList();
            assertEquals("*filter", code.get(0));
            assertEquals("COMMIT", code.get(code.size() - 1));
            // No policy for INPUT and OUTPUT: setting one would cost the load an RCU grace period.
            assertEquals(List.of(":POLICYC-test-IN - [0:0]", ":POLICYC-test-OUT - [0:0]", "-F INPUT", "-F OUTPUT",
                    "-A INPUT -j POLICYC-test-IN", "-A OUTPUT -j POLICYC-test-OUT"), code.subList(1, 7));
        }
    }

    @Test
    void denyRulesComeFirstWhateverTheSourceOrder() {
        Rule allow = TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).ports(PortSet.of(443)).line(3).build();
        Rule deny = TestIr.rule(Verdict.DENY, Direction.OUT).peer("192.0.2.0/24").line(4).build();
        String text = emit(TestIr.policy(allow, deny), Family.IPV4);
        int denyAt = text.indexOf("-d 192.0.2.0/24 -m conntrack --ctstate NEW -m comment --comment \"test.policy:4\" -j DROP");
        int allowAt = text.indexOf("-p tcp -m conntrack --ctstate NEW -m tcp --dport 443 -m comment --comment \"test.policy:3\" -j ACCEPT");
        assertTrue(denyAt > 0 && allowAt > denyAt, text);
    }

    @Test
    void remoteAddressIsTheDestinationGoingOutAndTheSourceComingIn() {
        Rule out = TestIr.rule(Verdict.ALLOW, Direction.OUT).peer("192.0.2.1").protocols(Protocol.UDP).ports(PortSet.of(53)).build();
        Rule in = TestIr.rule(Verdict.ALLOW, Direction.IN).peer("2001:db8::1").protocols(Protocol.TCP).ports(PortSet.of(22)).build();
        PolicyIr policy = TestIr.policy(TestIr.defaultAction(Verdict.ALLOW, false), DefaultAction.implicitDeny(), out, in);
        String v4 = emit(policy, Family.IPV4);
        String v6 = emit(policy, Family.IPV6);
        assertTrue(v4.contains("-A POLICYC-test-OUT -m comment --comment \"default deny out\" -j DROP\n"), v4);
        assertTrue(v4.contains("-A POLICYC-test-OUT -d 192.0.2.1/32 -p udp -m conntrack --ctstate NEW -m udp --dport 53 "), v4);
        assertTrue(v6.contains("-A POLICYC-test-IN -s 2001:db8::1/128 -p tcp -m conntrack --ctstate NEW -m tcp --dport 22 "), v6);
        assertFalse(v4.contains("2001:db8::1"), v4);
        assertFalse(v6.contains("192.0.2.1"), v6);
        assertTrue(v4.contains("-A POLICYC-test-IN -m comment --comment \"test.policy:2 default allow in\" -j ACCEPT"), v4);
    }

    @Test
    void anIpv4OnlyPolicyStillDropsAllIpv6() {
        Rule allow = TestIr.rule(Verdict.ALLOW, Direction.OUT).peer("192.0.2.0/24").build();
        Rule icmp = TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.ICMP).build();
        String v6 = emit(TestIr.policy(allow, icmp), Family.IPV6);
        assertTrue(v6.contains("\n-A INPUT -j POLICYC-test-IN\n-A OUTPUT -j POLICYC-test-OUT\n"), v6);
        List<List<String>> own = IptText.appendCommands(v6).stream().filter(c -> c.get(1).startsWith("POLICYC-")).toList();
        for (List<String> command : own) {
            if (command.get(command.size() - 1).equals("ACCEPT")) {
                assertTrue(IptText.valueOf(command, "--comment").startsWith("base: "), "only base rules accept: " + command);
            }
        }
        for (String chain : List.of("POLICYC-test-IN", "POLICYC-test-OUT")) {
            List<String> last = own.stream().filter(c -> c.get(1).equals(chain)).reduce((a, b) -> b).orElseThrow();
            assertEquals(List.of("-j", "DROP"), last.subList(last.size() - 2, last.size()), chain + " ends in a drop");
        }
        String v4 = emit(TestIr.policy(allow, icmp), Family.IPV4);
        assertTrue(v4.contains("-A POLICYC-test-IN -p icmp -m conntrack --ctstate NEW"), v4);
    }

    @Test
    void icmpOnlyInTheIpv4FileAndIcmpv6OnlyInTheIpv6File() {
        Rule both = TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.ICMP, Protocol.ICMPV6, Protocol.TCP).build();
        String v4 = emit(TestIr.policy(both), Family.IPV4);
        String v6 = emit(TestIr.policy(both), Family.IPV6);
        assertEquals(2, v4.lines().filter(l -> l.startsWith("-A") && l.contains("test.policy:3")).count(), v4);
        assertTrue(v4.contains("-p icmp -m conntrack") && !v4.contains("ipv6-icmp"), v4);
        assertEquals(2, v6.lines().filter(l -> l.startsWith("-A") && l.contains("test.policy:3")).count(), v6);
        assertTrue(v6.contains("-p ipv6-icmp -m conntrack") && !v6.contains("-p icmp "), v6);
    }

    @Test
    void aRuleWithoutProtocolMatchesEveryProtocol() {
        Rule any = TestIr.rule(Verdict.DENY, Direction.IN).peer("192.0.2.7").build();
        String v4 = emit(TestIr.policy(any), Family.IPV4);
        assertTrue(v4.contains("-A POLICYC-test-IN -s 192.0.2.7/32 -m conntrack --ctstate NEW -m comment --comment \"test.policy:3\" -j DROP"), v4);
    }

    @Test
    void logRulesLogThenDecideAndDefaultsLogLast() {
        Rule deny = TestIr.rule(Verdict.DENY, Direction.OUT).peer("192.0.2.0/24").log().line(7).build();
        PolicyIr policy = TestIr.policy(DefaultAction.implicitDeny(), TestIr.defaultAction(Verdict.DENY, true), deny);
        List<String> out = emit(policy, Family.IPV4).lines().filter(l -> l.startsWith("-A POLICYC-test-OUT")).toList();
        assertEquals(List.of(
                "-A POLICYC-test-OUT -d 192.0.2.0/24 -m conntrack --ctstate NEW -m comment --comment \"test.policy:7\" -j LOG --log-prefix \"test:7 \"",
                "-A POLICYC-test-OUT -d 192.0.2.0/24 -m conntrack --ctstate NEW -m comment --comment \"test.policy:7\" -j DROP",
                "-A POLICYC-test-OUT -m comment --comment \"test.policy:2 default deny out\" -j LOG --log-prefix \"test default-out \"",
                "-A POLICYC-test-OUT -m comment --comment \"test.policy:2 default deny out\" -j DROP"),
                out.subList(out.size() - 4, out.size()));
    }

    @Test
    void commentsAndLogPrefixesFitTheKernelLimits() {
        String file = "a/very/long/\"path\"/".repeat(20) + "p.policy";
        Rule rule = new Rule(Verdict.DENY, Direction.OUT, ImmutableSet.of(), Optional.empty(), Optional.empty(),
                true, Optional.of("é\\\"".repeat(300)), SourceSpan.at(file, Integer.MAX_VALUE, 5));
        String name = "x".repeat(24);
        PolicyIr policy = new PolicyIr(name, SourceSpan.at(file, 1, 1), new DefaultAction(Verdict.ALLOW, true, Optional.empty()),
                new DefaultAction(Verdict.DENY, true, Optional.of(SourceSpan.at(file, 2, 1))), ImmutableList.of(rule));
        for (Family family : Family.values()) {
            for (List<String> command : IptText.appendCommands(emit(policy, family))) {
                String comment = IptText.valueOf(command, "--comment");
                if (comment != null) {
                    assertTrue(comment.getBytes(StandardCharsets.UTF_8).length <= 255, comment);
                }
                String prefix = IptText.valueOf(command, "--log-prefix");
                if (prefix != null) {
                    assertTrue(prefix.length() <= 29 && !prefix.endsWith("..."), prefix);
                }
                assertTrue(command.get(1).length() <= PolicyChains.MAX_CHAIN_NAME, command.get(1));
            }
        }
        assertTrue(emit(policy, Family.IPV4).contains("--log-prefix \"xxxxxxxxx-"), "a long name's stem starts the prefix");
    }

    @Test
    void longPolicyNamesMapToShortDistinctStableChains() {
        PolicyChains first = PolicyChains.of("abcdefghij-policy-number1");
        assertEquals(first, PolicyChains.of("abcdefghij-policy-number1"));
        assertNotEquals(first, PolicyChains.of("abcdefghij-policy-number2"));
        assertEquals(PolicyChains.STEM_MAX, first.stem().length());
        assertTrue(first.stem().startsWith("abcdefghi-"), first.stem());
        for (Direction direction : Direction.values()) {
            assertTrue(first.chain(direction).length() <= PolicyChains.MAX_CHAIN_NAME, first.chain(direction));
        }
        assertEquals("POLICYC-sixteen-chars-ok-OUT", PolicyChains.of("sixteen-chars-ok").chain(Direction.OUT));
        assertEquals(PolicyChains.MAX_CHAIN_NAME, PolicyChains.of("sixteen-chars-ok").chain(Direction.OUT).length());
    }

    @Test
    void policiesWhoseChainsWouldClashAreAnError() {
        // Long names that keep the same first 9 characters differ in 24 bits of hash: among a
        // few thousand such names two share a stem (the birthday bound), which is what this looks for.
        Map<PolicyChains, String> seen = new HashMap<>();
        String[] clash = null;
        for (int i = 0; i < 200_000 && clash == null; i++) {
            String name = "clashing-policy-" + Integer.toString(i, 36);
            String earlier = seen.putIfAbsent(PolicyChains.of(name), name);
            if (earlier != null) {
                clash = new String[] {earlier, name};
            }
        }
        assertTrue(clash != null, "no two names with the same stem found");
        EmitResult result = backend.emit(new Program(ImmutableList.of(named(clash[0]), named(clash[1]))), EmitOptions.defaults());
        assertEquals(List.of(IptablesBackend.CHAIN_NAME_CLASH), result.diagnostics().stream().map(d -> d.code()).toList());
        assertEquals(SourceSpan.at(clash[1] + ".policy", 1, 1), result.diagnostics().get(0).span());
        assertEquals(3, result.artifacts().size(), "the first policy is still written");
    }

    @Test
    void aNameThatCannotNameChainsIsAnError() {
        EmitResult result = backend.emit(new Program(ImmutableList.of(named("Bad\"name"), named("good"))), EmitOptions.defaults());
        assertEquals(List.of(IptablesBackend.INVALID_POLICY_NAME), result.diagnostics().stream().map(d -> d.code()).toList());
        assertEquals(List.of("good.v4.rules", "good.v6.rules", "good.sh"), result.artifacts().stream().map(Artifact::path).toList());
    }

    @Test
    void unboundNamesAreRejectedBeforeEmission() {
        SourceSpan at = SourceSpan.at(TestIr.FILE, 5, 22);
        Rule dns = TestIr.rule(Verdict.ALLOW, Direction.OUT).peer(new Endpoint.DnsName("example.org", at)).build();
        Program program = new Program(ImmutableList.of(TestIr.policy(dns)));
        EmitResult result = Backends.emit(backend, program, EmitOptions.defaults());
        assertEquals(List.of(FeatureCheck.UNSUPPORTED_FEATURE), result.diagnostics().stream().map(d -> d.code()).toList());
        assertEquals(at, result.diagnostics().get(0).span());
        assertEquals(List.of(), result.artifacts());
        assertThrows(IllegalArgumentException.class, () -> backend.emit(program, EmitOptions.defaults()));
    }

    private String emit(PolicyIr policy, Family family) {
        EmitResult result = backend.emit(new Program(ImmutableList.of(policy)), EmitOptions.defaults());
        assertEquals(List.of(), result.diagnostics());
        return result.artifacts().get(family == Family.IPV4 ? 0 : 1).content();
    }

    private static PolicyIr named(String name) {
        return new PolicyIr(name, SourceSpan.at(name + ".policy", 1, 1), DefaultAction.implicitDeny(), DefaultAction.implicitDeny(),
                ImmutableList.of());
    }
}
