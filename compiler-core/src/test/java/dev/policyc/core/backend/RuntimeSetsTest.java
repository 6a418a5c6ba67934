package dev.policyc.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.TestIr;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimeSetsTest {

    private static final SourceSpan AT = TestIr.line(2);

    private static Endpoint dns(String name) {
        return new Endpoint.DnsName(name, AT);
    }

    private static Rule out(Endpoint... peer) {
        return TestIr.rule(Verdict.ALLOW, Direction.OUT).peer(peer).build();
    }

    private static List<String> names(List<RuntimeSet> sets) {
        return sets.stream().map(RuntimeSet::name).toList();
    }

    @Test
    void namesAreNumberedInOrderOfFirstUseAndSpellingsOfOneNameShareASet() {
        Rule first = out(dns("b.example"), new Endpoint.Resolver(AT), dns("A.example."));
        Rule second = TestIr.rule(Verdict.DENY, Direction.IN).protocols(Protocol.TCP).peer(dns("a.example"), dns("c.example")).build();
        PolicyIr policy = TestIr.policy(first, second);
        RuntimeSets sets = RuntimeSets.of(policy);

        assertEquals(List.of("dns_1_v4", "dns_1_v6", "dns_2_v4", "dns_2_v6", "dns_3_v4", "dns_3_v6", "resolver_v4", "resolver_v6"),
                names(sets.all()));
        assertEquals(List.of("dns_1_v4", "dns_1_v6", "resolver_v4", "resolver_v6", "dns_2_v4", "dns_2_v6"), names(sets.forRule(first)));
        assertEquals(List.of("dns_2_v4", "dns_2_v6", "dns_3_v4", "dns_3_v6"), names(sets.forRule(second)));
        assertEquals(Optional.of("a.example"), sets.all().get(2).dnsName());
        assertTrue(sets.all().get(6).isResolver());
    }

    @Test
    void aRuleUsesOnlyTheFamiliesItsProtocolsExistIn() {
        Rule ping = TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.ICMP).peer(dns("ping.example")).build();
        Rule ping6 = TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.ICMPV6).peer(new Endpoint.Resolver(AT)).build();
        RuntimeSets sets = RuntimeSets.of(TestIr.policy(ping, ping6));
        assertEquals(List.of("dns_1_v4", "resolver_v6"), names(sets.all()));
        assertEquals(Family.IPV6, sets.all().get(1).family());
    }

    @Test
    void aBoundPolicyHasNone() {
        assertEquals(List.of(), RuntimeSets.of(TestIr.policy(out(TestIr.block("192.0.2.1")))).all());
    }

    @Test
    void aRuleOfAnotherPolicyIsRefused() {
        RuntimeSets sets = RuntimeSets.of(TestIr.policy(out(dns("a.example"))));
        assertThrows(IllegalArgumentException.class, () -> sets.forRule(out(dns("other.example"))));
    }

    @Test
    void setNamesAgreeWithFamilyAndKind() {
        assertThrows(IllegalArgumentException.class, () -> new RuntimeSet("dns_1_v6", Family.IPV4, Optional.of("a")));
        assertThrows(IllegalArgumentException.class, () -> new RuntimeSet("resolver_v4", Family.IPV4, Optional.of("a")));
        assertThrows(IllegalArgumentException.class, () -> new RuntimeSet("dns_1_v4", Family.IPV4, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new RuntimeSet("dns_0_v4", Family.IPV4, Optional.of("a")));
        assertTrue(TextWriter.isName(new RuntimeSet("dns_12_v6", Family.IPV6, Optional.of("a")).name()));
    }
}
