package dev.policyc.dsl.yaml;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Located;
import dev.policyc.dsl.ast.Peer;
import dev.policyc.dsl.ast.PeerKeyword;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.Trivia;
import dev.policyc.dsl.yaml.ValueShapes.Items;
import dev.policyc.dsl.yaml.YamlNode.Entry;
import dev.policyc.dsl.yaml.YamlNode.Mapping;
import dev.policyc.dsl.yaml.YamlNode.Scalar;
import dev.policyc.dsl.yaml.YamlNode.ScalarType;
import java.util.List;
import java.util.Optional;

/**
 * Reads one rule mapping ({@code {allow: out, proto: tcp, to: ..., port: ..., log: ..., comment: ...}})
 * into a {@link RuleDecl}, as written: nothing is implied or checked beyond the format.
 *
 * <p>A rule with a part that cannot be read is reported and left out of the AST, so that the
 * checker does not add confusing errors about a rule the user did not write (a misspelt
 * {@code prot: tcp} would otherwise leave a rule for every protocol).
 */
final class RuleReader {

    static final List<String> KEYS = List.of("allow", "deny", "proto", "to", "from", "port", "log", "comment");
    private static final String VERDICT_HINT =
            "start the rule with allow: or deny:, followed by in, out, or nothing when to: or from: says it";

    private final SchemaProblems problems;
    private final PolicyWords words;
    private final ValueShapes shapes;

    RuleReader(SchemaProblems problems, PolicyWords words, ValueShapes shapes) {
        this.problems = problems;
        this.words = words;
        this.shapes = shapes;
    }

    Optional<RuleDecl> read(Mapping rule) {
        if (!rule.complete()) {
            // Cut short by a syntax error, already reported: parts may be missing or have
            // swallowed the text after them, so the rule is neither trusted nor checked.
            return Optional.empty();
        }
        Located<Verdict> verdict = null;
        Optional<Located<Direction>> direction = Optional.empty();
        ImmutableList<Located<Protocol>> protocols = ImmutableList.of();
        Optional<Peer> peer = Optional.empty();
        ImmutableList<PortItem> ports = ImmutableList.of();
        Optional<SourceSpan> portKeyword = Optional.empty();
        Optional<SourceSpan> log = Optional.empty();
        Optional<Located<String>> comment = Optional.empty();
        boolean clean = true;
        for (Entry entry : rule.entries()) {
            Scalar key = entry.key();
            YamlNode value = entry.value();
            switch (key.text()) {
                case "allow", "deny" -> {
                    if (verdict != null) {
                        problems.error(key.span(), "a rule has either allow or deny, not both",
                                "split it into two rules");
                        clean = false;
                    } else {
                        verdict = new Located<>(Verdict.ofKeyword(key.text()), key.span());
                        Optional<Optional<Located<Direction>>> read = direction(key.text(), value);
                        clean &= read.isPresent();
                        direction = read.orElse(Optional.empty());
                    }
                }
                case "proto" -> {
                    Items<Located<Protocol>> read = shapes.items(value, "proto", "protocol", words::protocol);
                    protocols = read.values();
                    clean &= read.clean();
                }
                case "to", "from" -> {
                    if (peer.isPresent()) {
                        problems.error(key.span(), "a rule has either to or from, not both",
                                "to names where an outgoing flow goes, from where an incoming one comes from;"
                                        + " split it into two rules");
                        clean = false;
                    } else {
                        PeerKeyword keyword = key.text().equals("to") ? PeerKeyword.TO : PeerKeyword.FROM;
                        Items<EndpointNode> read = shapes.items(value, key.text(), "endpoint", words::endpoint);
                        peer = Optional.of(new Peer(new Located<>(keyword, key.span()), read.values()));
                        clean &= read.clean();
                    }
                }
                case "port" -> {
                    Items<PortItem> read = shapes.items(value, "port", "port", words::port);
                    portKeyword = Optional.of(key.span());
                    ports = read.values();
                    clean &= read.clean();
                }
                case "log" -> {
                    boolean flag = value instanceof Scalar s
                            && (s.type() == ScalarType.TRUE || s.type() == ScalarType.FALSE);
                    if (flag) {
                        log = ((Scalar) value).type() == ScalarType.TRUE ? Optional.of(key.span()) : Optional.empty();
                    } else {
                        clean = false;
                        problems.wrongType(value, "log", "true or false", "write log: true");
                    }
                }
                case "comment" -> {
                    Optional<String> text = Optional.empty();
                    if (value instanceof Scalar s) {
                        text = shapes.lineOfText(s, "comment");
                    } else {
                        problems.wrongType(value, "comment", "text", null);
                    }
                    comment = text.map(t -> new Located<>(t, value.span()));
                    clean &= text.isPresent();
                }
                default -> {
                    problems.unknownKey(key, "in a rule", KEYS);
                    clean = false;
                }
            }
        }
        if (verdict == null) {
            problems.error(rule.span(), "a rule needs allow or deny", VERDICT_HINT);
            return Optional.empty();
        }
        if (!clean) {
            return Optional.empty();
        }
        return Optional.of(new RuleDecl(verdict, direction, protocols, peer, ports, portKeyword, log, comment,
                verdict.span(), Trivia.NONE));
    }

    /** The direction after allow/deny: empty when nothing is written, absent after an error. */
    private Optional<Optional<Located<Direction>>> direction(String verdict, YamlNode value) {
        if (value instanceof Scalar s) {
            if (s.type() == ScalarType.REJECTED) {
                return Optional.empty();
            }
            if (s.isNothing() || (s.type() == ScalarType.TEXT && s.text().isEmpty())) {
                return Optional.of(Optional.empty());
            }
            Direction direction = Direction.ofKeyword(s.text().strip());
            if (direction != null && s.type() == ScalarType.TEXT) {
                return Optional.of(Optional.of(new Located<>(direction, s.span())));
            }
        }
        problems.error(value.span(), verdict + " takes in, out, or nothing, not "
                + (value instanceof Scalar s ? "\"" + s.text() + "\"" : value.describe()), VERDICT_HINT);
        return Optional.empty();
    }
}
