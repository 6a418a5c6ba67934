package dev.policyc.dsl.format;

import static dev.policyc.core.ir.Protocol.TCP;
import static dev.policyc.dsl.testing.Asts.allow;
import static dev.policyc.dsl.testing.Asts.any;
import static dev.policyc.dsl.testing.Asts.dns;
import static dev.policyc.dsl.testing.Asts.host;
import static dev.policyc.dsl.testing.Asts.include;
import static dev.policyc.dsl.testing.Asts.leading;
import static dev.policyc.dsl.testing.Asts.net;
import static dev.policyc.dsl.testing.Asts.netRef;
import static dev.policyc.dsl.testing.Asts.policy;
import static dev.policyc.dsl.testing.Asts.port;
import static dev.policyc.dsl.testing.Asts.ports;
import static dev.policyc.dsl.testing.Asts.range;
import static dev.policyc.dsl.testing.Asts.trailing;
import static dev.policyc.dsl.testing.Asts.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Severity;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.testing.Asts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ASTs that other front ends (YAML) can build but no policy file can hold: the formatter reports
 * them instead of printing text that would read back differently.
 */
class UnwritableTextTest {

    static List<SourceUnit> unwritableUnits() {
        return List.of(
                unit(policy("p", allow().out().to(any()).comment("two\nlines").build())),
                unit(policy("p", allow().out().to(any()).comment("tab\there").build())),
                unit(policy("p", allow().out().to(dns("bell\u0007.example")).build())),
                unit(include("new\rline.policy")),
                unit(net(leading("one\ntwo"), "a", any())),
                unit(policy("p", allow().out().trivia(trailing("x\ny")).build())),
                unit(List.of("end\ncomment")),
                unit(net("empty")),
                unit(ports("empty")),
                unit(policy("p", allow().out().to().build())),
                unit(policy("two words")),
                unit(policy("any")),
                unit(net("9lives", any())),
                unit(policy("p", allow().out().to(netRef("a b")).build())),
                unit(policy("p", allow().out().to(host("192.0.2.1 # hidden")).build())),
                unit(policy("p", allow().out().to(host("any")).build())),
                unit(policy("p", allow().out().protocols(TCP).ports(port("http")).build())),
                unit(ports("r", range("80", "-1"))));
    }

    @ParameterizedTest
    @MethodSource("unwritableUnits")
    void tryFormatReportsUnwritableTextAndFormatRefusesIt(SourceUnit unit) {
        FormatResult result = PolicyFormatter.tryFormat(unit);

        assertEquals(Optional.empty(), result.text());
        assertEquals(1, result.diagnostics().size(), () -> result.diagnostics().toString());
        Diagnostic found = result.diagnostics().get(0);
        assertEquals(Severity.ERROR, found.severity());
        assertEquals(PolicyFormatter.UNWRITABLE, found.code());
        assertTrue(Character.isLowerCase(found.message().charAt(0)) || found.message().startsWith("'"), found.message());
        assertThrows(IllegalArgumentException.class, () -> PolicyFormatter.format(unit));
    }

    @Test
    void pointsAtTheOffendingNodeAndNamesTheCharacter() {
        SourceUnit unit = unit(policy("p", allow().out().to(dns("a\u0000b")).build()));

        Diagnostic found = PolicyFormatter.tryFormat(unit).diagnostics().get(0);

        assertEquals(Asts.SPAN, found.span());
        assertEquals("the dns name holds the control character U+0000, which a policy file cannot hold in a string",
                found.message());
    }

    @Test
    void reportsEveryUnwritableTextAtOnce() {
        SourceUnit unit = unit(
                net("a", host("1 2")),
                policy("p", allow().out().to(dns("x\ny")).comment("\u001b[31m").build()));

        assertEquals(3, PolicyFormatter.tryFormat(unit).diagnostics().size());
    }

    @Test
    void keepsTabsAndOtherTextInCommentsWhichEndOnlyAtALineBreak() {
        SourceUnit unit = unit(net(leading("\tindented with a tab \u0007"), "a", any()));

        assertEquals("#\tindented with a tab \u0007\ndefine net a = any\n", PolicyFormatter.format(unit));
    }
}
