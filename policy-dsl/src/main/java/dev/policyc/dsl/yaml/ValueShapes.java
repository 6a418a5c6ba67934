package dev.policyc.dsl.yaml;

import com.google.common.collect.ImmutableList;
import dev.policyc.dsl.yaml.YamlNode.Entry;
import dev.policyc.dsl.yaml.YamlNode.Mapping;
import dev.policyc.dsl.yaml.YamlNode.Scalar;
import dev.policyc.dsl.yaml.YamlNode.ScalarType;
import dev.policyc.dsl.yaml.YamlNode.Sequence;
import java.util.Optional;
import java.util.function.Function;

/**
 * The shapes that values of the format take: "one item or a list of items", "a mapping of
 * names", "one line of text". Reports a value of the wrong shape and says whether all was well.
 */
final class ValueShapes {

    /**
     * The items read from a value.
     *
     * @param values the items that could be read
     * @param clean  true when the value had no problem at all
     */
    record Items<T>(ImmutableList<T> values, boolean clean) {}

    private final SchemaProblems problems;

    ValueShapes(SchemaProblems problems) {
        this.problems = problems;
    }

    /**
     * One item or a list of items, never empty (the language has no empty lists).
     *
     * @param what   the key, for messages ({@code "to"}, {@code "net cloudflare"})
     * @param noun   what an item is ({@code "endpoint"})
     */
    <T> Items<T> items(YamlNode node, String what, String noun, Function<Scalar, Optional<T>> read) {
        String plural = noun + "s";
        if (node instanceof Scalar scalar) {
            if (scalar.isNothing()) {
                problems.error(scalar.span(), what + " needs at least one " + noun + ", found nothing", null);
                return new Items<>(ImmutableList.of(), false);
            }
            Optional<T> one = read.apply(scalar);
            return new Items<>(one.map(ImmutableList::of).orElse(ImmutableList.of()), one.isPresent());
        }
        if (node instanceof Sequence sequence) {
            if (!sequence.complete()) {
                // Cut short by a syntax error, already reported: its last item may have swallowed
                // the text after it, so none of it is trusted or checked.
                return new Items<>(ImmutableList.of(), false);
            }
            if (sequence.items().isEmpty()) {
                problems.error(sequence.span(), what + " needs at least one " + noun + ", found an empty list", null);
                return new Items<>(ImmutableList.of(), false);
            }
            ImmutableList.Builder<T> values = ImmutableList.builder();
            boolean clean = true;
            for (YamlNode item : sequence.items()) {
                Optional<T> value = Optional.empty();
                if (item instanceof Scalar scalar) {
                    value = read.apply(scalar);
                } else {
                    problems.wrongType(item, "each item of " + what, withArticle(noun),
                            "a list of " + plural + " is flat: [a, b, c]");
                }
                value.ifPresent(values::add);
                clean &= value.isPresent();
            }
            return new Items<>(values.build(), clean);
        }
        problems.wrongType(node, what, withArticle(noun) + " or a list of " + plural, null);
        return new Items<>(ImmutableList.of(), false);
    }

    private static String withArticle(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    /** The entries of a mapping of names; nothing counts as an empty mapping. */
    ImmutableList<Entry> entries(YamlNode node, String what, String expected) {
        if (node instanceof Mapping mapping) {
            return mapping.entries();
        }
        if (!(node instanceof Scalar scalar && scalar.isNothing())) {
            problems.wrongType(node, what, expected, null);
        }
        return ImmutableList.of();
    }

    /**
     * Text that must fit on one line, as every string of the DSL does: a comment or an
     * include path. An empty text is fine (the DSL can write {@code ""}); nothing is not.
     */
    Optional<String> lineOfText(Scalar s, String what) {
        if (s.type() == ScalarType.REJECTED) {
            return Optional.empty();
        }
        if (s.isNothing() || s.type() == ScalarType.OTHER) {
            problems.error(s.span(), what + " takes text, not " + s.describe(),
                    s.isNothing() ? "write \"\" for an empty text, or leave the key out" : "remove the !tag");
            return Optional.empty();
        }
        if (s.text().chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029)) {
            problems.error(s.span(), what + " must be a single line of text",
                    "remove the line breaks; strings of the policy language cannot hold them");
        }
        return Optional.of(s.text());
    }
}
