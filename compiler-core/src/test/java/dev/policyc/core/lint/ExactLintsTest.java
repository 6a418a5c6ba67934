package dev.policyc.core.lint;

import static dev.policyc.core.testing.TestIr.defaultAction;
import static dev.policyc.core.testing.TestIr.policy;
import static dev.policyc.core.testing.TestIr.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Severity;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExactLintsTest {

    private static final Rule DB = rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.20.0.0/16")
            .ports(PortSet.of(5432)).line(3).build();

    /** The one warning {@code policy} gets; fails if it gets none or several. */
    private static Diagnostic onlyWarning(PolicyIr policy) {
        List<Diagnostic> found = ExactLints.lint(policy);
        assertEquals(1, found.size(), found::toString);
        assertEquals(Severity.WARNING, found.get(0).severity());
        return found.get(0);
    }

    @Test
    void theSpecsExampleHasNoWarnings() {
        PolicyIr spec = policy(DB,
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP, Protocol.UDP).peer("1.1.1.1", "1.0.0.1", "2606:4700:4700::1111")
                        .ports(PortSet.of(53)).line(4).build(),
                rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).ports(PortSet.of(8080)).line(5).build(),
                rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).peer("192.168.1.0/24").ports(PortSet.of(22)).line(6).build(),
                rule(Verdict.DENY, Direction.OUT).peer("10.20.99.0/24").log().line(7).build(),
                rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.ICMP).peer("192.0.2.0/24").line(8).build());
        assertEquals(List.of(), ExactLints.lint(spec));
    }

    @Test
    void anAllowInsideOneDenyIsOverriddenAndTheHintNamesTheDeny() {
        Rule inside = rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.20.99.5").ports(PortSet.of(5432)).line(4).build();
        Rule deny = rule(Verdict.DENY, Direction.OUT).peer("10.20.99.0/24").line(5).build();
        Diagnostic d = onlyWarning(policy(DB, inside, deny));
        assertEquals(ExactLints.ALLOW_OVERRIDDEN, d.code());
        assertEquals(inside.span(), d.span());
        assertEquals("this allow rule never lets a flow through: deny rules override every flow it matches", d.message());
        assertEquals("the deny at test.policy:5 covers it: remove this rule, or narrow that deny", d.hint());
    }

    @Test
    void anAllowCoveredByTwoDeniesTogetherNamesBoth() {
        Rule allow = rule(Verdict.ALLOW, Direction.IN).peer("10.0.0.0/8").line(3).build();
        Rule low = rule(Verdict.DENY, Direction.IN).peer("10.0.0.0/9").line(4).build();
        Rule high = rule(Verdict.DENY, Direction.IN).peer("10.128.0.0/9").line(5).build();
        Diagnostic d = onlyWarning(policy(allow, low, high));
        assertEquals(ExactLints.ALLOW_OVERRIDDEN, d.code());
        assertEquals("the denies at test.policy:4 and test.policy:5 cover it together: remove this rule, or narrow those denies",
                d.hint());
    }

    @Test
    void aDenyAwayFromEveryAllowOverridesNothingUnderDefaultDeny() {
        Rule deny = rule(Verdict.DENY, Direction.OUT).peer("192.0.2.0/24").line(4).build();
        Diagnostic d = onlyWarning(policy(DB, deny));
        assertEquals(ExactLints.DENY_OVERRIDES_NOTHING, d.code());
        assertEquals(deny.span(), d.span());
        assertEquals("this deny rule overrides nothing: no allow rule matches any of its flows, and the default for out is deny",
                d.message());
        assertEquals("remove this rule: the implicit default deny out drops these flows anyway", d.hint());
    }

    @Test
    void aDenyCarvingOutOfDefaultAllowIsNotReported() {
        Rule deny = rule(Verdict.DENY, Direction.OUT).peer("192.0.2.0/24").line(4).build();
        // (The allow is useless under default allow, and reported; the deny is not.)
        Diagnostic d = onlyWarning(policy(DefaultAction.implicitDeny(), defaultAction(Verdict.ALLOW, false), DB, deny));
        assertEquals(DB.span(), d.span());
    }

    @Test
    void aLoggingDenyInsideWhatTheDefaultDropsQuietlyIsNotReported() {
        Rule deny = rule(Verdict.DENY, Direction.IN).peer("192.0.2.66").log().line(4).build();
        assertEquals(List.of(), ExactLints.lint(policy(DB, deny)));
    }

    @Test
    void aQuietDenyUnderALoggingDefaultIsNotReported() {
        Rule deny = rule(Verdict.DENY, Direction.IN).peer("192.0.2.66").line(4).build();
        assertEquals(List.of(), ExactLints.lint(policy(defaultAction(Verdict.DENY, true), DefaultAction.implicitDeny(), DB, deny)));
    }

    @Test
    void aLoggingDenyUnderALoggingDefaultOverridesNothing() {
        Rule deny = rule(Verdict.DENY, Direction.IN).peer("192.0.2.66").log().line(4).build();
        Diagnostic d = onlyWarning(policy(defaultAction(Verdict.DENY, true), DefaultAction.implicitDeny(), DB, deny));
        assertEquals(ExactLints.DENY_OVERRIDES_NOTHING, d.code());
        assertEquals("remove this rule: the default deny in drops these flows anyway", d.hint());
    }

    @Test
    void anAllowInsideAnotherAllowNeverDecides() {
        Rule inside = rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.20.30.0/24").ports(PortSet.of(5432)).line(4).build();
        Diagnostic d = onlyWarning(policy(DB, inside));
        assertEquals(ExactLints.RULE_NEVER_DECIDES, d.code());
        assertEquals(inside.span(), d.span());
        assertEquals("this allow rule never decides anything: every flow it matches is decided the same way without it",
                d.message());
        assertEquals("remove this rule: the allow at test.policy:3 covers it", d.hint());
    }

    @Test
    void anAllowUnderDefaultAllowNeverDecides() {
        Rule allow = rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).ports(PortSet.of(22)).line(4).build();
        Diagnostic d = onlyWarning(policy(defaultAction(Verdict.ALLOW, false), DefaultAction.implicitDeny(), allow));
        assertEquals(ExactLints.RULE_NEVER_DECIDES, d.code());
        assertEquals("remove this rule: the default allow in decides its flows the same way", d.hint());
    }

    @Test
    void anAllowPartlyCoveredByAnAllowAndADenyNamesBoth() {
        Rule wide = rule(Verdict.ALLOW, Direction.OUT).peer("10.0.0.0/9").line(3).build();
        Rule allow = rule(Verdict.ALLOW, Direction.OUT).peer("10.0.0.0/8").line(4).build();
        Rule deny = rule(Verdict.DENY, Direction.OUT).peer("10.128.0.0/9").line(5).build();
        List<Diagnostic> found = ExactLints.lint(policy(wide, allow, deny));
        Diagnostic d = found.stream().filter(x -> x.span().equals(allow.span())).findFirst().orElseThrow();
        assertEquals(ExactLints.RULE_NEVER_DECIDES, d.code());
        assertEquals("remove this rule: the rules at test.policy:3 and test.policy:5 decide its flows the same way", d.hint());
    }

    @Test
    void aLoggingAllowInsideAQuietOneDecidesWhatIsLogged() {
        Rule inside = rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.20.30.0/24").log().line(4).build();
        assertEquals(List.of(), ExactLints.lint(policy(DB, inside)));
    }

    @Test
    void aQuietAllowUnderALoggingDefaultAllowDecidesWhatIsLogged() {
        Rule allow = rule(Verdict.ALLOW, Direction.IN).protocols(Protocol.TCP).ports(PortSet.of(22)).line(4).build();
        assertEquals(List.of(), ExactLints.lint(policy(defaultAction(Verdict.ALLOW, true), DefaultAction.implicitDeny(), allow)));
    }

    @Test
    void aDenyInsideAnotherDenyNeverDecides() {
        Rule wide = rule(Verdict.DENY, Direction.OUT).peer("10.20.0.0/16").line(4).build();
        Rule narrow = rule(Verdict.DENY, Direction.OUT).peer("10.20.99.0/24").line(5).build();
        Rule allowAll = rule(Verdict.ALLOW, Direction.OUT).line(3).build();
        Diagnostic d = onlyWarning(policy(allowAll, wide, narrow));
        assertEquals(ExactLints.RULE_NEVER_DECIDES, d.code());
        assertEquals(narrow.span(), d.span());
        assertEquals("remove this rule: the deny at test.policy:4 covers it", d.hint());
    }

    @Test
    void ofTwoEqualRulesOnlyTheLaterIsReported() {
        // Either can go, not both: following every warning must keep the meaning.
        Rule again = rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.TCP).peer("10.20.0.0/16").ports(PortSet.of(5432)).line(4).build();
        List<Diagnostic> found = ExactLints.lint(policy(DB, again));
        assertEquals(List.of(ExactLints.RULE_NEVER_DECIDES), found.stream().map(Diagnostic::code).toList());
        assertEquals(4, found.get(0).span().line());
        assertEquals("remove this rule: the allow at test.policy:3 covers it", found.get(0).hint());
    }

    @Test
    void aRuleMatchingNoFlowSaysWhy() {
        Rule icmpToV6 = rule(Verdict.ALLOW, Direction.OUT).protocols(Protocol.ICMP).peer("2001:db8::/32").line(4).build();
        Diagnostic d = onlyWarning(policy(DB, icmpToV6));
        assertEquals(ExactLints.RULE_NEVER_DECIDES, d.code());
        assertEquals("this rule matches no flow: its protocols do not exist in the address family of any of its addresses",
                d.message());
    }

    @Test
    void manyDecidersAreCountedNotAllNamed() {
        Rule allow = rule(Verdict.ALLOW, Direction.IN).peer("10.0.0.0/8").line(3).build();
        Rule d1 = rule(Verdict.DENY, Direction.IN).peer("10.0.0.0/10").line(4).build();
        Rule d2 = rule(Verdict.DENY, Direction.IN).peer("10.64.0.0/10").line(5).build();
        Rule d3 = rule(Verdict.DENY, Direction.IN).peer("10.128.0.0/10").line(6).build();
        Rule d4 = rule(Verdict.DENY, Direction.IN).peer("10.192.0.0/11").line(7).build();
        Rule d5 = rule(Verdict.DENY, Direction.IN).peer("10.224.0.0/11").line(8).build();
        Diagnostic d = ExactLints.lint(policy(allow, d1, d2, d3, d4, d5)).get(0);
        assertEquals("the denies at test.policy:4, test.policy:5, test.policy:6 and 2 more cover it together:"
                + " remove this rule, or narrow those denies", d.hint());
    }
}
