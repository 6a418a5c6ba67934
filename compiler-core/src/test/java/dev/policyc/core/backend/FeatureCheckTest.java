package dev.policyc.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Range;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.testing.TestIr;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureCheckTest {

    private static final Set<Feature> NONE = EnumSet.noneOf(Feature.class);

    @Test
    void aPlainRuleNeedsNothing() {
        Rule plain = TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("192.0.2.0/24")
                .ports(PortSet.of(443)).build();
        assertEquals(Set.of(), FeatureCheck.needs(plain));
        assertEquals(List.of(), FeatureCheck.check(program(TestIr.policy(plain)), "plain", NONE));
    }

    @Test
    void eachPartOfARuleNeedsItsFeature() {
        Rule rule = new Rule(Verdict.DENY, Direction.OUT, ImmutableSet.of(Protocol.TCP),
                Optional.of(ImmutableList.of(TestIr.block("2001:db8::/32"))), Optional.of(TestIr.ports(Range.closed(1000, 2000))),
                true, Optional.of("why"), TestIr.line(7));
        assertEquals(EnumSet.of(Feature.LOG, Feature.COMMENT, Feature.IPV6, Feature.PORT_RANGES), FeatureCheck.needs(rule));
        assertEquals(Set.of(Feature.IPV6),
                FeatureCheck.needs(TestIr.rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.ICMPV6).build()));
    }

    @Test
    void missingFeaturesAreErrorsAtTheRule() {
        Rule logged = TestIr.rule(Verdict.DENY, Direction.OUT).peer("10.0.0.0/8").log().line(9).build();
        List<Diagnostic> found = FeatureCheck.check(program(TestIr.policy(logged)), "tiny", EnumSet.of(Feature.IPV6));
        assertEquals(1, found.size());
        Diagnostic d = found.get(0);
        assertTrue(d.isError());
        assertEquals(FeatureCheck.UNSUPPORTED_FEATURE, d.code());
        assertEquals(TestIr.line(9), d.span());
        assertEquals("the tiny target does not support logging", d.message());
        assertTrue(d.hintText().isPresent());
        assertEquals(List.of(), FeatureCheck.check(program(TestIr.policy(logged)), "tiny", EnumSet.of(Feature.LOG)));
    }

    @Test
    void aLoggedDefaultNeedsLogging() {
        PolicyIr policy = TestIr.policy(DefaultAction.implicitDeny(), TestIr.defaultAction(Verdict.DENY, true));
        List<Diagnostic> found = FeatureCheck.check(program(policy), "tiny", NONE);
        assertEquals(1, found.size());
        assertEquals(TestIr.line(2), found.get(0).span());
    }

    @Test
    void unboundEndpointsAreReportedWhereTheyAreNamed() {
        SourceSpan dnsAt = SourceSpan.at(TestIr.FILE, 4, 20);
        SourceSpan resolverAt = SourceSpan.at(TestIr.FILE, 4, 40);
        Rule rule = TestIr.rule(Verdict.ALLOW, Direction.OUT)
                .peer(new Endpoint.DnsName("example.org", dnsAt), TestIr.block("192.0.2.1"), new Endpoint.Resolver(resolverAt))
                .build();
        assertEquals(Set.of(Feature.DNS_AT_RUNTIME), FeatureCheck.needs(rule));
        List<Diagnostic> found = FeatureCheck.check(program(TestIr.policy(rule)), "static", NONE);
        assertEquals(List.of(dnsAt, resolverAt), found.stream().map(Diagnostic::span).toList());
        assertTrue(found.get(0).message().contains("dns \"example.org\""), found.get(0).message());
        assertEquals(List.of(), FeatureCheck.check(program(TestIr.policy(rule)), "hook", EnumSet.of(Feature.DNS_AT_RUNTIME)));
    }

    private static Program program(PolicyIr policy) {
        return new Program(ImmutableList.of(policy));
    }
}
