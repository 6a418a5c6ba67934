package dev.policyc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.ir.Verdict;
import dev.policyc.core.eval.ReferenceEvaluator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loading policies for tests: files, text, names, and what a broken fixture says. */
class TestPoliciesTest {

    private static final Path SAMPLES = Path.of("../samples/policies");

    @Test
    void loadsEveryPolicyOfSeveralFilesAndBindsNames() {
        List<TestPolicy> all = TestPolicies.defaults().withHosts(SAMPLES.resolve("hosts")).withResolver("10.0.2.3")
                .loadAll(List.of(SAMPLES.resolve("webapp.policy"), SAMPLES.resolve("shop-backend.policy")));
        assertEquals(List.of("webapp", "shop-backend"), all.stream().map(TestPolicy::name).toList());
        assertEquals(Verdict.ALLOW, ReferenceEvaluator.verdict(all.get(1).policy(),
                PolicyAssertions.flow("out tcp 203.0.113.77 443")));
        assertEquals("policy webapp (" + SAMPLES.resolve("webapp.policy") + ")", all.get(0).toString());
    }

    @Test
    void aPolicyGivenAsTextPrintsAsItsText() {
        String text = "policy p {\n    allow out tcp port 443\n}\n";
        TestPolicy policy = TestPolicies.defaults().parse(text);
        assertEquals("p", policy.name());
        assertEquals(text, policy.toString());
        assertEquals(TestPolicies.INLINE_FILE, policy.policy().span().file());
    }

    @Test
    void choosingAmongSeveralPolicies() {
        String text = "policy a {\n    allow out tcp port 1\n}\npolicy b {\n    allow out tcp port 2\n}\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestPolicies.defaults().parse(text));
        assertTrue(e.getMessage().contains("has 2 policies (a, b)"), e.getMessage());
        assertEquals(List.of("a", "b"), TestPolicies.defaults().parseAll(text).stream().map(TestPolicy::name).toList());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TestPolicies.defaults().withHosts(SAMPLES.resolve("hosts")).withResolver("10.0.2.3")
                        .load(SAMPLES.resolve("webapp.policy"), "nope"));
        assertTrue(missing.getMessage().contains("no policy 'nope'"), missing.getMessage());
    }

    @Test
    void aBrokenFixtureShowsItsDiagnostics() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestPolicies.defaults().parse("policy p {\n    allow out tcp to cidr 10.0.0.1/8 port 443\n}\n"));
        assertTrue(e.getMessage().contains("inline.policy:2:27: error: '10.0.0.1/8' has host bits set"), e.getMessage());
        assertTrue(e.getMessage().contains("hint: write 'cidr 10.0.0.0/8'"), e.getMessage());
    }

    @Test
    void dnsNamesNeedAddresses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestPolicies.defaults().load(SAMPLES.resolve("webapp.policy")));
        assertTrue(e.getMessage().contains("hint: give --hosts FILE or --resolve"), e.getMessage());
        IllegalArgumentException resolver = assertThrows(IllegalArgumentException.class,
                () -> TestPolicies.defaults().withResolver("010.0.2.3"));
        assertTrue(resolver.getMessage().contains("leading zero"), resolver.getMessage());
    }
}
