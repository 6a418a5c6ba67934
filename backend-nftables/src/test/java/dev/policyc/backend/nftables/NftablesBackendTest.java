package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.backend.Feature;
import dev.policyc.core.backend.FeatureCheck;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NftablesBackendTest {

    private final NftablesBackend backend = new NftablesBackend();

    @Test
    void isFoundByServiceLoader() {
        assertTrue(Backends.discover().find("nftables").orElseThrow() instanceof NftablesBackend);
        assertEquals(Set.of(Feature.LOG, Feature.COMMENT, Feature.IPV6, Feature.PORT_RANGES, Feature.RUNTIME_SETS), backend.features());
    }

    @Test
    void onePolicyOneFileOneTable() {
        EmitResult result = backend.emit(new Program(ImmutableList.of(named("a"), named("b-2"))), EmitOptions.defaults());
        assertEquals(List.of("a.nft", "b-2.nft"), result.artifacts().stream().map(a -> a.path()).toList());
        String b = result.artifacts().get(1).content();
        assertEquals(3, NftText.count(b, "table"));
        assertTrue(b.contains("table inet policyc_b-2 {}\ndelete table inet policyc_b-2\ntable inet policyc_b-2 {\n"), b);
    }

    @Test
    void denyRulesComeFirstWhateverTheSourceOrder() {
        Rule allow = TestIr.rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).ports(PortSet.of(443)).line(3).build();
        Rule deny = TestIr.rule(Verdict.DENY, Direction.OUT).peer("192.0.2.0/24").line(4).build();
        String text = emit(TestIr.policy(allow, deny));
        int denyAt = text.indexOf("ip daddr 192.0.2.0/24 counter drop");
        int allowAt = text.indexOf("tcp dport 443 counter accept");
        assertTrue(denyAt > 0 && allowAt > denyAt, text);
    }

    @Test
    void remoteAddressIsTheDestinationGoingOutAndTheSourceComingIn() {
        Rule out = TestIr.rule(Verdict.ALLOW, Direction.OUT).peer("192.0.2.1").protocols(Protocol.UDP).ports(PortSet.of(53)).build();
        Rule in = TestIr.rule(Verdict.ALLOW, Direction.IN).peer("2001:db8::1").protocols(Protocol.TCP).ports(PortSet.of(22)).build();
        String text = emit(TestIr.policy(TestIr.defaultAction(Verdict.ALLOW, false), DefaultAction.implicitDeny(), out, in));
        String input = text.substring(text.indexOf("chain input"), text.indexOf("chain output"));
        String output = text.substring(text.indexOf("chain output"));
        assertTrue(input.contains("policy accept;") && input.contains("ct state new ip6 saddr 2001:db8::1 tcp dport 22 counter accept"), input);
        assertTrue(output.contains("policy drop;") && output.contains("ct state new ip daddr 192.0.2.1 udp dport 53 counter accept"), output);
    }

    @Test
    void commentsAndLogPrefixesFitTheKernelLimits() {
        String file = "a/very/long/path/".repeat(20) + "p.policy";
        Rule rule = new Rule(Verdict.DENY, Direction.OUT, ImmutableSet.of(), Optional.empty(), Optional.empty(),
                true, Optional.of("é".repeat(300)), SourceSpan.at(file, 123456, 5));
        String name = "x".repeat(24);
        String text = emit(new PolicyIr(name, SourceSpan.at(file, 1, 1), DefaultAction.implicitDeny(),
                new DefaultAction(Verdict.DENY, true, Optional.of(SourceSpan.at(file, 2, 1))), ImmutableList.of(rule)));
        for (String kind : List.of("comment \"", "log prefix \"")) {
            for (int at = text.indexOf(kind); at >= 0; at = text.indexOf(kind, at + 1)) {
                int start = at + kind.length();
                String value = text.substring(start, text.indexOf('"', start));
                int limit = kind.startsWith("log") ? 127 : 128;
                assertTrue(value.getBytes(StandardCharsets.UTF_8).length <= limit, value);
            }
        }
        assertTrue(text.contains("log prefix \"policyc " + name + " 123456: \" drop"), text);
    }

    @Test
    void aNameThatCannotNameATableIsAnError() {
        EmitResult result = backend.emit(new Program(ImmutableList.of(named("Bad\"name"), named("good"))), EmitOptions.defaults());
        assertEquals(List.of(NftablesBackend.INVALID_POLICY_NAME), result.diagnostics().stream().map(d -> d.code()).toList());
        assertEquals(List.of("good.nft"), result.artifacts().stream().map(a -> a.path()).toList());
    }

    @Test
    void unboundNamesAreRejectedOnTheirOwnAndBecomeRuntimeSetsWhenBundled() {
        SourceSpan at = SourceSpan.at(TestIr.FILE, 5, 22);
        Rule dns = TestIr.rule(Verdict.ALLOW, Direction.OUT).peer(new Endpoint.DnsName("example.org", at)).build();
        Program program = new Program(ImmutableList.of(TestIr.policy(dns)));
        EmitResult result = Backends.emit(backend, program, EmitOptions.defaults());
        assertEquals(List.of(FeatureCheck.UNSUPPORTED_FEATURE), result.diagnostics().stream().map(d -> d.code()).toList());
        assertEquals(at, result.diagnostics().get(0).span());
        assertEquals(List.of(), result.artifacts());
        String bundled = backend.emit(program, EmitOptions.defaults()).artifacts().get(0).content();
        assertTrue(bundled.contains("\tset dns_1_v4 {\n\t\ttype ipv4_addr\n"), bundled);
        assertTrue(bundled.contains("ct state new ip6 daddr @dns_1_v6 counter accept"), bundled);
    }

    private String emit(PolicyIr policy) {
        EmitResult result = backend.emit(new Program(ImmutableList.of(policy)), EmitOptions.defaults());
        assertEquals(List.of(), result.diagnostics());
        return result.artifacts().get(0).content();
    }

    private static PolicyIr named(String name) {
        return new PolicyIr(name, SourceSpan.at(name + ".policy", 1, 1), DefaultAction.implicitDeny(), DefaultAction.implicitDeny(),
                ImmutableList.of());
    }
}
