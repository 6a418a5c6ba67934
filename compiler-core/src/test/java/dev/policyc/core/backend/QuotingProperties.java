package dev.policyc.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the text, a literal is one token on one line: it ends at its closing quote and not
 * before, holds no character that bends a line, fits the target's limit, and keeps as much of
 * the text as fits.
 */
class QuotingProperties {

    @Property(tries = 500)
    void withoutEscapesTheOnlyQuotesAreTheEnds(@ForAll("hostile") String text, @ForAll @IntRange(min = 5, max = 200) int max) {
        Quoting quoting = Quoting.withoutEscapes('"', '\'', max);
        String literal = quoting.literal(text);
        String inner = inner(literal);
        assertFalse(inner.contains("\""), literal);
        assertSafe(inner, max);
        String expected = TextWriter.oneLine(text).replace('"', '\'');
        assertKeptOrCut(expected, inner);
    }

    @Property(tries = 500)
    void withBackslashesEveryInnerQuoteIsEscaped(@ForAll("hostile") String text, @ForAll @IntRange(min = 5, max = 200) int max) {
        Quoting quoting = Quoting.withBackslashEscapes('"', max);
        String literal = quoting.literal(text);
        String inner = inner(literal);
        StringBuilder unescaped = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            assertTrue(c != '"', () -> "unescaped quote in " + literal);
            if (c == '\\') {
                assertTrue(i + 1 < inner.length(), () -> "dangling escape would swallow the closing quote: " + literal);
                c = inner.charAt(++i);
            }
            unescaped.append(c);
        }
        assertSafe(inner, max);
        assertKeptOrCut(TextWriter.oneLine(text), unescaped.toString());
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("\"", "\\", "\\\"", "\n", "\r", "\u0000", "\u2028", "\u202E", "\uD800", "\uDC00",
                        "é", "😀", ";", "}", "#"),
                Arbitraries.strings().all().ofMaxLength(10));
        return pieces.list().ofMaxSize(80).map(list -> String.join("", list));
    }

    private static String inner(String literal) {
        assertTrue(literal.length() >= 2 && literal.startsWith("\"") && literal.endsWith("\""), literal);
        return literal.substring(1, literal.length() - 1);
    }

    /** On one line, no bending characters, well-formed UTF-16, within the byte limit. */
    private static void assertSafe(String inner, int max) {
        assertEquals(TextWriter.oneLine(inner), inner, "nothing left to clean");
        assertTrue(inner.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE), inner);
        assertTrue(inner.getBytes(StandardCharsets.UTF_8).length <= max, inner);
    }

    /** The whole text, or a prefix of it followed by the cut mark. */
    private static void assertKeptOrCut(String expected, String actual) {
        if (!actual.equals(expected)) {
            assertTrue(actual.endsWith("..."), actual);
            assertTrue(expected.startsWith(actual.substring(0, actual.length() - 3)), actual);
        }
    }
}
