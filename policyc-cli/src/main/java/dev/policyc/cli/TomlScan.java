package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A containers.conf (TOML) read only as far as {@code install} and {@code doctor} need: where
 * each table header and each key's value lies in the text, and the value of a string array.
 *
 * <p>Not a full TOML parser, and not meant to be one: it finds the structure of a file so that
 * one value can be read or replaced without touching a byte of the rest. Whatever it does not
 * understand (a date with a space in it, a malformed line) makes the whole file
 * {@link Unreadable}, and callers then refuse rather than guess.
 */
final class TomlScan {

    /** A {@code [table]} or {@code [[array.of.tables]]} header, 0-based line. */
    record Header(ImmutableList<String> table, boolean arrayOfTables, int line, int end) {}

    /**
     * A key and its value: the full dotted path (table and key), the offsets of the value's text
     * in the file ({@code valueStart} inclusive, {@code valueEnd} exclusive) and of the line(s)
     * it occupies.
     */
    record Entry(ImmutableList<String> path, int keyLength, int firstLine, int lastLine,
            int lineStart, int valueStart, int valueEnd, int lineEnd) {}

    /** What reading a file gave. */
    sealed interface Result permits Readable, Unreadable {}

    /** The file's headers and entries, in order. */
    record Readable(String text, ImmutableList<Header> headers, ImmutableList<Entry> entries) implements Result {

        String value(Entry entry) {
            return text.substring(entry.valueStart(), entry.valueEnd());
        }

        /** Every entry whose full path is {@code path}. */
        List<Entry> entries(List<String> path) {
            return entries.stream().filter(e -> e.path().equals(path)).toList();
        }

        /** The headers of exactly {@code table}. */
        List<Header> headers(List<String> table) {
            return headers.stream().filter(h -> h.table().equals(table)).toList();
        }
    }

    /** Why the file is beyond this reader, with its 1-based line. */
    record Unreadable(int line, String reason) implements Result {}

    private final String text;
    private int pos;
    private int line;

    private TomlScan(String text) {
        this.text = text;
    }

    /** Reads {@code text}. */
    static Result scan(String text) {
        TomlScan scan = new TomlScan(text);
        try {
            return scan.file();
        } catch (Bad bad) {
            return new Unreadable(scan.line + 1, bad.getMessage());
        }
    }

    /**
     * A TOML array of strings such as {@code ["a", 'b',]}: its items with escapes decoded, where
     * the last item ends in {@code value} (-1 when there is none) and whether a comma follows it.
     */
    record StringArray(ImmutableList<String> items, int lastItemEnd, boolean trailingComma) {}

    /** {@code value} read as a {@link StringArray}; empty when it is anything else. */
    static Optional<StringArray> stringArray(String value) {
        TomlScan scan = new TomlScan(value);
        try {
            if (scan.peek() != '[') {
                return Optional.empty();
            }
            scan.pos++;
            ImmutableList.Builder<String> items = ImmutableList.builder();
            int lastEnd = -1;
            boolean comma = false;
            while (true) {
                scan.skipBlankLinesAndComments();
                if (scan.peek() == ']') {
                    scan.pos++;
                    break;
                }
                if (scan.peek() != '"' && scan.peek() != '\'') {
                    return Optional.empty();
                }
                items.add(scan.singleLineString());
                lastEnd = scan.pos;
                comma = false;
                scan.skipBlankLinesAndComments();
                if (scan.peek() == ',') {
                    scan.pos++;
                    comma = true;
                } else if (scan.peek() != ']') {
                    return Optional.empty();
                }
            }
            scan.skipSpaces();
            return scan.pos == value.length() ? Optional.of(new StringArray(items.build(), lastEnd, comma)) : Optional.empty();
        } catch (Bad bad) {
            return Optional.empty();
        }
    }

    /** {@code s} as a TOML basic string, quotes included. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** {@code items} as a one-line TOML array of strings. */
    static String array(List<String> items) {
        return "[" + String.join(", ", items.stream().map(TomlScan::quote).toList()) + "]";
    }

    private Readable file() {
        List<Header> headers = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        ImmutableList<String> table = ImmutableList.of();
        while (true) {
            skipBlankLinesAndComments();
            if (pos >= text.length()) {
                return new Readable(text, ImmutableList.copyOf(headers), ImmutableList.copyOf(entries));
            }
            int lineStart = pos;
            int firstLine = line;
            if (peek() == '[') {
                pos++;
                boolean array = peek() == '[';
                if (array) {
                    pos++;
                }
                skipSpaces();
                table = keyPath();
                skipSpaces();
                expect(']');
                if (array) {
                    expect(']');
                }
                endOfLine();
                headers.add(new Header(table, array, firstLine, pos));
                continue;
            }
            ImmutableList<String> key = keyPath();
            skipSpaces();
            expect('=');
            skipSpaces();
            int valueStart = pos;
            value();
            int valueEnd = pos;
            int lastLine = line;
            endOfLine();
            ImmutableList<String> path = ImmutableList.<String>builder().addAll(table).addAll(key).build();
            entries.add(new Entry(path, key.size(), firstLine, lastLine, lineStart, valueStart, valueEnd, pos));
        }
    }

    /** A dotted key: bare or quoted parts, with optional spaces around the dots. */
    private ImmutableList<String> keyPath() {
        ImmutableList.Builder<String> parts = ImmutableList.builder();
        while (true) {
            char c = peek();
            if (c == '"' || c == '\'') {
                parts.add(singleLineString());
            } else {
                int start = pos;
                while (pos < text.length() && isBareKeyChar(text.charAt(pos))) {
                    pos++;
                }
                if (start == pos) {
                    throw new Bad("expected a key or a [table] header");
                }
                parts.add(text.substring(start, pos));
            }
            skipSpaces();
            if (peek() != '.') {
                return parts.build();
            }
            pos++;
            skipSpaces();
        }
    }

    private static boolean isBareKeyChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    /** Skips one value of any kind; the position ends right after it. */
    private void value() {
        char c = peek();
        if (c == '"' || c == '\'') {
            if (text.startsWith(String.valueOf(c).repeat(3), pos)) {
                multiLineString(c);
            } else {
                singleLineString();
            }
        } else if (c == '[') {
            pos++;
            while (true) {
                skipBlankLinesAndComments();
                if (peek() == ']') {
                    pos++;
                    return;
                }
                value();
                skipBlankLinesAndComments();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ']') {
                    throw new Bad("expected ',' or ']' in an array");
                }
            }
        } else if (c == '{') {
            pos++;
            skipSpaces();
            if (peek() == '}') {
                pos++;
                return;
            }
            while (true) {
                skipSpaces();
                keyPath();
                skipSpaces();
                expect('=');
                skipSpaces();
                value();
                skipSpaces();
                if (peek() == '}') {
                    pos++;
                    return;
                }
                expect(',');
            }
        } else {
            // Numbers, booleans, dates: one token of safe characters. A date written with a
            // space between day and time leaves a second token, which endOfLine refuses.
            int start = pos;
            while (pos < text.length() && "+-_.:0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    .indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw new Bad("expected a value");
            }
        }
    }

    /** A basic ("...") or literal ('...') string on one line; returns its decoded text. */
    private String singleLineString() {
        char quote = peek();
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n' || text.charAt(pos) == '\r') {
                throw new Bad("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\\' && quote == '"') {
                out.append(escape());
            } else {
                out.append(c);
            }
        }
    }

    private String escape() {
        if (pos >= text.length()) {
            throw new Bad("unterminated string");
        }
        char e = text.charAt(pos++);
        return switch (e) {
            case 'b' -> "\b";
            case 't' -> "\t";
            case 'n' -> "\n";
            case 'f' -> "\f";
            case 'r' -> "\r";
            case '"' -> "\"";
            case '\\' -> "\\";
            case 'u', 'U' -> {
                int digits = e == 'u' ? 4 : 8;
                if (pos + digits > text.length()) {
                    throw new Bad("bad \\" + e + " escape");
                }
                try {
                    int code = Integer.parseInt(text.substring(pos, pos + digits), 16);
                    pos += digits;
                    yield new String(Character.toChars(code));
                } catch (IllegalArgumentException bad) {
                    throw new Bad("bad \\" + e + " escape");
                }
            }
            default -> throw new Bad("unknown escape \\" + e);
        };
    }

    /** A """...""" or '''...''' string, which may span lines; its text is not needed. */
    private void multiLineString(char quote) {
        String delimiter = String.valueOf(quote).repeat(3);
        pos += 3;
        while (true) {
            if (pos >= text.length()) {
                throw new Bad("unterminated multi-line string");
            }
            if (text.startsWith(delimiter, pos)) {
                pos += 3;
                // Up to two quotes may stand right before the closing delimiter.
                for (int extra = 0; extra < 2 && peek() == quote; extra++) {
                    pos++;
                }
                return;
            }
            char c = text.charAt(pos++);
            if (c == '\n') {
                line++;
            } else if (c == '\\' && quote == '"' && pos < text.length()) {
                if (text.charAt(pos) == '\n') {
                    line++;
                }
                pos++;
            }
        }
    }

    /** After a header or a value: spaces, an optional comment, then a newline or the end. */
    private void endOfLine() {
        skipSpaces();
        if (peek() == '#') {
            skipComment();
        }
        if (pos >= text.length()) {
            return;
        }
        if (peek() == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
            pos++;
        }
        if (peek() != '\n') {
            throw new Bad("unexpected text after the value");
        }
        pos++;
        line++;
    }

    private void skipBlankLinesAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n') {
                pos++;
                line++;
            } else if (c == '#') {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new Bad("expected '" + c + "'");
        }
        pos++;
    }

    /** Ends the scan: the file is beyond this reader. */
    private static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message, null, false, false);
        }
    }
}
