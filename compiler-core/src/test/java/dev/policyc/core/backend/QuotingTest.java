package dev.policyc.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuotingTest {

    private static final Quoting NO_ESCAPES = Quoting.withoutEscapes('"', '\'', 16);
    private static final Quoting BACKSLASH = Quoting.withBackslashEscapes('"', 16);

    @Test
    void quoteWithoutEscapesBecomesTheSubstitute() {
        assertEquals("\"say 'hi'\"", NO_ESCAPES.literal("say \"hi\""));
        assertEquals("\"back\\slash\"", NO_ESCAPES.literal("back\\slash"));
    }

    @Test
    void backslashEscapesTheQuoteAndItself() {
        assertEquals("\"say \\\"hi\\\"\"", BACKSLASH.literal("say \"hi\""));
        assertEquals("\"a\\\\b\"", BACKSLASH.literal("a\\b"));
    }

    @Test
    void lineBreaksAndControlsBecomeSpaces() {
        assertEquals("\"a b c d e f\"", NO_ESCAPES.literal("a\nb\rc\u0000d\u2028e\u202Ef"));
    }

    @Test
    void textThatFitsIsKeptWhole() {
        assertEquals("\"" + "x".repeat(16) + "\"", NO_ESCAPES.literal("x".repeat(16)));
        assertEquals("\"\"", NO_ESCAPES.literal(""));
    }

    @Test
    void longTextIsCutToTheLimitWithAMark() {
        assertEquals("\"" + "x".repeat(13) + "...\"", NO_ESCAPES.literal("x".repeat(17)));
    }

    @Test
    void cuttingNeverSplitsACharacterOrAnEscape() {
        // é is two bytes: 6 of them (12 bytes) and the mark (3) fit in 16, a seventh would not.
        assertEquals("\"" + "é".repeat(6) + "...\"", NO_ESCAPES.literal("é".repeat(9)));
        // 😀 is four bytes and two UTF-16 units.
        assertEquals("\"" + "😀".repeat(3) + "...\"", NO_ESCAPES.literal("😀".repeat(5)));
        // \" is one unit of two bytes: cutting after a lone backslash would escape the closing quote.
        String cut = BACKSLASH.literal("abcdefghijkl\"\"\"\"");
        assertEquals("\"abcdefghijkl...\"", cut);
        assertEquals(15, cut.substring(1, cut.length() - 1).getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void quotesAndSubstitutesMustDiffer() {
        assertThrows(IllegalArgumentException.class, () -> Quoting.withoutEscapes('"', '"', 16));
        assertThrows(IllegalArgumentException.class, () -> Quoting.withoutEscapes('"', '\n', 16));
        assertThrows(IllegalArgumentException.class, () -> Quoting.withoutEscapes('"', '\'', 4));
    }
}
