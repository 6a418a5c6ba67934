package dev.policyc.samples.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.api.Compilation;
import dev.policyc.api.Emission;
import dev.policyc.api.Outcome;
import dev.policyc.api.Policyc;
import dev.policyc.api.Verification;
import dev.policyc.core.eval.Decision;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uses policyc only through its published artifacts and its API, as a user's project would:
 * if the API changes incompatibly, this project stops compiling or these tests fail.
 */
class ConsumerTest {

    /** The sample policies of the policyc repository, from this project's directory. */
    private static final Path POLICIES = Path.of("..", "policies");

    private static final String POLICY = """
            define net cloudflare = { host 1.1.1.1, host 1.0.0.1, host 2606:4700:4700::1111 }

            policy dns-client {
                allow out {tcp, udp} to $cloudflare port 53
                allow out tcp to dns "api.github.com" port 443
                deny out to cidr 1.0.0.0/24
            }
            """;

    private final Policyc policyc = Policyc.builder()
            .hosts("hosts", "140.82.121.6 api.github.com\n")
            .build();

    private static Verdict verdict(Compilation compilation, String policy, String flow) {
        Outcome<Decision> outcome = compilation.evaluate(policy, flow);
        assertFalse(outcome.hasErrors(), () -> compilation.render(outcome.diagnostics()));
        return outcome.orElseThrow().verdict();
    }

    private static IPAddress address(String text) {
        return new IPAddressString(text).getAddress();
    }

    @Test
    void compilesAPolicyFromAStringAndEvaluatesFlows() {
        Compilation compilation = policyc.compileString("dns-client.policy", POLICY);
        assertFalse(compilation.hasErrors(), () -> compilation.render(compilation.diagnostics()));
        assertEquals(Verdict.ALLOW, verdict(compilation, "dns-client", "out udp 1.1.1.1 53"));
        assertEquals(Verdict.ALLOW, verdict(compilation, "dns-client", "out tcp 2606:4700:4700::1111 53"));
        assertEquals(Verdict.DENY, verdict(compilation, "dns-client", "out udp 1.0.0.1 53"), "the deny rule wins");
        assertEquals(Verdict.ALLOW, verdict(compilation, "dns-client", "out tcp 140.82.121.6 443"));
        assertEquals(Verdict.DENY, verdict(compilation, "dns-client", "out tcp 8.8.8.8 443"));
        Decision decision = compilation.evaluate("dns-client", "out udp 1.0.0.1 53").orElseThrow();
        assertEquals(6, decision.deciding().get(0).span().line());
        FlowSet accepted = compilation.meaning("dns-client").orElseThrow();
        assertTrue(accepted.contains(Flow.of(Direction.OUT, Protocol.UDP, address("1.1.1.1"), 53)));
        assertFalse(accepted.contains(Flow.of(Direction.OUT, Protocol.UDP, address("1.0.0.1"), 53)));
    }

    @Test
    void reportsMistakesAsRenderedDiagnostics() {
        Compilation compilation = policyc.compileString("typo.policy", POLICY.replace("$cloudflare", "$cloudflair"));
        assertTrue(compilation.hasErrors());
        String text = compilation.render(compilation.diagnostics());
        assertTrue(text.contains("typo.policy:4:29: error: undefined name $cloudflair"), text);
        assertTrue(text.contains("hint: did you mean $cloudflare?"), text);
        assertTrue(compilation.emit("nftables").hasErrors(), "nothing is emitted from a policy with errors");
    }

    @Test
    void compilesTheSamplePolicyFileAndEmitsEveryTarget(@TempDir Path out) throws IOException {
        FirewallBuilder.Result result = FirewallBuilder.build(
                POLICIES.resolve("webapp.policy"), POLICIES.resolve("hosts"), "10.0.2.3", out);
        assertFalse(result.failed(), result.problems());
        List<String> targets = result.emissions().stream().map(Emission::target).toList();
        assertTrue(targets.containsAll(Set.of("nftables", "iptables")), targets.toString());
        assertEquals(List.copyOf(policyc.targets()), targets, "every target found on the class path is emitted");
        for (Emission emission : result.emissions()) {
            assertFalse(emission.artifacts().isEmpty(), emission.target());
            for (String path : emission.paths()) {
                assertTrue(Files.size(out.resolve(emission.target()).resolve(path)) > 0, path);
            }
        }
        String ruleset = Files.readString(out.resolve("nftables/webapp.nft"));
        assertTrue(ruleset.contains("table inet policyc_webapp {"), ruleset);
        // The database rule is merged with other small allow rules into one concatenated set;
        // its element keeps the rule's line and comment.
        assertTrue(ruleset.contains("10.20.0.0/16 . tcp . 5432 comment \"../policies/webapp.policy:6 database\""), ruleset);
        assertTrue(Files.isExecutable(out.resolve("iptables/webapp.sh")));
        assertTrue(Files.readString(out.resolve("iptables/webapp.v4.rules")).contains("*filter"));
    }

    @Test
    void provesTheEmittedRulesEquivalentToThePolicy() {
        Compilation compilation = Policyc.builder().hostsFile(POLICIES.resolve("hosts")).resolver("10.0.2.3").build()
                .compileFile(POLICIES.resolve("webapp.policy"));
        Verification verification = compilation.verify();
        assertTrue(verification.passed(), () -> compilation.render(verification.diagnostics()));
        assertTrue(verification.result("nftables").isPresent());
    }
}
