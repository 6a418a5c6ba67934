package dev.policyc.dsl.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.parse.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

/**
 * No input makes the reader throw: random text and random edits of valid policies all end as
 * diagnostics with a place inside the file, and whatever AST comes out, the writer writes back.
 */
class YamlReaderRobustnessProperties {

    private static final String FILE = "fuzz.yaml";
    private static final Set<String> CODES = Set.of("yaml", "yaml-schema");
    /** Pieces of policies and of YAML syntax, so that random text often gets past the parser. */
    private static final List<String> TOKENS = List.of(
            "policies:", "nets:", "ports:", "include:", "default:", "rules:", "webapp:", "\n", "\n  ", "\n    ",
            "\n      - ", "  ", "- ", "allow: out", "deny:", "allow: in", "to: ", "from: ", "proto: ", "port: ",
            "log: true", "comment: ", "[", "]", "{", "}", ", ", ": ", "? ", "host 1.1.1.1", "cidr 10.0.0.0/8",
            "dns a.example", "dns \"x\\\"y\"", "resolver", "any", "$web", "$", "80", "8000-8080", "tcp", "udp",
            "&a ", "*a", "---\n", "...\n", "!!binary ", "!tag ", "\"", "'", "\\", "\\u", "\\ud800", "#", " # c",
            "\t", "|\n", ">-\n", "~", "null", "yes", "0x1F", "1e3", "%YAML 1.1\n", "\uFEFF", "\r\n", "\u2028",
            "\u0085", "\uD83D\uDE00", "\u0000", "<<: ");

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> unicode = Arbitraries.strings().ofMaxLength(120);
        Arbitrary<String> yamlish = Arbitraries.strings().withChars(" :-[]{},#&*!|>'\"%@`?~$/.\n\t\r\\abcxyz019")
                .ofMaxLength(160);
        Arbitrary<String> soup = Arbitraries.of(TOKENS).list().ofMaxSize(40).map(t -> String.join("", t));
        return Arbitraries.frequencyOf(Tuple.of(1, unicode), Tuple.of(2, yamlish), Tuple.of(4, soup));
    }

    /** One edit of a text: what to do, where, how much, and what to insert. */
    record Edit(int kind, int at, int length, String token) {

        String applyTo(String text) {
            int pos = at % (text.length() + 1);
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            int line = at % lines.size();
            int other = (at / 7 + length) % lines.size();
            switch (kind) {
                case 0:
                    return text.substring(0, pos) + text.substring(Math.min(text.length(), pos + length));
                case 1:
                    return text.substring(0, pos) + token + text.substring(pos);
                case 2:
                    return pos == text.length() ? text : text.substring(0, pos) + token + text.substring(pos + 1);
                case 3:
                    lines.add(line, lines.get(line));
                    break;
                case 4:
                    String swap = lines.get(line);
                    lines.set(line, lines.get(other));
                    lines.set(other, swap);
                    break;
                default:
                    String current = lines.get(line);
                    lines.set(line, length % 2 == 0 ? "  " + current : current.replaceFirst("^ {1,2}", ""));
                    break;
            }
            return String.join("\n", lines);
        }
    }

    @Provide
    Arbitrary<String> mutatedPolicies() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 12),
                Arbitraries.of(TOKENS)).as(Edit::new);
        return Combinators.combine(Arbitraries.of(validTexts()), edit.list().ofMinSize(1).ofMaxSize(5))
                .as((text, edits) -> {
                    String mutated = text;
                    for (Edit e : edits) {
                        mutated = e.applyTo(mutated);
                    }
                    return mutated;
                });
    }

    private static List<String> validTexts() {
        try {
            String example = YamlExampleTest.example();
            String canonical = YamlPolicyWriter.write(YamlPolicyReader.parse(FILE, example).unit());
            return List.of(example, canonical);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 1000)
    void randomTextNeverMakesTheReaderThrow(@ForAll("garbage") String text) {
        checkReadAndWriteBack(text);
    }

    @Property(tries = 1000)
    void editedPoliciesNeverMakeTheReaderThrow(@ForAll("mutatedPolicies") String text) {
        checkReadAndWriteBack(text);
    }

    private static void checkReadAndWriteBack(String text) {
        ParseResult result = YamlPolicyReader.parse(FILE, text);

        assertNotNull(result.unit());
        Statistics.collect(result.diagnostics().stream().anyMatch(d -> d.code().equals("yaml")) ? "not YAML"
                : result.hasErrors() ? "YAML, not a policy" : result.unit().items().isEmpty() ? "empty" : "a policy");
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (Diagnostic d : result.diagnostics()) {
            assertTrue(CODES.contains(d.code()), d::toString);
            assertTrue(d.isError(), d::toString);
            assertFalse(d.message().isBlank(), d::toString);
            assertFalse(Character.isUpperCase(d.message().charAt(0)), d::toString);
            SourceSpan span = d.span();
            assertNotNull(span, d::toString);
            assertEquals(FILE, span.file());
            assertTrue(span.line() <= lines.length, () -> d + " is past the last line " + lines.length);
            assertTrue(span.column() <= lines[span.line() - 1].length() + 1,
                    () -> d + " is past the end of its line: " + lines[span.line() - 1]);
        }
        // Whatever the reader made of it, the writer writes it so that it reads back the same
        // (grouped by kind, as the writer's canonical form is).
        SourceUnit read = result.unit();
        String written = YamlPolicyWriter.write(read);
        assertEquals(SpanEraser.erase(CanonicalOrder.of(read)),
                SpanEraser.erase(YamlPolicyReader.parse("w.yaml", written).unit()), written);
    }
}
