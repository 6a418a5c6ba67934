package dev.policyc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --format json} of check, explain and diff: the documents, quiet, colour, and their documentation. */
class JsonFormatTest {

    private static final String SAMPLES = "../samples/policies/";
    private static final String WEBAPP = SAMPLES + "webapp.policy";
    private static final String SHOP = SAMPLES + "shop-backend.policy";
    private static final String HOSTS = SAMPLES + "hosts";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Two errors; the file's warning (an unused policy-level define) comes first in source order. */
    private static final String BAD = "define ports web = 443\npolicy p {\n    define ports spare = 8080\n"
            + "    allow out tcp to host 192.0.2.1 port $wbe\n    allow out tcp to cidr 10.0.0.1/8 port $web\n}\n";

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.run(Subcommands.BUILT_IN, args);
    }

    private static JsonNode json(CliRun run) throws IOException {
        return MAPPER.readTree(run.out());
    }

    private Path bad() throws IOException {
        Path file = tmp.resolve("bad.policy");
        Files.writeString(file, BAD);
        return file;
    }

    @Test
    void checkListsEveryDiagnosticWithItsPlaceAndASummary() throws IOException {
        Path file = bad();
        CliRun run = run("check", "--format", "json", file.toString());
        assertEquals(1, run.exitCode());
        assertEquals("", run.err(), "JSON carries the diagnostics; nothing goes to standard error");
        JsonNode doc = json(run);
        assertEquals(List.of("files", "diagnostics", "summary"), fieldNames(doc));
        assertEquals(file.toString(), doc.get("files").get(0).asText());
        JsonNode diagnostics = doc.get("diagnostics");
        assertEquals(3, diagnostics.size(), doc.toPrettyString());
        JsonNode warning = diagnostics.get(0);
        assertEquals("warning", warning.get("severity").asText());
        assertEquals("unused-define", warning.get("code").asText());
        JsonNode undefined = diagnostics.get(1);
        assertEquals(List.of("file", "line", "column", "length", "severity", "code", "message", "hint"),
                fieldNames(undefined));
        assertEquals(file.toString(), undefined.get("file").asText());
        assertEquals(4, undefined.get("line").asInt());
        assertEquals(42, undefined.get("column").asInt());
        assertEquals(4, undefined.get("length").asInt());
        assertEquals("error", undefined.get("severity").asText());
        assertEquals("undefined-name", undefined.get("code").asText());
        assertEquals("undefined name $wbe", undefined.get("message").asText());
        assertEquals("did you mean $web?", undefined.get("hint").asText());
        assertEquals("invalid-address", diagnostics.get(2).get("code").asText());
        assertEquals(2, doc.get("summary").get("errors").asInt());
        assertEquals(1, doc.get("summary").get("warnings").asInt());
    }

    @Test
    void checkOfACleanFileIsAnEmptyListAndExitZero() throws IOException {
        CliRun run = run("check", "--format", "json", WEBAPP);
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = json(run);
        assertEquals(0, doc.get("diagnostics").size());
        assertEquals(0, doc.get("summary").get("errors").asInt());
    }

    @Test
    void aDiagnosticWithoutAPlaceHasNullPosition() throws IOException {
        CliRun run = run("check", "--format", "json", "no/such.policy");
        assertEquals(1, run.exitCode());
        JsonNode diagnostic = json(run).get("diagnostics").get(0);
        assertTrue(diagnostic.get("message").asText().contains("no/such.policy"), diagnostic.toString());
        for (String field : List.of("file", "line", "column", "length")) {
            assertTrue(diagnostic.get(field).isNull(), field + " in " + diagnostic);
        }
    }

    @Test
    void quietLeavesWarningsOutOfTheDocumentAndTheSummary() throws IOException {
        Path file = bad();
        for (List<String> args : List.of(List.of("-q", "check", "--format", "json", file.toString()),
                List.of("check", "--quiet", "--format", "json", file.toString()))) {
            JsonNode doc = json(run(args.toArray(String[]::new)));
            assertEquals(2, doc.get("diagnostics").size(), doc.toPrettyString());
            doc.get("diagnostics").forEach(d -> assertEquals("error", d.get("severity").asText()));
            assertEquals(0, doc.get("summary").get("warnings").asInt());
            assertEquals(2, doc.get("summary").get("errors").asInt());
        }
    }

    @Test
    void jsonIsNeverColouredEvenOnATerminal() throws IOException {
        Path file = bad();
        CliRun check = CliRun.run(Subcommands.BUILT_IN, Map.of("TERM", "xterm"), true, "check", "--format", "json",
                file.toString());
        assertFalse(check.out().contains("\u001B"), check.out());
        assertEquals("", check.err());
        CliRun explain = CliRun.run(Subcommands.BUILT_IN, Map.of("TERM", "xterm"), true, "explain", WEBAPP,
                "--flow", "out tcp 10.20.99.5 5432", "--format", "json");
        assertFalse(explain.out().contains("\u001B"), explain.out());
        assertEquals("", explain.err());
        assertTrue(CliRun.run(Subcommands.BUILT_IN, Map.of("TERM", "xterm"), true, "check", file.toString())
                .err().contains("\u001B"), "the text form on a terminal is coloured, so the test above can fail");
    }

    @Test
    void explainNamesTheDecidingAndOverriddenRules() throws IOException {
        CliRun run = run("explain", WEBAPP, "--flow", "out tcp 10.20.99.5 5432", "--hosts", HOSTS,
                "--resolver", "10.0.2.3", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = json(run);
        assertEquals(List.of("policy", "flow", "verdict", "logged", "decidedBy", "deciding", "overridden", "default",
                "diagnostics", "summary"), fieldNames(doc));
        assertEquals("webapp", doc.get("policy").asText());
        JsonNode flow = doc.get("flow");
        assertEquals("out tcp 10.20.99.5 5432", flow.get("text").asText());
        assertEquals("out", flow.get("direction").asText());
        assertEquals(4, flow.get("family").asInt());
        assertEquals("tcp", flow.get("protocol").asText());
        assertEquals(6, flow.get("protocolNumber").asInt());
        assertEquals("10.20.99.5", flow.get("address").asText());
        assertEquals(5432, flow.get("port").asInt());
        assertEquals("deny", doc.get("verdict").asText());
        assertTrue(doc.get("logged").asBoolean());
        assertEquals("rules", doc.get("decidedBy").asText());
        JsonNode deny = doc.get("deciding").get(0);
        assertEquals(WEBAPP, deny.get("file").asText());
        assertEquals(12, deny.get("line").asInt());
        assertEquals("deny out to cidr 10.20.99.0/24 log", deny.get("source").asText());
        assertEquals("cidr 10.20.99.0/24", deny.get("matched").asText());
        assertTrue(deny.get("comment").isNull());
        JsonNode allow = doc.get("overridden").get(0);
        assertEquals(6, allow.get("line").asInt());
        assertEquals("allow", allow.get("verdict").asText());
        assertEquals("database", allow.get("comment").asText());
        assertEquals(1, doc.get("overridden").size());
        assertTrue(doc.get("default").isNull());
    }

    @Test
    void explainGivesTheDefaultWhenItDecides() throws IOException {
        CliRun run = run("explain", SHOP, "--flow", "out icmp 8.8.8.8", "--hosts", HOSTS, "--resolver", "10.0.2.3",
                "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = json(run);
        assertEquals("default", doc.get("decidedBy").asText());
        assertTrue(doc.get("flow").get("port").isNull());
        assertEquals(0, doc.get("deciding").size());
        JsonNode byDefault = doc.get("default");
        assertEquals("deny", byDefault.get("verdict").asText());
        assertTrue(byDefault.get("log").asBoolean());
        assertFalse(byDefault.get("implicit").asBoolean());
        assertEquals(SHOP, byDefault.get("file").asText());
        assertEquals(21, byDefault.get("line").asInt());

        JsonNode implicit = json(run("explain", SAMPLES + "only-cloudflare.policy", "--flow", "in tcp 1.1.1.1 80",
                "--format", "json")).get("default");
        assertTrue(implicit.get("implicit").asBoolean());
        assertTrue(implicit.get("file").isNull() && implicit.get("line").isNull(), implicit.toString());
        assertFalse(implicit.get("log").asBoolean());
    }

    @Test
    void explainOfAnInvalidPolicyHasTheDiagnosticsAndNullExplanation() throws IOException {
        CliRun run = run("explain", WEBAPP, "--flow", "out tcp 1.1.1.1 53", "--format", "json");
        assertEquals(1, run.exitCode());
        assertEquals("", run.err());
        JsonNode doc = json(run);
        assertTrue(doc.get("verdict").isNull() && doc.get("policy").isNull() && doc.get("deciding").isNull(),
                doc.toPrettyString());
        assertEquals("out tcp 1.1.1.1 53", doc.get("flow").get("text").asText());
        assertEquals(2, doc.get("summary").get("errors").asInt());
    }

    @Test
    void diffCarriesItsDiagnosticsToo() throws IOException {
        Path file = bad();
        CliRun run = run("diff", "--format", "json", WEBAPP, file.toString());
        assertEquals(1, run.exitCode());
        assertEquals("", run.err());
        JsonNode doc = json(run);
        assertTrue(doc.get("policies").isNull());
        assertEquals(2, doc.get("summary").get("errors").asInt());
    }

    @Test
    void textOutputOfExplainIsUnchanged() {
        CliRun deny = run("explain", WEBAPP, "--flow", "out tcp 10.20.99.5 5432", "--hosts", HOSTS, "--resolver", "10.0.2.3");
        assertEquals("deny: out tcp 10.20.99.5 5432  (policy webapp)\n"
                + "  1 rule decides:\n"
                + "    " + WEBAPP + ":12  deny out to cidr 10.20.99.0/24 log  [matches cidr 10.20.99.0/24]\n"
                + "  deny wins over 1 matching allow rule:\n"
                + "    " + WEBAPP + ":6  allow out tcp to cidr 10.20.0.0/16 port 5432 comment \"database\""
                + "  [matches cidr 10.20.0.0/16]\n", deny.out());
        CliRun implicit = run("explain", SAMPLES + "only-cloudflare.policy", "--flow", "in tcp 1.1.1.1 80");
        assertEquals("deny: in tcp 1.1.1.1 80  (policy only-cloudflare)\n"
                + "  no rule matches; the default for in flows decides: deny (implicit: the policy sets none)\n",
                implicit.out());
    }

    /** Every field name that the JSON forms use is documented in docs/cli.md, as {@code `name`}. */
    @Test
    void everyFieldIsDocumented() throws IOException {
        Path changed = tmp.resolve("new.policy");
        Files.writeString(changed, Files.readString(Path.of(WEBAPP)).replace("port 8080", "port 8081"));
        Set<String> fields = new TreeSet<>();
        collect(json(run("check", "--format", "json", bad().toString())), fields);
        collect(json(run("explain", WEBAPP, "--flow", "out tcp 10.20.99.5 5432", "--hosts", HOSTS,
                "--resolver", "10.0.2.3", "--format", "json")), fields);
        collect(json(run("explain", SHOP, "--flow", "out icmp 8.8.8.8", "--hosts", HOSTS, "--resolver", "10.0.2.3",
                "--format", "json")), fields);
        collect(json(run("diff", WEBAPP, changed.toString(), "--hosts", HOSTS, "--resolver", "10.0.2.3",
                "--format", "json")), fields);
        assertTrue(fields.containsAll(List.of("cidrs", "matched", "implicit", "hint")), fields.toString());
        String docs = Files.readString(Path.of("../docs/cli.md"));
        List<String> missing = fields.stream().filter(f -> !docs.contains("`" + f + "`")).toList();
        assertEquals(List.of(), missing, "fields not documented in docs/cli.md");
    }

    private static void collect(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                into.add(e.getKey());
                collect(e.getValue(), into);
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, into));
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
