package dev.policyc.dsl.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.SourceUnit;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random policies written by the grammar, with random blanks, line breaks and comments between
 * any two tokens, parse without a diagnostic into the statements written, and lose no comment.
 */
class ValidPolicyProperties {

    /** A statement as tokens; {@code items} is the number of items of a policy, else -1. */
    record Statement(List<String> tokens, int items) {}

    record Program(String text, List<Statement> statements, int comments) {}

    @Property(tries = 600)
    void writtenByTheGrammarMeansParsedCleanly(@ForAll("programs") Program program) {
        ParseResult result = DslParser.parse("gen.policy", program.text());
        assertEquals(List.of(), result.diagnostics(), program.text());
        SourceUnit unit = result.unit();
        assertEquals(program.statements().size(), unit.items().size(), program.text());
        List<Integer> expectedItems = program.statements().stream().filter(s -> s.items() >= 0).map(Statement::items).toList();
        assertEquals(expectedItems, unit.policies().stream().map(p -> p.items().size()).toList());
        assertEquals(program.comments(), countComments(unit), program.text());
        for (var span : SpanChecks.spans(unit)) {
            SpanChecks.assertInside("gen.policy", program.text(), span);
        }
    }

    @Provide
    Arbitrary<Program> programs() {
        Arbitrary<Statement> top = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, include()), net.jqwik.api.Tuple.of(3, define()), net.jqwik.api.Tuple.of(4, policy()));
        Arbitrary<List<String>> separators = Arbitraries.of(" ", " ", "\n", "\t", "  \n    ", "\n\n", " # c\n", "\n#\n")
                .list().ofSize(400);
        return Combinators.combine(top.list().ofMaxSize(6), separators).as((statements, seps) -> {
            StringBuilder text = new StringBuilder();
            int comments = 0;
            int i = 0;
            for (Statement s : statements) {
                for (String token : s.tokens()) {
                    String sep = seps.get(i++ % seps.size());
                    text.append(token).append(sep);
                    comments += sep.contains("#") ? 1 : 0;
                }
            }
            return new Program(text.toString(), statements, comments);
        });
    }

    private static Arbitrary<Statement> include() {
        return Arbitraries.of("\"a.policy\"", "\"dir/b \\\"q\\\".policy\"").map(p -> new Statement(List.of("include", p), -1));
    }

    private static Arbitrary<Statement> define() {
        Arbitrary<Statement> net = Combinators.combine(defineName(), endpoints())
                .as((n, e) -> new Statement(concat(List.of("define", "net", n, "="), e), -1));
        Arbitrary<Statement> ports = Combinators.combine(defineName(), ports())
                .as((n, p) -> new Statement(concat(List.of("define", "ports", n, "="), p), -1));
        return Arbitraries.oneOf(net, ports);
    }

    private static Arbitrary<Statement> policy() {
        Arbitrary<List<String>> item = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, define().map(Statement::tokens)),
                net.jqwik.api.Tuple.of(1, defaultDecl()),
                net.jqwik.api.Tuple.of(6, rule()));
        return Combinators.combine(policyName(), item.list().ofMaxSize(6)).as((name, items) -> {
            List<String> tokens = new ArrayList<>(List.of("policy", name, "{"));
            items.forEach(tokens::addAll);
            tokens.add("}");
            return new Statement(tokens, items.size());
        });
    }

    private static Arbitrary<List<String>> defaultDecl() {
        return Combinators.combine(Arbitraries.of("allow", "deny"), optional("in", "out"), optional("log"))
                .as((v, d, l) -> concat(List.of("default", v), d, l));
    }

    private static Arbitrary<List<String>> rule() {
        Arbitrary<List<String>> peer = Combinators.combine(Arbitraries.of("to", "from"), endpoints())
                .as((k, e) -> concat(List.of(k), e));
        Arbitrary<List<String>> portSpec = ports().map(p -> concat(List.of("port"), p));
        Arbitrary<List<String>> comment = Arbitraries.of("\"db\"", "\"with \\\\ and \\\"\"", "\"\"")
                .map(c -> List.of("comment", c));
        return Combinators.combine(Arbitraries.of("allow", "deny"), optional("in", "out"), maybe(protocols()),
                        maybe(peer), maybe(portSpec), optional("log"), maybe(comment))
                .as((v, d, pr, pe, po, l, c) -> concat(List.of(v), d, pr, pe, po, l, c));
    }

    private static Arbitrary<List<String>> protocols() {
        return list(Arbitraries.of("tcp", "udp", "icmp", "icmpv6").map(List::of));
    }

    private static Arbitrary<List<String>> endpoints() {
        Arbitrary<List<String>> one = Arbitraries.of(
                List.of("host", "192.0.2.1"), List.of("host", "2001:db8::1"), List.of("cidr", "10.0.0.0/8"),
                List.of("cidr", "2001:db8::/32"), List.of("dns", "\"api.example\""), List.of("resolver"), List.of("any"),
                List.of("$servers"), List.of("198.51.100.7"), List.of("cafe::1"), List.of("::1"), List.of("192.0.2.0/24"));
        return list(one);
    }

    private static Arbitrary<List<String>> ports() {
        Arbitrary<List<String>> one = Arbitraries.of(List.of("443"), List.of("8000", "-", "8080"), List.of("$web"),
                List.of("99999999999999999999"));
        return list(one);
    }

    /** One item, or several in braces. */
    private static Arbitrary<List<String>> list(Arbitrary<List<String>> item) {
        Arbitrary<List<String>> braced = item.list().ofMinSize(1).ofMaxSize(4).map(items -> {
            List<String> tokens = new ArrayList<>(List.of("{"));
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    tokens.add(",");
                }
                tokens.addAll(items.get(i));
            }
            tokens.add("}");
            return tokens;
        });
        return Arbitraries.oneOf(item, braced);
    }

    private static Arbitrary<String> policyName() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)
                .flatMap(s -> Arbitraries.of(s, s + "-2", s + "-x"))
                .filter(s -> !TokenKinds.KEYWORDS.containsKey(s));
    }

    private static Arbitrary<String> defineName() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)
                .map(s -> s + "_1");
    }

    private static Arbitrary<List<String>> optional(String... words) {
        List<List<String>> choices = new ArrayList<>();
        choices.add(List.of());
        for (String w : words) {
            choices.add(List.of(w));
        }
        return Arbitraries.of(choices);
    }

    private static Arbitrary<List<String>> maybe(Arbitrary<List<String>> part) {
        return Arbitraries.oneOf(Arbitraries.just(List.of()), part);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    private static int countComments(SourceUnit unit) {
        int count = unit.endComments().size();
        for (var item : unit.items()) {
            count += item.trivia().leading().size() + (item.trivia().trailing().isPresent() ? 1 : 0);
            if (item instanceof PolicyDecl p) {
                count += p.closingComments().size();
                for (var inner : p.items()) {
                    count += inner.trivia().leading().size() + (inner.trivia().trailing().isPresent() ? 1 : 0);
                }
            }
        }
        return count;
    }
}
