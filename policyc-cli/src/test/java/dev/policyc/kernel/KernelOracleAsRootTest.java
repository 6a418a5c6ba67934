package dev.policyc.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.DiagnosticPrinter;
import dev.policyc.core.diag.SourceLines;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.FlowSyntax;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.ir.BoundPolicy;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.EndpointBinder;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.net.HostsFileResolver;
import dev.policyc.core.testing.TestIr;
import dev.policyc.dsl.Frontend;
import dev.policyc.dsl.FrontendResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The kernel oracle on hand-written cases, easy to read when something breaks: first that the
 * probes see every kind of flow pass and every kind dropped (so that neither verdict can come
 * from a probe that does not work), then the language page's example policy, moved into the
 * documentation ranges, against a list of flows with the verdicts the page gives them.
 * Needs root, ip, python3 and nft; skipped with the reason otherwise.
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelOracleAsRootTest {

    /** One flow of each protocol and family the probes handle, both directions. */
    private static final List<String> EVERY_KIND = List.of(
            "tcp 192.0.2.10 80", "udp 192.0.2.10 53", "icmp 192.0.2.10", "47 192.0.2.10", "253 192.0.2.10",
            "tcp 2001:db8::10 443", "udp 2001:db8::10 53", "icmpv6 2001:db8::10", "47 2001:db8::10", "253 2001:db8::10");

    private final KernelTarget target = KernelTarget.nftables();
    private Optional<String> unavailable = Optional.empty();
    private KernelOracle oracle;

    @BeforeAll
    void openOracle() {
        unavailable = KernelTools.unavailableReason().or(target::unavailableReason);
        if (unavailable.isEmpty()) {
            oracle = KernelOracle.open(KernelTools.find());
        }
    }

    /** Skips each test, not the class, so that every one shows as skipped with the reason. */
    @BeforeEach
    void requireKernel() {
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> "skipped: " + unavailable.orElse(""));
    }

    @AfterAll
    void closeOracle() {
        if (oracle != null) {
            oracle.close();
        }
    }

    @Test
    void everyKindOfFlowPassesWhenThePolicyAllowsEverything() {
        PolicyIr allowAll = TestIr.policy(TestIr.defaultAction(Verdict.ALLOW, false), TestIr.defaultAction(Verdict.ALLOW, false));
        Judgement judgement = oracle.judge(target, allowAll, everyKind());
        assertEquals(ImmutableList.of(), judgement.disagreements(), judgement::report);
        assertTrue(judgement.kernel().stream().allMatch(v -> v == Verdict.ALLOW), judgement::report);
    }

    @Test
    void everyKindOfFlowIsDroppedWhenThePolicyDeniesEverything() {
        PolicyIr denyAll = TestIr.policy();
        Judgement judgement = oracle.judge(target, denyAll, everyKind());
        assertEquals(ImmutableList.of(), judgement.disagreements(), judgement::report);
        assertTrue(judgement.kernel().stream().allMatch(v -> v == Verdict.DENY), judgement::report);
    }

    @Test
    void theLanguagePagesExampleInTheKernel() throws IOException, URISyntaxException {
        PolicyIr webapp = webappPolicy();
        Map<Flow, Verdict> expected = expectedVerdicts();
        for (Map.Entry<Flow, Verdict> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), ReferenceEvaluator.verdict(webapp, entry.getKey()),
                    "webapp.flows disagrees with the reference evaluator on '" + entry.getKey() + "'");
        }
        Judgement judgement = oracle.judge(target, webapp, List.copyOf(expected.keySet()));
        assertEquals(ImmutableList.of(), judgement.disagreements(), judgement::report);
        assertEquals(List.copyOf(expected.values()), judgement.kernel(), judgement::report);
    }

    private static List<Flow> everyKind() {
        List<Flow> flows = new ArrayList<>();
        for (Direction direction : Direction.values()) {
            for (String kind : EVERY_KIND) {
                flows.add(flow(direction.keyword() + " " + kind));
            }
        }
        return flows;
    }

    /** webapp.policy, compiled by the front end and bound with webapp.hosts and two nameservers. */
    private static PolicyIr webappPolicy() throws IOException, URISyntaxException {
        FrontendResult compiled = Frontend.fileSystem().compile(List.of(resource("webapp.policy")));
        assertTrue(compiled.program().isPresent(),
                () -> new DiagnosticPrinter(SourceLines.none()).render(compiled.diagnostics()));
        HostsFileResolver.Loaded hosts = HostsFileResolver.parse("webapp.hosts", Files.readString(resource("webapp.hosts")));
        assertEquals(List.of(), hosts.diagnostics());
        EndpointBinder binder = new EndpointBinder(Optional.of(hosts.resolver()),
                Optional.of(List.of(TestIr.address("192.0.2.53"), TestIr.address("2001:db8::53"))));
        BoundPolicy bound = binder.bind(compiled.program().get().policy("webapp").orElseThrow());
        return bound.policy().orElseThrow(() -> new AssertionError(bound.diagnostics()));
    }

    /** The flows of webapp.flows with the verdict each line ends with, in file order. */
    private static Map<Flow, Verdict> expectedVerdicts() throws IOException, URISyntaxException {
        Map<Flow, Verdict> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(resource("webapp.flows"))) {
            if (FlowSyntax.isBlankOrComment(line)) {
                continue;
            }
            String text = line.strip();
            int lastSpace = text.lastIndexOf(' ');
            Verdict verdict = Verdict.ofKeyword(text.substring(lastSpace + 1));
            expected.put(flow(text.substring(0, lastSpace)), verdict);
        }
        return expected;
    }

    private static Flow flow(String text) {
        FlowSyntax.Result parsed = FlowSyntax.parse(text);
        if (parsed instanceof FlowSyntax.Parsed ok) {
            return ok.flow();
        }
        throw new AssertionError("bad flow in test: " + text + ": " + parsed);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(KernelOracleAsRootTest.class.getResource("/kernel/" + name).toURI());
    }
}
