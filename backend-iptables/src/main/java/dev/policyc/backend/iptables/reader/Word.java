package dev.policyc.backend.iptables.reader;

import dev.policyc.core.verify.ReadFailure;
import dev.policyc.core.diag.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One argument of a command line of an iptables-restore file.
 *
 * @param text   the argument as iptables-restore passes it on: quotes removed, escapes resolved
 * @param span   where it is written, its quotes included
 * @param quoted whether any of it was inside double quotes (then it is never an option)
 */
record Word(String text, SourceSpan span, boolean quoted) {

    Word {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
    }

    /** True for an unquoted {@code option}. */
    boolean is(String option) {
        return !quoted && text.equals(option);
    }

    /** How the word reads in a message. */
    String shown() {
        return "'" + text + "'";
    }

    /**
     * Splits a command line as iptables-restore does. Only blanks and tabs separate arguments (a
     * carriage return is part of one). A double quote opens quotes anywhere, also inside a word,
     * whose text then goes on inside them; inside quotes a backslash takes the next character as it
     * is, and the closing quote ends the argument, whatever follows it, so {@code ""} is an empty
     * argument. Outside quotes a backslash is an ordinary character, and {@code #} starts no
     * comment.
     *
     * @throws ReadFailure when quotes are left open: iptables-restore 1.8 then takes the rest of the
     *                    line, a {@code -j} included, as one argument, and older versions refuse it
     */
    static List<Word> split(String line, String file, int lineNumber) {
        List<Word> words = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int start = -1;
        boolean inQuotes = false;
        boolean escaped = false;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuotes) {
                if (escaped) {
                    text.append(c);
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inQuotes = false;
                    words.add(new Word(text.toString(), span(file, lineNumber, start, i + 1), true));
                    text.setLength(0);
                    start = -1;
                    quoted = false;
                } else {
                    text.append(c);
                }
            } else if (c == ' ' || c == '\t') {
                if (start >= 0) {
                    words.add(new Word(text.toString(), span(file, lineNumber, start, i), quoted));
                    text.setLength(0);
                    start = -1;
                    quoted = false;
                }
            } else {
                if (start < 0) {
                    start = i;
                }
                if (c == '"') {
                    inQuotes = true;
                    quoted = true;
                } else {
                    text.append(c);
                }
            }
        }
        if (inQuotes) {
            throw new ReadFailure(IptReader.UNSUPPORTED, span(file, lineNumber, start, line.length()),
                    "this quote is not closed on its line", "close it with '\"'; iptables-restore versions differ on what an open quote means");
        }
        if (start >= 0) {
            words.add(new Word(text.toString(), span(file, lineNumber, start, line.length()), quoted));
        }
        return words;
    }

    private static SourceSpan span(String file, int line, int start, int end) {
        return new SourceSpan(file, line, start + 1, end - start);
    }
}
