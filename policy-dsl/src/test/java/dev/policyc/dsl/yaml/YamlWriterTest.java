package dev.policyc.dsl.yaml;

import static dev.policyc.core.ir.Protocol.ICMPV6;
import static dev.policyc.core.ir.Protocol.TCP;
import static dev.policyc.core.ir.Protocol.UDP;
import static dev.policyc.core.ir.Verdict.ALLOW;
import static dev.policyc.core.ir.Verdict.DENY;
import static dev.policyc.dsl.yaml.Ast.any;
import static dev.policyc.dsl.yaml.Ast.cidr;
import static dev.policyc.dsl.yaml.Ast.defaults;
import static dev.policyc.dsl.yaml.Ast.dns;
import static dev.policyc.dsl.yaml.Ast.host;
import static dev.policyc.dsl.yaml.Ast.include;
import static dev.policyc.dsl.yaml.Ast.net;
import static dev.policyc.dsl.yaml.Ast.netRef;
import static dev.policyc.dsl.yaml.Ast.policy;
import static dev.policyc.dsl.yaml.Ast.port;
import static dev.policyc.dsl.yaml.Ast.portRef;
import static dev.policyc.dsl.yaml.Ast.ports;
import static dev.policyc.dsl.yaml.Ast.range;
import static dev.policyc.dsl.yaml.Ast.resolver;
import static dev.policyc.dsl.yaml.Ast.rule;
import static dev.policyc.dsl.yaml.Ast.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.ir.Direction;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.parse.ParseResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer: canonical YAML that reads back as the same AST, whatever its strings hold. */
class YamlWriterTest {

    /** Strings that YAML would misread, or that could break out of a naive YAML text. */
    static final List<String> HOSTILE = List.of(
            "on", "no", "No", "off", "yes", "y", "n", "true", "False", "null", "Null", "~", "1e3", "0x1F", "0o17",
            "1_000", ".inf", ".5", "+1", "-1", "012", "8000-8080", "a: b", "a:b", "a:", "#x", "x #y", "x#y", "*x",
            "&x", "!x", "!!str", "%x", "@x", "`x", "|", ">", "[x", "{x", "]", "}", ",", "?", "? x", "-", "- x",
            "---", "...", "<<", "=", "'single'", "\"double\"", "it's", "back\\slash", "\\n", "\\\"", "", " ", " lead",
            "trail ", "two  spaces", "tab\there", "\t", "caf\u00e9", "\uD83D\uDE00", "\uFEFFbom", "nul\u0000",
            "bell\u0007", "del\u007F", "esc\u001B[31m", "comment \"with\" quotes and \\ slashes");

    /** Like {@link #HOSTILE} but with line breaks, which the reader reports but keeps. */
    static final List<String> MULTILINE = List.of(
            "a\nb", "a\n", "\n", "a\r\nb", "a\rb", "a\u0085b", "a\u2028b", "a\u2029b", "\na\u0085\n", " x\n  y ",
            "x:\n- y", "|\n>");

    private static ParseResult roundTrip(SourceUnit unit) {
        String yaml = YamlPolicyWriter.write(unit);
        ParseResult back = YamlPolicyReader.parse("written.yaml", yaml);
        assertEquals(SpanEraser.erase(unit), SpanEraser.erase(back.unit()), yaml);
        return back;
    }

    private static SourceUnit commented(List<String> comments) {
        PolicyItem[] rules = comments.stream().map(c -> rule(DENY).out().comment(c).build()).toArray(PolicyItem[]::new);
        return unit(policy("p", rules));
    }

    @Test
    void everyPartOfTheAstRoundTrips() {
        SourceUnit unit = unit(
                include("common.policy"), include("dir with space/x.yaml"),
                net("cloudflare", host("1.1.1.1"), host("2606:4700:4700::1111"), cidr("10.0.0.0/8"), dns("a.example"),
                        dns("needs \"quotes\" and \\"), dns(""), resolver(), any(), netRef("other")),
                ports("web", port("80"), port("0443"), port("99999999999"), range("8000", "8080"), portRef("x")),
                policy("webapp",
                        net("local", host("192.0.2.1")),
                        ports("one", port("1")),
                        defaults(DENY, Direction.OUT, true), defaults(ALLOW, null, false),
                        rule(ALLOW).out().proto(TCP).to(cidr("10.20.0.0/16")).port(port("5432")).comment("database")
                                .build(),
                        rule(ALLOW).to(resolver()).proto(TCP, UDP).port(port("53")).build(),
                        rule(DENY).from(any()).log().build(),
                        rule(ALLOW).in().proto(ICMPV6).build(),
                        rule(DENY).build()),
                policy("empty"));
        ParseResult back = roundTrip(unit);
        assertEquals(List.of(), back.diagnostics());
    }

    @Test
    void hostileStringsAreQuotedAndReadBackExactly() {
        SourceUnit unit = unit(policy("p", HOSTILE.stream()
                .map(c -> rule(DENY).out().to(dns(c)).comment(c).build()).toArray(PolicyItem[]::new)));
        ParseResult back = roundTrip(unit);
        assertEquals(List.of(), back.diagnostics());
    }

    @Test
    void anotherYamlReaderSeesTheSameStrings() throws Exception {
        String yaml = YamlPolicyWriter.write(commented(HOSTILE));
        JsonNode rules = new YAMLMapper().readTree(yaml).path("policies").path("p").path("rules");
        for (int i = 0; i < HOSTILE.size(); i++) {
            JsonNode comment = rules.get(i).get("comment");
            assertTrue(comment.isTextual(), () -> comment + " is not text in\n" + yaml);
            assertEquals(HOSTILE.get(i), comment.textValue(), yaml);
        }
    }

    @Test
    void misreadableWordsGetQuotesAndPlainWordsDoNot() {
        String yaml = YamlPolicyWriter.write(commented(List.of("on", "1e3", "a: b", "#x", "*x", "database", "")));
        assertTrue(yaml.contains("comment: \"on\"\n"), yaml);
        assertTrue(yaml.contains("comment: \"1e3\"\n"), yaml);
        assertTrue(yaml.contains("comment: \"a: b\"\n"), yaml);
        assertTrue(yaml.contains("comment: \"#x\"\n"), yaml);
        assertTrue(yaml.contains("comment: \"*x\"\n"), yaml);
        assertTrue(yaml.contains("comment: database\n"), yaml);
        assertTrue(yaml.contains("comment: \"\"\n"), yaml);
    }

    @Test
    void lineBreaksRoundTripAndAreReportedByTheReader() {
        ParseResult back = roundTrip(commented(MULTILINE));
        assertEquals(MULTILINE.size(), back.diagnostics().size(), back.diagnostics()::toString);
        assertTrue(back.diagnostics().stream().map(Diagnostic::message)
                .allMatch("comment must be a single line of text"::equals));
        String yaml = YamlPolicyWriter.write(commented(MULTILINE));
        assertTrue(yaml.contains("comment: \"a\\Nb\"\n"), "NEL is escaped, never written raw: " + yaml);
    }

    @Test
    void namesThatYamlWouldMisreadAreQuotedKeys() {
        SourceUnit unit = unit(net("on", any()), ports("null", port("1")), policy("yes"), policy("2fa"),
                policy("a: b"), policy("#x"), policy(""), policy("x".repeat(200)), policy("y".repeat(2000)));
        String yaml = YamlPolicyWriter.write(unit);
        assertTrue(yaml.contains("  \"on\": any\n"), yaml);
        ParseResult back = roundTrip(unit);
        // Only the naming rule complains: the names themselves come back exactly.
        assertTrue(back.diagnostics().stream().allMatch(d -> d.message().contains("is not a valid")),
                back.diagnostics()::toString);
    }

    @Test
    void theCanonicalLayout() {
        SourceUnit unit = unit(
                policy("p",
                        rule(ALLOW).to(any()).build(),
                        rule(ALLOW).out().proto(TCP, UDP).to(host("1.1.1.1"), host("1.0.0.1")).port(range("8000", "8080"),
                                port("443")).build()),
                include("a.policy"));
        assertEquals("""
                include: a.policy
                policies:
                  p:
                    rules:
                      - allow:
                        to: any
                      - allow: out
                        proto: [tcp, udp]
                        to: [host 1.1.1.1, host 1.0.0.1]
                        port: ["8000-8080", 443]
                """, YamlPolicyWriter.write(unit));
    }

    @Test
    void longListsAreWrittenOneItemALine() {
        String yaml = YamlPolicyWriter.write(unit(net("many", host("10.0.0.1"), host("10.0.0.2"), host("10.0.0.3"),
                host("10.0.0.4"), host("10.0.0.5"))));
        assertEquals("""
                nets:
                  many:
                    - host 10.0.0.1
                    - host 10.0.0.2
                    - host 10.0.0.3
                    - host 10.0.0.4
                    - host 10.0.0.5
                """, yaml);
    }

    @Test
    void interleavedStatementsComeBackGroupedByKind() {
        SourceUnit dslOrder = unit(net("a", any()), policy("p", rule(DENY).out().build(), defaults(DENY, null, false),
                net("b", any())), include("x"), ports("q", port("1")));
        ParseResult back = YamlPolicyReader.parse("w.yaml", YamlPolicyWriter.write(dslOrder));
        SourceUnit grouped = unit(include("x"), net("a", any()), ports("q", port("1")), policy("p", net("b", any()),
                defaults(DENY, null, false), rule(DENY).out().build()));
        assertEquals(grouped, SpanEraser.erase(back.unit()));
        assertEquals(grouped, CanonicalOrder.of(dslOrder));
    }

    @Test
    void aLoneSurrogateIsRefusedRatherThanWrittenWrong() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> YamlPolicyWriter.write(commented(List.of("\uD800x"))));
        assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> YamlPolicyWriter.write(unit(policy("\uDC00"))));
    }

    @Test
    void anEmptyUnitIsAnEmptyMapping() {
        assertEquals("{}\n", YamlPolicyWriter.write(unit()));
        assertEquals(List.of(), YamlPolicyReader.parse("e.yaml", "{}\n").unit().items());
    }
}
