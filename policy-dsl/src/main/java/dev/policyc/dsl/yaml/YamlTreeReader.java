package dev.policyc.dsl.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.dsl.yaml.YamlNode.Entry;
import dev.policyc.dsl.yaml.YamlNode.Mapping;
import dev.policyc.dsl.yaml.YamlNode.Scalar;
import dev.policyc.dsl.yaml.YamlNode.ScalarType;
import dev.policyc.dsl.yaml.YamlNode.Sequence;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Jackson's streaming YAML tokens into a {@link YamlNode} tree with source spans.
 *
 * <p>It works with an explicit stack instead of recursion, so no nesting depth can overflow the
 * Java stack, and so that after a syntax error every container still open is closed and marked
 * incomplete: what was read before the error stays usable. Duplicate keys are reported here
 * (keeping the first), rather than with Jackson's STRICT_DUPLICATE_DETECTION, which would stop
 * reading at the first one.
 */
final class YamlTreeReader {

    private final SourcePositions positions;
    private final Diagnostics diagnostics;
    private final Deque<Open> open = new ArrayDeque<>();
    private JsonParser parser;
    private YamlNode root;
    private boolean failed;

    private YamlTreeReader(SourcePositions positions, Diagnostics diagnostics) {
        this.positions = positions;
        this.diagnostics = diagnostics;
    }

    /** The document's root node, empty for an empty document or when nothing could be read. */
    static Optional<YamlNode> read(String text, SourcePositions positions, Diagnostics diagnostics) {
        YamlTreeReader reader = new YamlTreeReader(positions, diagnostics);
        reader.readAll(text);
        return Optional.ofNullable(reader.root);
    }

    private void readAll(String text) {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            parser = p;
            readTokens();
        } catch (IOException e) {
            // createParser or close failed: nothing was read, or everything already was.
            if (!failed) {
                syntaxError(e);
            }
        }
        while (!open.isEmpty()) {
            deliver(open.pop().close(false));
        }
    }

    private void readTokens() {
        JsonToken token;
        while ((token = next()) != null) {
            switch (token) {
                case START_OBJECT -> open.push(new OpenMapping(containerSpan()));
                case START_ARRAY -> open.push(new OpenSequence(containerSpan()));
                case END_OBJECT, END_ARRAY -> {
                    if (!open.isEmpty()) {
                        deliver(open.pop().close(true));
                    }
                }
                case FIELD_NAME -> {
                    if (open.peek() instanceof OpenMapping mapping) {
                        mapping.key(scalar(ScalarType.TEXT), diagnostics);
                    }
                }
                default -> deliver(scalar(typeOf(token)));
            }
            if (root != null) {
                JsonToken more = next();
                if (more != null) {
                    diagnostics.error(SchemaProblems.CODE, tokenSpanOrStart(),
                            "a policy file holds one YAML document",
                            "remove the `---` line and everything after it, or move it to a file of its own");
                }
                return;
            }
        }
    }

    /** The next token, or null at the end or after a syntax error (which is then reported). */
    private JsonToken next() {
        if (failed) {
            return null;
        }
        try {
            return parser.nextToken();
        } catch (IOException | RuntimeException e) {
            // RuntimeException too: a bug in a third-party parser must still end as a diagnostic.
            syntaxError(e);
            return null;
        }
    }

    private void syntaxError(Exception e) {
        failed = true;
        diagnostics.add(YamlSyntaxErrors.toDiagnostic(e, positions, tokenSpanOrStart()));
    }

    private void deliver(YamlNode node) {
        if (open.isEmpty()) {
            root = node;
        } else {
            open.peek().add(node);
        }
    }

    private Scalar scalar(ScalarType type) {
        String text;
        try {
            text = parser.getText();
        } catch (IOException | RuntimeException e) {
            text = null;
        }
        long start = parser.currentTokenLocation().getCharOffset();
        long end = parser.currentLocation().getCharOffset();
        SourceSpan span = start < 0 ? tokenSpanOrStart() : positions.span(start, end);
        if (type == ScalarType.TEXT && parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            diagnostics.error(SchemaProblems.CODE, span,
                    "aliases (*" + text + ") are not supported in policy files",
                    "define the shared endpoints or ports once under nets: or ports: and use $name");
            type = ScalarType.REJECTED;
        }
        String value = text == null ? "" : text;
        if (!WellFormedText.isWellFormed(value)) {
            diagnostics.error(SchemaProblems.CODE, span, "the text holds a lone UTF-16 surrogate escape",
                    "escape a character outside the BMP as one \\U0001F600 escape, not as two \\u escapes");
            type = ScalarType.REJECTED;
        }
        return new Scalar(value, text == null ? ScalarType.OTHER : type, span, contentColumn(value, start, end));
    }

    /** Where the scalar's text starts within its source, when the source holds it verbatim. */
    private int contentColumn(String value, long start, long end) {
        String raw = start < 0 ? null : positions.rawOnOneLine(start, end);
        if (raw == null) {
            return -1;
        }
        if (raw.equals(value)) {
            return 0;
        }
        boolean quoted = raw.length() == value.length() + 2
                && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')
                && raw.charAt(raw.length() - 1) == raw.charAt(0);
        return quoted && raw.regionMatches(1, value, 0, value.length()) ? 1 : -1;
    }

    private SourceSpan containerSpan() {
        long start = parser.currentTokenLocation().getCharOffset();
        return start < 0 ? tokenSpanOrStart() : positions.at(start);
    }

    private SourceSpan tokenSpanOrStart() {
        if (parser == null) {
            return positions.at(0);
        }
        JsonLocation location = parser.currentTokenLocation();
        if (location != null && location.getCharOffset() >= 0) {
            return positions.at(location.getCharOffset());
        }
        return positions.at(0);
    }

    private static ScalarType typeOf(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> ScalarType.TEXT;
            case VALUE_NUMBER_INT -> ScalarType.INTEGER;
            case VALUE_NUMBER_FLOAT -> ScalarType.DECIMAL;
            case VALUE_TRUE -> ScalarType.TRUE;
            case VALUE_FALSE -> ScalarType.FALSE;
            case VALUE_NULL -> ScalarType.NULL;
            default -> ScalarType.OTHER;
        };
    }

    /** A container whose end has not been read yet. */
    private abstract static class Open {
        final SourceSpan span;

        Open(SourceSpan span) {
            this.span = span;
        }

        abstract void add(YamlNode node);

        abstract YamlNode close(boolean complete);
    }

    private static final class OpenMapping extends Open {
        private final List<Entry> entries = new ArrayList<>();
        private final Map<String, Scalar> seen = new HashMap<>();
        /** The key waiting for its value; null after a duplicate key, whose value is dropped. */
        private Scalar pendingKey;

        OpenMapping(SourceSpan span) {
            super(span);
        }

        void key(Scalar key, Diagnostics diagnostics) {
            if (key.type() == ScalarType.REJECTED) {
                pendingKey = null;
                return;
            }
            Scalar first = seen.putIfAbsent(key.text(), key);
            if (first != null) {
                diagnostics.error(SchemaProblems.CODE, key.span(),
                        "duplicate key \"" + key.text() + "\": it is already on line " + first.span().line(),
                        "keep one of them; a second value would silently replace the first in other YAML tools");
                pendingKey = null;
            } else {
                pendingKey = key;
            }
        }

        @Override
        void add(YamlNode value) {
            if (pendingKey != null) {
                entries.add(new Entry(pendingKey, value));
                pendingKey = null;
            }
        }

        @Override
        YamlNode close(boolean complete) {
            // The mapping is located at its first key, which reads better than its '{' or indent.
            SourceSpan where = entries.isEmpty() || !entries.get(0).key().span().position().equals(span.position())
                    ? span
                    : entries.get(0).key().span();
            return new Mapping(ImmutableList.copyOf(entries), where, complete);
        }
    }

    private static final class OpenSequence extends Open {
        private final List<YamlNode> items = new ArrayList<>();

        OpenSequence(SourceSpan span) {
            super(span);
        }

        @Override
        void add(YamlNode node) {
            items.add(node);
        }

        @Override
        YamlNode close(boolean complete) {
            return new Sequence(ImmutableList.copyOf(items), span, complete);
        }
    }
}
