package dev.policyc.testing;

import static dev.policyc.testing.PolicyAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The assertions pass on what the sample policies do, and fail with a counterexample and its rule. */
class PolicyAssertionsTest {

    private static final Path SAMPLES = Path.of("../samples/policies");
    private static final TestPolicies LOADER = TestPolicies.defaults()
            .withHosts(SAMPLES.resolve("hosts"))
            .withResolver("10.0.2.3");
    private static final TestPolicy WEBAPP = LOADER.load(SAMPLES.resolve("webapp.policy"));
    private static final String WEBAPP_FILE = SAMPLES.resolve("webapp.policy").toString();

    @Test
    void passingAssertionsChain() {
        assertThat(WEBAPP)
                .accepts("out tcp 10.20.1.5 5432")
                .drops("out tcp 10.20.99.5 5432")
                .neverAccepts("in tcp from outside 192.168.1.0/24 port 22")
                .neverAccepts("out to 169.254.169.254")
                .alwaysAccepts("in tcp port 8080")
                .alwaysAccepts(PolicyAssertions.flows("out udp to 10.0.2.3 port 53"));
    }

    @Test
    void theDslAndYamlSamplesAreEquivalent() {
        assertThat(WEBAPP).equivalentTo(LOADER.load(SAMPLES.resolve("webapp.yaml")));
    }

    @Test
    void aFlowAssertionNamesTheDecidingRule() {
        AssertionError e = assertThrows(AssertionError.class, () -> assertThat(WEBAPP).drops("out tcp 10.20.1.5 5432"));
        assertEquals("expected policy webapp (" + WEBAPP_FILE + ") to drop out tcp 10.20.1.5 5432\n"
                + "  counterexample: out tcp 10.20.1.5 5432 is allowed, expected deny\n"
                + "  decided by " + WEBAPP_FILE + ":6  allow out tcp to cidr 10.20.0.0/16 port 5432 comment \"database\""
                + "  [matches cidr 10.20.0.0/16]", e.getMessage());
    }

    @Test
    void aFlowDecidedByTheDefaultSaysSo() {
        AssertionError e = assertThrows(AssertionError.class, () -> assertThat(WEBAPP).accepts("out udp 8.8.8.8 53"));
        assertTrue(e.getMessage().contains("decided by the default for out flows: deny (implicit: the policy sets none)"),
                e.getMessage());
    }

    @Test
    void aSetAssertionGivesOneCounterexampleAndEveryViolatingRange() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> assertThat(WEBAPP).neverAccepts("in tcp from outside 10.0.0.0/8 port 22"));
        assertTrue(e.getMessage().contains("counterexample: in tcp 192.168.1.0 22 is allowed, expected deny\n"), e.getMessage());
        assertTrue(e.getMessage().contains("decided by " + WEBAPP_FILE + ":11  allow in tcp from cidr 192.168.1.0/24 port 22"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("every such flow: in tcp 192.168.1.0/24 port 22"), e.getMessage());

        AssertionError always = assertThrows(AssertionError.class,
                () -> assertThat(WEBAPP).alwaysAccepts("out tcp to 10.20.0.0/16 port 5432"));
        assertTrue(always.getMessage().contains("counterexample: out tcp 10.20.99.0 5432 is denied, expected allow"),
                always.getMessage());
        assertTrue(always.getMessage().contains(":12  deny out to cidr 10.20.99.0/24 log"), always.getMessage());
    }

    @Test
    void equivalenceFailsWithTheDifferenceBothWays() {
        TestPolicy wider = TestPolicies.defaults().parse("policy p {\n    allow out tcp port 80-81\n}\n");
        TestPolicy narrower = TestPolicies.defaults().parse("policy p {\n    allow out tcp port 80\n    allow out udp port 53\n}\n");
        AssertionError e = assertThrows(AssertionError.class, () -> assertThat(wider).equivalentTo(narrower));
        assertTrue(e.getMessage().contains("they differ on out tcp 0.0.0.0 81\n"), e.getMessage());
        assertTrue(e.getMessage().contains("  policy p: allow, decided by inline.policy:2  allow out tcp port 80-81\n"),
                e.getMessage());
        assertTrue(e.getMessage().contains("  policy p: deny, decided by the default for out flows"), e.getMessage());
        assertTrue(e.getMessage().contains("only the second accepts: FlowSet{out udp 0.0.0.0/0 port 53; out udp ::/0 port 53}"),
                e.getMessage());
        assertTrue(e.getMessage().contains("only the first accepts: FlowSet{out tcp 0.0.0.0/0 port 81; out tcp ::/0 port 81}"),
                e.getMessage());
    }

    @Test
    void malformedFlowsAndSetsAreReportedAsBadArguments() {
        IllegalArgumentException flow = assertThrows(IllegalArgumentException.class,
                () -> assertThat(WEBAPP).accepts("out tcp 10.20.1.5"));
        assertTrue(flow.getMessage().startsWith("'out tcp 10.20.1.5' is not a flow: missing port"), flow.getMessage());
        IllegalArgumentException set = assertThrows(IllegalArgumentException.class,
                () -> assertThat(WEBAPP).neverAccepts("in tcp to 10.0.0.0/8"));
        assertTrue(set.getMessage().contains("(column 8)"), set.getMessage());
    }
}
