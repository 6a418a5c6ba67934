package dev.policyc.dsl.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.SourceLines;
import dev.policyc.core.ir.EndpointBinder;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.dsl.Frontend;
import dev.policyc.dsl.FrontendResult;
import dev.policyc.dsl.load.SourceReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checking expectations: exact answers, counterexamples, and how failures read. */
class ExpectationCheckerTest {

    private static final String POLICY = """
            policy web {
                allow in tcp from cidr 192.168.1.0/24 port 22   # admins
                allow in tcp port 8080
                deny in from host 192.168.1.66 log
                default allow out
                allow in tcp from cidr 192.168.0.0/16 port 20-22
            }
            """;

    private static final FrontendResult COMPILED = Frontend.reading(path -> new SourceReader.Text(POLICY, "web"))
            .compile(List.of(Path.of("web.policy")));
    private static final PolicyIr WEB = new EndpointBinder(Optional.empty(), Optional.empty())
            .bind(COMPILED.program().orElseThrow().policies().get(0)).policy().orElseThrow();
    private static final SourceLines LINES = COMPILED.sources();

    private static ExpectationChecker.Outcome check(String line) {
        ExpectationFile file = ExpectationParser.parse("web.policy.expect", line);
        assertEquals(List.of(), file.diagnostics());
        return new ExpectationChecker(WEB).check(file.sections().get(0).expectations().get(0));
    }

    @Test
    void passingExpectations() {
        for (String line : List.of("expect allow in tcp 192.168.1.5 22", "expect deny in tcp 192.168.1.66 22",
                "never allow in tcp from outside 192.168.0.0/16 port 22", "always allow in tcp from not 192.168.1.66 port 8080",
                "always allow out", "never allow in udp", "never allow in from 192.168.1.66")) {
            assertTrue(check(line).passed(), line);
        }
    }

    @Test
    void aFailedFlowNamesTheDecidingRuleWithItsText() {
        ExpectationChecker.Failed failed = assertInstanceOf(ExpectationChecker.Failed.class,
                check("expect allow in tcp 192.168.1.66 22"));
        assertEquals(List.of(
                "counterexample: in tcp 192.168.1.66 22 is denied, expected allow",
                "decided by web.policy:4  deny in from host 192.168.1.66 log  [matches host 192.168.1.66]"),
                DecisionText.failure(failed, LINES));
    }

    @Test
    void aFailedSetGivesItsLowestFlowAndEveryRangeThatBreaksIt() {
        ExpectationChecker.Failed failed = assertInstanceOf(ExpectationChecker.Failed.class,
                check("never allow in tcp from outside 10.0.0.0/8 port 22"));
        assertEquals(List.of(
                "counterexample: in tcp 192.168.0.0 22 is allowed, expected deny",
                "decided by web.policy:6  allow in tcp from cidr 192.168.0.0/16 port 20-22  [matches cidr 192.168.0.0/16]",
                "every such flow (2 ranges): in tcp {192.168.0.0/24, 192.168.1.0/26, 192.168.1.64/31} port 22;"
                        + " in tcp 192.168.1.67-192.168.255.255 port 22"),
                DecisionText.failure(failed, LINES));
        ExpectationChecker.Failed both = assertInstanceOf(ExpectationChecker.Failed.class,
                check("never allow in tcp from 192.168.1.0/24 port 22"));
        assertEquals(List.of(
                "counterexample: in tcp 192.168.1.0 22 is allowed, expected deny",
                "decided by 2 rules:",
                "  web.policy:2  allow in tcp from cidr 192.168.1.0/24 port 22  [matches cidr 192.168.1.0/24]",
                "  web.policy:6  allow in tcp from cidr 192.168.0.0/16 port 20-22  [matches cidr 192.168.0.0/16]"),
                DecisionText.failure(both, LINES).subList(0, 4));
    }

    @Test
    void theDefaultIsNamedWhenNoRuleDecides() {
        ExpectationChecker.Failed failed = assertInstanceOf(ExpectationChecker.Failed.class, check("never allow out udp port 53"));
        assertEquals("counterexample: out udp 0.0.0.0 53 is allowed, expected deny", DecisionText.failure(failed, LINES).get(0));
        assertEquals("decided by the default for out flows: allow (web.policy:5)", DecisionText.failure(failed, LINES).get(1));
        ExpectationChecker.Failed in = assertInstanceOf(ExpectationChecker.Failed.class, check("always allow in udp"));
        assertEquals("decided by the default for in flows: deny (implicit: the policy sets none)",
                DecisionText.failure(in, LINES).get(1));
    }
}
