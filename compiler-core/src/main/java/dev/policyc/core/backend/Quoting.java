package dev.policyc.core.backend;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * How one target writes a string literal, and the only way user text becomes one: whatever the
 * text, {@link #literal} returns a single-line literal that ends where it should, so a comment
 * can never close early and let the rest of the text be read as rules.
 *
 * @param quote      the character that opens and closes a literal
 * @param escape     the character that makes the next one literal, for targets that have one;
 *                   empty for targets that have no escapes inside a literal (nftables)
 * @param substitute what stands in for {@code quote} in targets without escapes
 * @param maxBytes   the most UTF-8 bytes the target keeps between the quotes
 */
public record Quoting(char quote, Optional<Character> escape, char substitute, int maxBytes) {

    private static final String CUT_MARK = "...";

    public Quoting {
        Objects.requireNonNull(escape, "escape");
        if (substitute == quote || Character.isISOControl(substitute) || escape.map(e -> e == quote).orElse(false)) {
            throw new IllegalArgumentException("quote, escape and substitute must be distinct printable characters");
        }
        if (maxBytes < CUT_MARK.length() + 2) {
            throw new IllegalArgumentException("maxBytes too small: " + maxBytes);
        }
    }

    /** Literals without escapes: {@code quote} inside the text becomes {@code substitute}. */
    public static Quoting withoutEscapes(char quote, char substitute, int maxBytes) {
        return new Quoting(quote, Optional.empty(), substitute, maxBytes);
    }

    /** Literals where {@code \} escapes the quote and itself. */
    public static Quoting withBackslashEscapes(char quote, int maxBytes) {
        return new Quoting(quote, Optional.of('\\'), '\'', maxBytes);
    }

    /**
     * {@code text} as a literal, quotes included: on one line ({@link TextWriter#oneLine}), the quote
     * escaped or substituted, and cut to {@link #maxBytes} (ending in {@code ...}) without splitting
     * a character or an escape.
     */
    public String literal(String text) {
        StringBuilder body = new StringBuilder();
        int bytes = 0;
        int keptBeforeMark = -1;
        String clean = TextWriter.oneLine(text);
        for (int i = 0; i < clean.length(); ) {
            int cp = clean.codePointAt(i);
            i += Character.charCount(cp);
            String unit = unit(cp);
            int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + unitBytes > maxBytes - CUT_MARK.length() && keptBeforeMark < 0) {
                keptBeforeMark = body.length();
            }
            if (bytes + unitBytes > maxBytes) {
                body.setLength(keptBeforeMark);
                body.append(CUT_MARK);
                break;
            }
            body.append(unit);
            bytes += unitBytes;
        }
        return quote + body.toString() + quote;
    }

    /** One character of the text as it appears inside the literal. */
    private String unit(int cp) {
        if (escape.isPresent()) {
            char e = escape.get();
            return cp == quote || cp == e ? "" + e + (char) cp : Character.toString(cp);
        }
        return cp == quote ? Character.toString(substitute) : Character.toString(cp);
    }
}
