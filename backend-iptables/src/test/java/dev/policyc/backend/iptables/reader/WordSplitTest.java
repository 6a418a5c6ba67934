package dev.policyc.backend.iptables.reader;

import dev.policyc.core.verify.ReadFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer against what iptables-restore 1.8.9 was seen to make of each line (with
 * iptables-save printing the rule back), so that quoting means here what it means to iptables.
 */
class WordSplitTest {

    @Test
    void blanksAndTabsSeparate() {
        assertEquals(List.of("-A", "INPUT", "-j", "ACCEPT"), texts("-A\tINPUT  -j ACCEPT "));
    }

    @Test
    void insideQuotesABackslashTakesTheNextCharacterAsItIs() {
        assertEquals(List.of("--comment", "x\"y\\z w", "-j"), texts("--comment \"x\\\"y\\\\z w\" -j"));
        assertEquals(List.of("xy"), texts("\"x\\y\""));
    }

    @Test
    void outsideQuotesABackslashIsAnOrdinaryCharacter() {
        assertEquals(List.of("a\\\\b"), texts("a\\\\b"));
    }

    @Test
    void aQuoteOpensInsideAWordAndTheClosingQuoteEndsTheArgument() {
        // iptables-save printed "abc d" for ab"c d", and refused ""x and "a"b with "Bad argument `x'" and "`b'".
        assertEquals(List.of("abc d"), texts("ab\"c d\""));
        assertEquals(List.of("", "x"), texts("\"\"x"));
        assertEquals(List.of("a", "b"), texts("\"a\"b"));
    }

    @Test
    void hashAndCarriageReturnAreOrdinaryCharacters() {
        assertEquals(List.of("#", "x\r"), texts("# x\r"));
    }

    @Test
    void spansCoverTheArgumentAsWritten() {
        List<Word> words = Word.split("-m comment --comment \"a b\" -j", "f", 3);
        Word comment = words.get(3);
        assertEquals(22, comment.span().column());
        assertEquals(5, comment.span().length());
        assertEquals(3, comment.span().line());
        assertEquals(true, comment.quoted());
        assertEquals(false, words.get(4).quoted());
    }

    @Test
    void openQuotesAreRefused() {
        ReadFailure open = assertThrows(ReadFailure.class, () -> Word.split("--comment \"abc -j ACCEPT", "f", 1));
        assertEquals(IptReader.UNSUPPORTED, open.diagnostic().code());
        assertEquals(11, open.diagnostic().span().column());
    }

    private static List<String> texts(String line) {
        return Word.split(line, "f", 1).stream().map(Word::text).toList();
    }
}
