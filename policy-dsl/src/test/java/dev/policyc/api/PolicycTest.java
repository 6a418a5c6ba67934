package dev.policyc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.eval.Decision;
import dev.policyc.core.ir.EndpointBinder;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.net.Resolution;
import dev.policyc.core.verify.PolicyCheck;
import dev.policyc.dsl.load.SourceReader;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library API end to end: compile from strings and files, evaluate, emit, verify, render. */
class PolicycTest {

    static final String WEBAPP = """
            define ports web = { 80, 443 }

            policy webapp {
                allow out tcp to cidr 10.20.0.0/16 port 5432 comment "database"
                allow out tcp to dns "api.github.com" port $web
                allow out {tcp, udp} to resolver port 53
                allow in tcp port 8080
                deny out to cidr 10.20.99.0/24 log
            }
            """;
    static final String HOSTS = "140.82.121.6 api.github.com\n2606:50c0:8000::64 api.github.com\n";

    private static Policyc withNames() {
        return Policyc.builder().hosts("hosts", HOSTS).resolver("10.0.2.3").build();
    }

    private static Verdict verdict(Compilation compilation, String flow) {
        return compilation.evaluate("webapp", flow).orElseThrow().verdict();
    }

    @Test
    void evaluatesFlowsOfAPolicyGivenAsAString() {
        Compilation compilation = withNames().compileString("webapp.policy", WEBAPP);
        assertFalse(compilation.hasErrors(), compilation.render(compilation.diagnostics()));
        assertEquals(List.of("webapp"), compilation.policies().stream().map(PolicyIr::name).toList());
        assertEquals(Verdict.ALLOW, verdict(compilation, "out tcp 10.20.1.5 5432"));
        assertEquals(Verdict.DENY, verdict(compilation, "out tcp 10.20.99.5 5432"), "deny wins over allow");
        assertEquals(Verdict.ALLOW, verdict(compilation, "out tcp 140.82.121.6 443"), "the hosts entry binds the dns name");
        assertEquals(Verdict.ALLOW, verdict(compilation, "out udp 10.0.2.3 53"), "resolver is the given nameserver");
        assertEquals(Verdict.DENY, verdict(compilation, "out udp 8.8.8.8 53"));
        Decision decision = compilation.evaluate("webapp", "out tcp 10.20.99.5 5432").orElseThrow();
        assertEquals(8, decision.deciding().get(0).span().line());
        assertEquals(4, decision.overridden().get(0).span().line());
    }

    @Test
    void aMalformedFlowOrAnUnknownPolicyIsAnErrorNotAnException() {
        Compilation compilation = withNames().compileString("webapp.policy", WEBAPP);
        Outcome<Decision> malformed = compilation.evaluate("webapp", "out tcp 1.1.1.1");
        assertTrue(malformed.hasErrors());
        assertEquals("flow-syntax", malformed.diagnostics().get(0).code());
        Outcome<Decision> unknown = compilation.evaluate("nosuch", "out tcp 1.1.1.1 53");
        assertEquals(Compilation.UNKNOWN_POLICY, unknown.diagnostics().get(0).code());
        assertEquals("no policy 'nosuch'; the compilation has: webapp", unknown.diagnostics().get(0).message());
        IllegalStateException thrown = assertThrows(IllegalStateException.class, unknown::orElseThrow);
        assertEquals("error: no policy 'nosuch'; the compilation has: webapp", thrown.getMessage());
    }

    @Test
    void errorsAreRenderedWithLineCaretAndHintAndEveryLaterStepReturnsThem() {
        Compilation compilation = withNames().compileString("bad.policy",
                "define net web = { host 192.0.2.1 }\npolicy p {\n    allow out tcp to $wbe port 443\n}\n");
        assertTrue(compilation.hasErrors());
        assertTrue(compilation.program().isEmpty());
        String text = compilation.render(compilation.diagnostics());
        assertTrue(text.contains("bad.policy:3:22: error: undefined name $wbe\n"
                + "    allow out tcp to $wbe port 443\n"
                + "                     ^~~~\n"
                + "hint: did you mean $web?\n"), text);
        List<Diagnostic> errors = compilation.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(errors, compilation.evaluate("p", "out tcp 1.1.1.1 443").diagnostics());
        assertEquals(errors, compilation.emit("nftables").diagnostics());
        assertEquals(errors, compilation.verify().diagnostics());
        assertTrue(compilation.emit("nftables").artifacts().isEmpty());
    }

    @Test
    void withoutNameSourcesDnsAndResolverCannotBeBoundButVerifyUsesStandIns() {
        Compilation compilation = Policyc.builder().build().compileString("webapp.policy", WEBAPP);
        Outcome<PolicyIr> bound = compilation.bind("webapp");
        assertEquals(List.of(EndpointBinder.DNS_UNRESOLVED_SOURCE, EndpointBinder.RESOLVER_UNKNOWN),
                bound.diagnostics().stream().map(Diagnostic::code).toList());
        assertTrue(compilation.emit("nftables").hasErrors());
        Verification verification = compilation.verify();
        assertTrue(verification.passed(), verification.diagnostics().toString());
    }

    @Test
    void aHostsFileIsReadThroughTheSourceReaderAndItsErrorsAreQuoted() {
        Map<Path, String> files = Map.of(
                Path.of("webapp.policy"), WEBAPP,
                Path.of("hosts"), "140.82.121.6 api.github.com\n1.2.3 broken.example\n");
        SourceReader memory = path -> files.containsKey(path)
                ? new SourceReader.Text(files.get(path), path.toString())
                : new SourceReader.Unreadable("no such file");
        Compilation compilation = Policyc.builder().sourceReader(memory).hostsFile(Path.of("hosts")).resolver("10.0.2.3")
                .build().compileFile(Path.of("webapp.policy"));
        Outcome<Decision> outcome = compilation.evaluate("webapp", "out tcp 140.82.121.6 443");
        assertTrue(outcome.hasErrors());
        String text = compilation.render(outcome.diagnostics());
        assertTrue(text.startsWith("hosts:2:1: error: '1.2.3' is not a valid IP address"), text);
        assertTrue(text.contains("\n1.2.3 broken.example\n^~~~~\n"), text);

        Compilation missing = Policyc.builder().sourceReader(memory).hostsFile(Path.of("nohosts")).build()
                .compileFile(Path.of("webapp.policy"));
        Diagnostic unreadable = missing.bind("webapp").diagnostics().get(0);
        assertEquals("cannot-read-file", unreadable.code());
        assertEquals("cannot read nohosts: no such file", unreadable.message());
    }

    @Test
    void eachNameIsResolvedOnceSoEveryStepSeesTheSameAddresses() {
        AtomicInteger calls = new AtomicInteger();
        Policyc policyc = Policyc.builder()
                .nameResolver(name -> {
                    int n = calls.incrementAndGet();
                    return Resolution.Addresses.of(List.of(new IPAddressString("192.0.2." + n).getAddress()));
                })
                .resolver("10.0.2.3")
                .build();
        Compilation compilation = policyc.compileString("webapp.policy", WEBAPP);
        assertEquals(Verdict.ALLOW, verdict(compilation, "out tcp 192.0.2.1 443"));
        assertFalse(compilation.emit("nftables").hasErrors());
        assertEquals(Verdict.ALLOW, verdict(compilation, "out tcp 192.0.2.1 80"));
        assertTrue(compilation.verify().passed());
        assertEquals(1, calls.get(), "one name, resolved once for the whole compilation");
        Compilation another = policyc.compileString("webapp.policy", WEBAPP);
        assertEquals(Verdict.ALLOW, verdict(another, "out tcp 192.0.2.2 443"), "a new compilation asks again");
    }

    @Test
    void emitsEveryTargetFoundOnTheClassPath() {
        Policyc policyc = withNames();
        assertTrue(policyc.targets().containsAll(List.of("nftables", "iptables")), policyc.targets().toString());
        Compilation compilation = policyc.compileString("webapp.policy", WEBAPP);
        Emission nft = compilation.emit("nftables");
        assertFalse(nft.hasErrors(), nft.diagnostics().toString());
        assertEquals(List.of("webapp.nft"), nft.paths());
        String ruleset = nft.artifact("webapp.nft").orElseThrow().content();
        assertTrue(ruleset.contains("10.20.0.0/16 . tcp . 5432 comment \"webapp.policy:4 database\""), ruleset);
        Emission ipt = compilation.emit("iptables");
        assertFalse(ipt.hasErrors(), ipt.diagnostics().toString());
        assertEquals(List.of("webapp.v4.rules", "webapp.v6.rules", "webapp.sh"), ipt.paths());
        assertTrue(ipt.artifact("webapp.sh").orElseThrow().executable());

        Emission unknown = compilation.emit("pf");
        assertEquals(Compilation.UNKNOWN_TARGET, unknown.diagnostics().get(0).code());
        assertTrue(unknown.diagnostics().get(0).message().startsWith("unknown target 'pf'; the targets are: "));
    }

    @Test
    void verifiesEveryVerifiableTargetAndRejectsOthers() {
        Compilation compilation = withNames().compileString("webapp.policy", WEBAPP);
        Verification verification = compilation.verify();
        assertTrue(verification.passed(), verification.diagnostics().toString());
        assertEquals(List.copyOf(withNames().verifiableTargets()),
                verification.results().stream().map(r -> r.targetId()).toList());
        assertTrue(withNames().verifiableTargets().contains("nftables"));
        assertTrue(verification.result("nftables").orElseThrow().checks().get(0) instanceof PolicyCheck.Equivalent);
        Verification unknown = compilation.verify("pf");
        assertFalse(unknown.passed());
        assertEquals(Compilation.UNKNOWN_TARGET, unknown.diagnostics().get(0).code());
    }

    @Test
    void onlyNarrowsACompilationToOnePolicy() {
        Compilation two = withNames().compileString("two.policy",
                "policy a {\n    allow out tcp port 1\n}\npolicy b {\n    allow out tcp port 2\n}\n");
        Compilation b = two.only("b").orElseThrow();
        assertEquals(List.of("b.nft"), b.emit("nftables").paths());
        assertEquals(List.of("a.nft", "b.nft"), two.emit("nftables").paths());
        assertTrue(two.only("c").isEmpty());
    }

    @Test
    void yamlIsChosenByTheNameAndIncludesAreReadRelativeToIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("common.policy"), "define ports web = { 80, 443 }\n");
        String text = "include \"common.policy\"\npolicy p {\n    allow out tcp port $web\n}\n";
        Compilation dsl = Policyc.builder().build().compileString(dir.resolve("p.policy").toString(), text);
        assertFalse(dsl.hasErrors(), dsl.render(dsl.diagnostics()));
        assertEquals(Verdict.ALLOW, dsl.evaluate("p", "out tcp 1.1.1.1 443").orElseThrow().verdict());

        Compilation yaml = Policyc.builder().build().compileString("p.yaml",
                "policies:\n  p:\n    rules:\n      - allow: out\n        proto: tcp\n        port: 22\n");
        assertFalse(yaml.hasErrors(), yaml.render(yaml.diagnostics()));
        assertEquals(Verdict.ALLOW, yaml.evaluate("p", "out tcp 1.1.1.1 22").orElseThrow().verdict());
    }

    @Test
    void writesTheArtifactsWithTheirModes(@TempDir Path dir) throws IOException {
        Path policy = dir.resolve("webapp.policy");
        Files.writeString(policy, WEBAPP);
        Compilation compilation = withNames().compileFile(policy);
        Emission ipt = compilation.emit("iptables");
        List<Path> written = ipt.writeTo(dir.resolve("out"));
        assertEquals(3, written.size());
        assertEquals(ipt.artifact("webapp.v4.rules").orElseThrow().content(),
                Files.readString(dir.resolve("out/webapp.v4.rules")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out/webapp.sh"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out/webapp.v6.rules"))));
        Emission failed = Policyc.builder().build().compileFile(policy).emit("iptables");
        assertThrows(IllegalStateException.class, () -> failed.writeTo(dir.resolve("never")));
        assertFalse(Files.exists(dir.resolve("never")));
    }

    @Test
    void aBadNameserverAddressIsRefusedByTheBuilderWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Policyc.builder().resolver("10.0.0.0/8"));
        assertEquals("'10.0.0.0/8' is a prefix, not a single address", e.getMessage());
    }

    @Test
    void changingABuilderAfterBuildChangesNothingBuilt() {
        Policyc.Builder builder = Policyc.builder().hosts("hosts", HOSTS).resolver("10.0.2.3");
        Policyc first = builder.build();
        builder.resolver("10.0.2.4").hosts("hosts", "");
        Compilation compilation = first.compileString("webapp.policy", WEBAPP);
        assertEquals(Verdict.DENY, verdict(compilation, "out udp 10.0.2.4 53"));
        assertEquals(Verdict.ALLOW, verdict(compilation, "out tcp 140.82.121.6 443"));
    }

    @Test
    void paranoidOptimizationProvesEveryPassAndKeepsTheMeaning() {
        Compilation compilation = Policyc.builder().paranoid(true).build().compileString("p.policy",
                "policy p {\n    allow out tcp to cidr 10.0.0.0/8 port 443\n    allow out tcp to cidr 10.0.0.0/9 port 443\n"
                        + "    deny out to cidr 10.1.0.0/16\n}\n");
        Outcome<Program> optimized = compilation.optimized();
        assertFalse(optimized.hasErrors(), optimized.diagnostics().toString());
        PolicyIr before = compilation.bind("p").orElseThrow();
        PolicyIr after = optimized.orElseThrow().policies().get(0);
        assertTrue(after.rules().size() < before.rules().size(), after.rules().toString());
        assertEquals(compilation.meaning("p").orElseThrow(), PolicyMeaning.accepted(after));
    }
}
