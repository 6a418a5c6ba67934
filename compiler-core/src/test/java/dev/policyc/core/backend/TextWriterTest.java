package dev.policyc.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextWriterTest {

    @Test
    void blocksIndentWhatTheyHold() {
        TextWriter out = new TextWriter("\t");
        out.comment("#", "head").open("table x {").line("a").open("chain y {").line("b").close("}").blank().close("}");
        assertEquals("# head\ntable x {\n\ta\n\tchain y {\n\t\tb\n\t}\n\n}\n", out.text());
    }

    @Test
    void aLineCannotHoldALineBreak() {
        TextWriter out = new TextWriter("  ");
        assertThrows(IllegalArgumentException.class, () -> out.line("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> out.line("a\rb"));
        assertThrows(IllegalArgumentException.class, () -> out.line("a\u0000b"));
    }

    @Test
    void commentsStayOnTheirLine() {
        TextWriter out = new TextWriter("  ");
        out.comment("#", "one\ntable evil {}\u2029two");
        assertEquals("# one table evil {} two\n", out.text());
    }

    @Test
    void blocksMustBalance() {
        TextWriter out = new TextWriter("  ");
        assertThrows(IllegalStateException.class, () -> out.close("}"));
        out.open("x {");
        assertThrows(IllegalStateException.class, out::text);
    }

    @Test
    void namesArePlainWords() {
        assertEquals("policyc_web-app", TextWriter.name("policyc_web-app"));
        assertTrue(TextWriter.isName("_x1"));
        assertFalse(TextWriter.isName("1x"));
        assertFalse(TextWriter.isName("a b"));
        assertFalse(TextWriter.isName("a\"b"));
        assertFalse(TextWriter.isName(""));
        assertThrows(IllegalArgumentException.class, () -> TextWriter.name("x; flush ruleset"));
    }

    @Test
    void indentationIsBlanksOnly() {
        assertThrows(IllegalArgumentException.class, () -> new TextWriter("\n"));
    }
}
