package dev.policyc.core.ir;

import static dev.policyc.core.ir.Direction.OUT;
import static dev.policyc.core.ir.Protocol.ICMP;
import static dev.policyc.core.ir.Protocol.TCP;
import static dev.policyc.core.ir.Protocol.UDP;
import static dev.policyc.core.ir.Verdict.ALLOW;
import static dev.policyc.core.ir.Verdict.DENY;
import static dev.policyc.core.testing.TestIr.address;
import static dev.policyc.core.testing.TestIr.block;
import static dev.policyc.core.testing.TestIr.flow;
import static dev.policyc.core.testing.TestIr.policy;
import static dev.policyc.core.testing.TestIr.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Severity;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.net.HostsFileResolver;
import dev.policyc.core.net.NameResolver;
import dev.policyc.core.net.Resolution;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointBinderTest {

    private static final SourceSpan DNS_SPAN = new SourceSpan("test.policy", 6, 22, 20);
    private static final SourceSpan RESOLVER_SPAN = new SourceSpan("test.policy", 8, 30, 8);

    private final HostsFileResolver hosts = HostsFileResolver.parse("hosts", """
            140.82.112.5  api.github.com
            2606:50c0::5  api.github.com
            2001:db8::53  v6only.example
            """).resolver();

    private static Endpoint.DnsName dns(String name) {
        return new Endpoint.DnsName(name, DNS_SPAN);
    }

    private static Endpoint.Resolver resolver() {
        return new Endpoint.Resolver(RESOLVER_SPAN);
    }

    private static EndpointBinder binder(NameResolver names, String... nameservers) {
        List<IPAddress> addresses = new ArrayList<>();
        for (String s : nameservers) {
            addresses.add(address(s));
        }
        return new EndpointBinder(Optional.ofNullable(names), Optional.of(addresses));
    }

    private static List<String> codes(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::code).toList();
    }

    @Test
    void policyWithoutSymbolicEndpointsIsUnchanged() {
        PolicyIr p = policy(rule(ALLOW, OUT).protocols(TCP).peer("10.0.0.0/8").build(), rule(DENY, OUT).build());
        BoundPolicy bound = new EndpointBinder(Optional.empty(), Optional.empty()).bind(p);
        assertEquals(Optional.of(p), bound.policy());
        assertEquals(List.of(), bound.diagnostics());
    }

    @Test
    void dnsNameBindsToHostBlocksOfBothFamiliesInPlace() {
        Rule r = rule(ALLOW, OUT).protocols(TCP).peer(block("10.0.0.0/8"), dns("API.github.com."), block("192.0.2.1")).build();
        PolicyIr p = policy(r);
        BoundPolicy bound = binder(hosts).bind(p);
        assertEquals(List.of(), bound.diagnostics());
        List<Endpoint> peer = bound.policy().orElseThrow().rules().get(0).peer().orElseThrow();
        assertEquals(List.of(
                block("10.0.0.0/8"),
                new Endpoint.Block(address("140.82.112.5/32"), "dns \"API.github.com.\"", DNS_SPAN),
                new Endpoint.Block(address("2606:50c0::5/128"), "dns \"API.github.com.\"", DNS_SPAN),
                block("192.0.2.1")), peer);
        assertEquals(32, ((Endpoint.Block) peer.get(1)).block().getNetworkPrefixLength());
        assertEquals(128, ((Endpoint.Block) peer.get(2)).block().getNetworkPrefixLength());
        // The input is left as it was.
        assertEquals(policy(r), p);
        assertTrue(!p.isBound());
    }

    @Test
    void boundPolicyMeansWhatTheNamesResolveTo() {
        PolicyIr bound = binder(hosts).bind(policy(rule(ALLOW, OUT).protocols(TCP).peer(dns("api.github.com")).build()))
                .policy().orElseThrow();
        assertEquals(ALLOW, ReferenceEvaluator.verdict(bound, flow(OUT, TCP, "140.82.112.5", 443)));
        assertEquals(ALLOW, ReferenceEvaluator.verdict(bound, flow(OUT, TCP, "2606:50c0::5", 443)));
        assertEquals(DENY, ReferenceEvaluator.verdict(bound, flow(OUT, TCP, "140.82.112.6", 443)));
    }

    @Test
    void withoutNameSourceEveryDnsEndpointIsAnError() {
        PolicyIr p = policy(
                rule(ALLOW, OUT).peer(dns("a.example")).build(),
                rule(ALLOW, OUT).peer(block("192.0.2.1"), dns("b.example")).build());
        BoundPolicy bound = new EndpointBinder(Optional.empty(), Optional.empty()).bind(p);
        assertTrue(bound.hasErrors());
        assertEquals(Optional.empty(), bound.policy());
        assertEquals(List.of("dns-unresolved-source", "dns-unresolved-source"), codes(bound.diagnostics()));
        Diagnostic first = bound.diagnostics().get(0);
        assertEquals(Severity.ERROR, first.severity());
        assertEquals(DNS_SPAN, first.span());
        assertEquals("give --hosts FILE or --resolve", first.hint());
        assertTrue(first.message().contains("dns \"a.example\""), first.message());
    }

    @Test
    void withoutNameserversEveryResolverEndpointIsAnError() {
        PolicyIr p = policy(rule(ALLOW, OUT).protocols(TCP, UDP).peer(resolver()).ports(PortSet.of(53)).build());
        BoundPolicy bound = new EndpointBinder(Optional.of(hosts), Optional.empty()).bind(p);
        assertEquals(Optional.empty(), bound.policy());
        assertEquals(List.of("resolver-unknown"), codes(bound.diagnostics()));
        assertEquals(RESOLVER_SPAN, bound.diagnostics().get(0).span());
        assertEquals("give --resolver ADDR", bound.diagnostics().get(0).hint());
    }

    @Test
    void resolverBindsToTheNameservers() {
        PolicyIr p = policy(rule(ALLOW, OUT).protocols(TCP, UDP).peer(resolver()).ports(PortSet.of(53)).build());
        PolicyIr bound = binder(null, "2001:db8::53", "192.0.2.53").bind(p).policy().orElseThrow();
        assertEquals(List.of(
                new Endpoint.Block(address("192.0.2.53/32"), "resolver", RESOLVER_SPAN),
                new Endpoint.Block(address("2001:db8::53/128"), "resolver", RESOLVER_SPAN)),
                bound.rules().get(0).peer().orElseThrow());
    }

    @Test
    void nameWithoutAddressesWarnsAndMatchesNothing() {
        Rule r = rule(ALLOW, OUT).peer(dns("missing.example"), block("192.0.2.1")).build();
        BoundPolicy bound = binder(hosts).bind(policy(r));
        assertEquals(List.of("dns-no-addresses"), codes(bound.diagnostics()));
        Diagnostic warning = bound.diagnostics().get(0);
        assertEquals(Severity.WARNING, warning.severity());
        assertEquals(DNS_SPAN, warning.span());
        assertTrue(warning.message().contains("not listed in hosts file hosts"), warning.message());
        assertEquals(List.of(block("192.0.2.1")), bound.policy().orElseThrow().rules().get(0).peer().orElseThrow());
    }

    @Test
    void ruleLeftWithoutEndpointsIsRemovedRatherThanMatchingAnyAddress() {
        Rule gone = rule(DENY, OUT).peer(dns("missing.example")).line(7).build();
        Rule kept = rule(ALLOW, OUT).protocols(TCP).build();
        BoundPolicy bound = binder(hosts).bind(policy(gone, kept));
        assertEquals(List.of("dns-no-addresses", "rule-matches-nothing"), codes(bound.diagnostics()));
        assertEquals(gone.span(), bound.diagnostics().get(1).span());
        PolicyIr p = bound.policy().orElseThrow();
        assertEquals(List.of(kept), p.rules());
        assertEquals(ALLOW, ReferenceEvaluator.verdict(p, flow(OUT, TCP, "192.0.2.1", 80)));
    }

    @Test
    void addressesOfAFamilyTheRuleCannotMatchAreLeftOut() {
        Rule ping = rule(ALLOW, OUT).protocols(ICMP).peer(dns("api.github.com")).build();
        Rule pingV6Only = rule(ALLOW, OUT).protocols(ICMP).peer(dns("v6only.example")).build();
        BoundPolicy bound = binder(hosts).bind(policy(ping, pingV6Only));
        assertEquals(List.of("rule-matches-nothing"), codes(bound.diagnostics()));
        List<Rule> rules = bound.policy().orElseThrow().rules();
        assertEquals(1, rules.size());
        assertEquals(List.of(new Endpoint.Block(address("140.82.112.5/32"), "dns \"api.github.com\"", DNS_SPAN)),
                rules.get(0).peer().orElseThrow());
    }

    @Test
    void emptyNameserverListMatchesNothing() {
        Rule r = rule(ALLOW, OUT).protocols(UDP).peer(resolver()).ports(PortSet.of(53)).build();
        BoundPolicy bound = binder(null).bind(policy(r));
        assertEquals(List.of("resolver-no-addresses", "rule-matches-nothing"), codes(bound.diagnostics()));
        assertEquals(List.of(), bound.policy().orElseThrow().rules());
    }

    @Test
    void eachNameIsResolvedOnceForAWholeProgram() {
        List<String> asked = new ArrayList<>();
        NameResolver counting = name -> {
            asked.add(name);
            return hosts.resolve(name);
        };
        PolicyIr a = policy(rule(ALLOW, OUT).peer(dns("api.github.com")).build(), rule(DENY, OUT).peer(dns("API.GITHUB.COM.")).build());
        PolicyIr b = new PolicyIr("other", a.span(), a.defaultIn(), a.defaultOut(), a.rules());
        BoundProgram bound = binder(counting).bind(new Program(ImmutableList.of(a, b)));
        assertEquals(List.of(), bound.diagnostics());
        assertEquals(1, asked.size(), asked::toString);
        assertEquals(2, bound.program().orElseThrow().policies().size());
        assertTrue(bound.program().orElseThrow().policies().stream().allMatch(PolicyIr::isBound));
    }

    @Test
    void programWithAnUnbindableEndpointHasNoBoundProgram() {
        PolicyIr ok = policy(rule(ALLOW, OUT).peer(dns("api.github.com")).build());
        PolicyIr bad = new PolicyIr("bad", ok.span(), ok.defaultIn(), ok.defaultOut(),
                ImmutableList.of(rule(ALLOW, OUT).peer(resolver()).build()));
        BoundProgram bound = new EndpointBinder(Optional.of(hosts), Optional.empty()).bind(new Program(ImmutableList.of(ok, bad)));
        assertTrue(bound.hasErrors());
        assertEquals(List.of("resolver-unknown"), codes(bound.diagnostics()));
    }

    @Test
    void resolverAnswerOrderDoesNotChangeTheBinding() {
        NameResolver forward = name -> Resolution.Addresses.of(List.of(address("192.0.2.2"), address("192.0.2.1")));
        NameResolver backward = name -> Resolution.Addresses.of(List.of(address("192.0.2.1"), address("192.0.2.2")));
        PolicyIr p = policy(rule(ALLOW, OUT).peer(dns("x.example")).build());
        assertEquals(binder(forward).bind(p), binder(backward).bind(p));
    }
}
