package dev.policyc.dsl.yaml;

import static dev.policyc.dsl.yaml.Ast.cidr;
import static dev.policyc.dsl.yaml.Ast.dns;
import static dev.policyc.dsl.yaml.Ast.host;
import static dev.policyc.dsl.yaml.Ast.net;
import static dev.policyc.dsl.yaml.Ast.netRef;
import static dev.policyc.dsl.yaml.Ast.policy;
import static dev.policyc.dsl.yaml.Ast.port;
import static dev.policyc.dsl.yaml.Ast.portRef;
import static dev.policyc.dsl.yaml.Ast.ports;
import static dev.policyc.dsl.yaml.Ast.resolver;
import static dev.policyc.dsl.yaml.Ast.rule;
import static dev.policyc.dsl.yaml.Ast.unit;
import static dev.policyc.core.ir.Protocol.ICMP;
import static dev.policyc.core.ir.Protocol.TCP;
import static dev.policyc.core.ir.Protocol.UDP;
import static dev.policyc.core.ir.Verdict.ALLOW;
import static dev.policyc.core.ir.Verdict.DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.Trivia;
import dev.policyc.dsl.parse.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example of docs/yaml.md, the spec's first example in YAML, read in full. */
class YamlExampleTest {

    private static final String FILE = "webapp.yaml";

    static String example() throws IOException {
        try (InputStream in = YamlExampleTest.class.getResourceAsStream(FILE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDocumentedExampleIsTheTestedOne() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "yaml.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String block = doc.substring(start, doc.indexOf("```", start));
        assertEquals(example(), block);
    }

    @Test
    void readsIntoTheSameAstAsTheSpecExample() throws IOException {
        ParseResult result = YamlPolicyReader.parse(FILE, example());

        assertEquals(java.util.List.of(), result.diagnostics());
        SourceUnit expected = unit(
                net("cloudflare", host("1.1.1.1"), host("1.0.0.1"), host("2606:4700:4700::1111")),
                ports("web", port("80"), port("443")),
                policy("webapp",
                        rule(ALLOW).out().proto(TCP).to(cidr("10.20.0.0/16")).port(port("5432"))
                                .comment("database").build(),
                        rule(ALLOW).out().proto(TCP).to(dns("api.github.com")).port(portRef("web")).build(),
                        rule(ALLOW).out().proto(TCP, UDP).to(netRef("cloudflare")).port(port("53")).build(),
                        rule(ALLOW).out().proto(TCP, UDP).to(resolver()).port(port("53")).build(),
                        rule(ALLOW).in().proto(TCP).port(port("8080")).build(),
                        rule(ALLOW).in().proto(TCP).from(cidr("192.168.1.0/24")).port(port("22")).build(),
                        rule(DENY).out().to(cidr("10.20.99.0/24")).log().build(),
                        rule(ALLOW).out().proto(ICMP).to(cidr("192.0.2.0/24")).build()));
        assertEquals(expected, SpanEraser.erase(result.unit()));
    }

    @Test
    void spansPointIntoTheYamlFile() throws IOException {
        SourceUnit unit = YamlPolicyReader.parse(FILE, example()).unit();

        assertEquals(FILE, unit.file());
        NetDefine cloudflare = (NetDefine) unit.items().get(0);
        assertEquals(new SourceSpan(FILE, 3, 3, 10), cloudflare.name().span());
        assertEquals(new SourceSpan(FILE, 3, 3, 10), cloudflare.span());
        assertEquals(new SourceSpan(FILE, 3, 16, 12), cloudflare.endpoints().get(0).span());
        assertEquals(new SourceSpan(FILE, 3, 44, 25), cloudflare.endpoints().get(2).span());
        PortsDefine web = (PortsDefine) unit.items().get(1);
        assertEquals(new SourceSpan(FILE, 5, 9, 2), web.ports().get(0).span());
        assertEquals(new SourceSpan(FILE, 5, 13, 3), web.ports().get(1).span());

        PolicyDecl webapp = (PolicyDecl) unit.items().get(2);
        assertEquals(new SourceSpan(FILE, 8, 3, 6), webapp.name().span());
        RuleDecl database = (RuleDecl) webapp.items().get(0);
        assertEquals(new SourceSpan(FILE, 10, 9, 5), database.span());
        assertEquals(new SourceSpan(FILE, 10, 9, 5), database.verdict().span());
        assertEquals(new SourceSpan(FILE, 10, 16, 3), database.direction().orElseThrow().span());
        assertEquals(new SourceSpan(FILE, 11, 16, 3), database.protocols().get(0).span());
        assertEquals(new SourceSpan(FILE, 12, 9, 2), database.peer().orElseThrow().keyword().span());
        assertEquals(new SourceSpan(FILE, 12, 13, 17), database.peer().orElseThrow().endpoints().get(0).span());
        assertEquals(new SourceSpan(FILE, 13, 9, 4), database.portKeyword().orElseThrow());
        assertEquals(new SourceSpan(FILE, 13, 15, 4), database.ports().get(0).span());
        assertEquals(new SourceSpan(FILE, 14, 18, 8), database.comment().orElseThrow().span());
        assertEquals(Trivia.NONE, database.trivia());

        RuleDecl github = (RuleDecl) webapp.items().get(1);
        assertEquals(new SourceSpan(FILE, 18, 15, 4), github.ports().get(0).span());
        RuleDecl cloudflareRule = (RuleDecl) webapp.items().get(2);
        assertEquals(new SourceSpan(FILE, 20, 17, 3), cloudflareRule.protocols().get(0).span());
        assertEquals(new SourceSpan(FILE, 20, 22, 3), cloudflareRule.protocols().get(1).span());
        RuleDecl ssh = (RuleDecl) webapp.items().get(5);
        assertEquals(new SourceSpan(FILE, 32, 9, 4), ssh.peer().orElseThrow().keyword().span());
        RuleDecl deny = (RuleDecl) webapp.items().get(6);
        assertEquals(Direction.OUT, deny.direction().orElseThrow().value());
        assertEquals(new SourceSpan(FILE, 34, 9, 4), deny.verdict().span());
        assertEquals(new SourceSpan(FILE, 36, 9, 3), deny.log().orElseThrow());
        assertTrue(deny.comment().isEmpty());
    }

    @Test
    void writingTheExampleGivesCanonicalYamlThatReadsBackTheSame() throws IOException {
        SourceUnit read = YamlPolicyReader.parse(FILE, example()).unit();
        String written = YamlPolicyWriter.write(read);

        ParseResult again = YamlPolicyReader.parse("again.yaml", written);
        assertEquals(java.util.List.of(), again.diagnostics());
        assertEquals(SpanEraser.erase(read), SpanEraser.erase(again.unit()));
        assertTrue(written.contains("  web: [80, 443]\n"), written);
        assertTrue(written.contains("        proto: [tcp, udp]\n"), written);
        assertTrue(written.contains("      - deny: out\n        to: cidr 10.20.99.0/24\n        log: true\n"), written);
        assertEquals(YamlPolicyWriter.write(again.unit()), written, "writing is idempotent");
    }
}
