package dev.policyc.dsl.yaml;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;

/**
 * A YAML document as read, with where each part is: the small tree between Jackson's token
 * stream and the policy AST. Keeping it separate lets {@link YamlTreeReader} deal with YAML
 * (syntax, duplicate keys, aliases) and {@link UnitReader} with the policy format only.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

    SourceSpan span();

    /** What the node is, for messages: "a list", "a mapping", "text", ... */
    String describe();

    /** How YAML typed a scalar. Policies mostly use the text whatever the type. */
    enum ScalarType {
        TEXT("text"),
        INTEGER("a number"),
        DECIMAL("a number"),
        TRUE("true/false"),
        FALSE("true/false"),
        NULL("nothing"),
        /** An alias ({@code *name}) or text with a lone surrogate: already reported, skipped silently. */
        REJECTED("a rejected value"),
        /** A tagged value such as {@code !!binary}. */
        OTHER("a tagged value");

        private final String description;

        ScalarType(String description) {
            this.description = description;
        }
    }

    /**
     * A scalar.
     *
     * @param text          the value's text as YAML gives it (for numbers and booleans, as written)
     * @param contentColumn how many UTF-16 units after {@code span}'s column the text starts in
     *                      the source (0 plain, 1 quoted), or -1 when the text is not a verbatim
     *                      copy of the source (escapes, folding, tags), so that no sub-span can be
     *                      computed
     */
    record Scalar(String text, ScalarType type, SourceSpan span, int contentColumn) implements YamlNode {

        /**
         * True for {@code ~}, {@code null} and a value left empty ({@code key:}), but not for
         * the quoted empty text {@code ""}.
         */
        boolean isNothing() {
            return type == ScalarType.NULL || (type == ScalarType.TEXT && text.isEmpty() && contentColumn == 0);
        }

        /** The span of {@code length} characters at {@code start} in {@link #text}, or the whole scalar. */
        SourceSpan part(int start, int length) {
            if (contentColumn < 0) {
                return span;
            }
            return new SourceSpan(span.file(), span.line(), span.column() + contentColumn + start, length);
        }

        @Override
        public String describe() {
            if (type == ScalarType.TEXT && text.isEmpty()) {
                return isNothing() ? "nothing" : "an empty text";
            }
            return type.description;
        }
    }

    /** One {@code key: value} of a mapping. */
    record Entry(Scalar key, YamlNode value) {}

    /**
     * A mapping, its entries in source order without duplicates.
     *
     * @param complete false when a syntax error cut it short
     */
    record Mapping(ImmutableList<Entry> entries, SourceSpan span, boolean complete) implements YamlNode {
        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A sequence; {@code complete} as for {@link Mapping}. */
    record Sequence(ImmutableList<YamlNode> items, SourceSpan span, boolean complete) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }
    }
}
