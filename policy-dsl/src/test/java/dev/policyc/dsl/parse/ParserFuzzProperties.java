package dev.policyc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
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

/**
 * Whatever the text, {@link DslParser#parse} returns a unit, never throws, never fails
 * internally, and puts every diagnostic and every AST node inside the text, with messages in
 * the project's words. 11,000 tries a run.
 */
class ParserFuzzProperties {

    private static final String FILE = "fuzz.policy";

    private static final List<String> VOCABULARY = List.of(
            "policy", "define", "net", "ports", "default", "allow", "deny", "in", "out", "tcp", "udp", "icmp",
            "icmpv6", "to", "from", "host", "cidr", "dns", "resolver", "any", "port", "log", "comment", "include",
            "{", "}", ",", "=", "-", "$web", "$", "web", "Web_App", "ALLOW", "allwo", "prot",
            "\"api.github.com\"", "\"a\\\"b\"", "\"bad\\qescape\"", "\"unterminated", "\"", "\\",
            "1.1.1.1", "010.0.0.1", "1.2.3.4.5", "10.0.0.0/8", "10.0.0.1/8", "2606:4700:4700::1111", "cafe::1",
            "::1", "::", ":", "fe80::1%eth0", "64:ff9b::1.2.3.4", "::ffff:1.2.3.4", "example.com",
            "80", "0", "65536", "99999999999999999999999", "8000-8080", "8000 - 8080",
            "# a comment\n", "#", "\n", "\n\n", "\r\n", "\t", ";", "@", "\u201cx\u201d", "\u00e9", "\uD83D\uDE00", "\u0000");

    private static final Set<String> CODES = Set.of(DslParser.SYNTAX, DslParser.INVALID_NAME);

    @Property(tries = 4000)
    void tokenSoupNeverBreaksTheParser(@ForAll("tokenSoup") String text) {
        check(text);
    }

    @Property(tries = 2000)
    void anyUnicodeTextNeverBreaksTheParser(@ForAll("unicodeText") String text) {
        check(text);
    }

    @Property(tries = 2000)
    void textFromTheLanguagesCharactersNeverBreaksTheParser(@ForAll("languageChars") String text) {
        check(text);
    }

    @Property(tries = 3000)
    void mutatedSamplesNeverBreakTheParser(@ForAll("mutatedSamples") String text) {
        check(text);
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        Arbitrary<String> separator = Arbitraries.of(" ", " ", "\n", "", "  ");
        return Combinators.combine(Arbitraries.of(VOCABULARY), separator).as((token, sep) -> token + sep)
                .list().ofMaxSize(60).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> unicodeText() {
        return Arbitraries.strings().all().ofMaxLength(200);
    }

    @Provide
    Arbitrary<String> languageChars() {
        return Arbitraries.strings().withChars("{}$,=-#\"\\\n ./:%_abcdefilnoprstuwy0123456789ALW").ofMaxLength(200);
    }

    @Provide
    Arbitrary<String> mutatedSamples() {
        Arbitrary<Mutation> mutation = Combinators.combine(
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.of(VOCABULARY))
                .as(Mutation::new);
        return Combinators.combine(Arbitraries.of(Samples.VALID), mutation.list().ofMinSize(1).ofMaxSize(5))
                .as((sample, mutations) -> {
                    String text = sample;
                    for (Mutation m : mutations) {
                        text = m.apply(text);
                    }
                    return text;
                });
    }

    /** One edit: on characters (delete, insert, swap) or on blank-separated words (delete, duplicate, swap). */
    record Mutation(int kind, double where, double other, String payload) {
        String apply(String text) {
            if (text.isEmpty()) {
                return payload;
            }
            int at = (int) (where * (text.length() - 1));
            switch (kind) {
                case 0:
                    return text.substring(0, at) + text.substring(at + 1);
                case 1:
                    return text.substring(0, at) + payload.charAt((int) (other * (payload.length() - 1))) + text.substring(at);
                case 2: {
                    char[] chars = text.toCharArray();
                    int to = (int) (other * (chars.length - 1));
                    char c = chars[at];
                    chars[at] = chars[to];
                    chars[to] = c;
                    return new String(chars);
                }
                default:
                    return onWords(text);
            }
        }

        private String onWords(String text) {
            List<String> words = new ArrayList<>(Arrays.asList(text.split("(?<=\\s)|(?=\\s)")));
            int i = (int) (where * (words.size() - 1));
            int j = (int) (other * (words.size() - 1));
            switch (kind) {
                case 3 -> words.remove(i);
                case 4 -> words.add(i, words.get(j));
                default -> {
                    String w = words.get(i);
                    words.set(i, words.get(j));
                    words.set(j, w);
                }
            }
            return String.join("", words);
        }
    }

    private static void check(String text) {
        ParseResult result = DslParser.parse(FILE, text);
        assertNotNull(result);
        assertNotNull(result.unit());
        assertEquals(FILE, result.unit().file());
        for (Diagnostic d : result.diagnostics()) {
            assertTrue(CODES.contains(d.code()), () -> "unexpected code: " + d);
            assertNotNull(d.span(), () -> "no span: " + d);
            SpanChecks.assertInside(FILE, text, d.span());
            assertFalse(d.message().isEmpty());
            assertFalse(Character.isUpperCase(d.message().charAt(0)), () -> "capitalised: " + d.message());
            for (String antlrWords : List.of("mismatched input", "expecting", "extraneous input", "<missing",
                    "no viable alternative", "token recognition")) {
                assertFalse(d.message().contains(antlrWords), () -> "ANTLR's words leaked: " + d.message());
            }
        }
        for (SourceSpan span : SpanChecks.spans(result.unit())) {
            SpanChecks.assertInside(FILE, text, span);
        }
    }
}
