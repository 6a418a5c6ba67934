package dev.policyc.dsl.testing;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.Located;
import dev.policyc.dsl.ast.Name;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.Peer;
import dev.policyc.dsl.ast.PeerKeyword;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.TopLevel;
import dev.policyc.dsl.ast.Trivia;
import java.util.List;
import java.util.Optional;

/**
 * Short factories for building ASTs by hand in tests, every node at {@link #SPAN}. Rules are built
 * fluently, part by part as they are written:
 *
 * <pre>{@code
 * Asts.allow().out().protocols(TCP).to(Asts.cidr("10.0.0.0/8")).ports(Asts.port("443")).build()
 * }</pre>
 */
public final class Asts {

    public static final String FILE = "test.policy";
    public static final SourceSpan SPAN = SourceSpan.at(FILE, 1, 1);

    private Asts() {}

    public static SourceUnit unit(TopLevel... items) {
        return unit(List.of(), items);
    }

    public static SourceUnit unit(List<String> endComments, TopLevel... items) {
        return new SourceUnit(FILE, ImmutableList.copyOf(items), ImmutableList.copyOf(endComments));
    }

    public static Include include(String path) {
        return include(Trivia.NONE, path);
    }

    public static Include include(Trivia trivia, String path) {
        return new Include(path, SPAN, SPAN, trivia);
    }

    public static NetDefine net(String name, EndpointNode... endpoints) {
        return net(Trivia.NONE, name, endpoints);
    }

    public static NetDefine net(Trivia trivia, String name, EndpointNode... endpoints) {
        return new NetDefine(new Name(name, SPAN), ImmutableList.copyOf(endpoints), SPAN, trivia);
    }

    public static PortsDefine ports(String name, PortItem... ports) {
        return ports(Trivia.NONE, name, ports);
    }

    public static PortsDefine ports(Trivia trivia, String name, PortItem... ports) {
        return new PortsDefine(new Name(name, SPAN), ImmutableList.copyOf(ports), SPAN, trivia);
    }

    public static PolicyDecl policy(String name, PolicyItem... items) {
        return policy(Trivia.NONE, name, List.of(), items);
    }

    public static PolicyDecl policy(Trivia trivia, String name, List<String> closingComments, PolicyItem... items) {
        return new PolicyDecl(new Name(name, SPAN), ImmutableList.copyOf(items), ImmutableList.copyOf(closingComments),
                SPAN, trivia);
    }

    /** {@code default VERDICT [DIRECTION] [log]}; {@code direction} null for both directions. */
    public static DefaultDecl defaultDecl(Verdict verdict, Direction direction, boolean log) {
        return defaultDecl(Trivia.NONE, verdict, direction, log);
    }

    public static DefaultDecl defaultDecl(Trivia trivia, Verdict verdict, Direction direction, boolean log) {
        return new DefaultDecl(verdict, Optional.ofNullable(direction), log, SPAN, trivia);
    }

    public static EndpointNode.Host host(String address) {
        return new EndpointNode.Host(address, SPAN);
    }

    public static EndpointNode.Cidr cidr(String prefix) {
        return new EndpointNode.Cidr(prefix, SPAN);
    }

    public static EndpointNode.Dns dns(String name) {
        return new EndpointNode.Dns(name, SPAN);
    }

    public static EndpointNode.Resolver resolver() {
        return new EndpointNode.Resolver(SPAN);
    }

    public static EndpointNode.Any any() {
        return new EndpointNode.Any(SPAN);
    }

    public static EndpointNode.Ref netRef(String name) {
        return new EndpointNode.Ref(name, SPAN);
    }

    public static PortItem.Single port(String number) {
        return new PortItem.Single(number, SPAN);
    }

    public static PortItem.Range range(String first, String last) {
        return new PortItem.Range(first, SPAN, last, SPAN, SPAN);
    }

    public static PortItem.Ref portRef(String name) {
        return new PortItem.Ref(name, SPAN);
    }

    /** Whole-line comments before a statement, each given without its {@code #}. */
    public static Trivia leading(String... comments) {
        return new Trivia(ImmutableList.copyOf(comments), Optional.empty(), false);
    }

    /** A comment after the statement on its line, given without its {@code #}. */
    public static Trivia trailing(String comment) {
        return new Trivia(ImmutableList.of(), Optional.of(comment), false);
    }

    /** An empty line before the statement. */
    public static Trivia blankLine() {
        return new Trivia(ImmutableList.of(), Optional.empty(), true);
    }

    public static RuleBuilder allow() {
        return new RuleBuilder(Verdict.ALLOW);
    }

    public static RuleBuilder deny() {
        return new RuleBuilder(Verdict.DENY);
    }

    /** Builds a {@link RuleDecl} with the parts given; parts not given are absent. */
    public static final class RuleBuilder {
        private final Verdict verdict;
        private Direction direction;
        private List<Protocol> protocols = List.of();
        private Peer peer;
        private List<PortItem> ports = List.of();
        private boolean log;
        private String comment;
        private Trivia trivia = Trivia.NONE;

        private RuleBuilder(Verdict verdict) {
            this.verdict = verdict;
        }

        public RuleBuilder in() {
            direction = Direction.IN;
            return this;
        }

        public RuleBuilder out() {
            direction = Direction.OUT;
            return this;
        }

        public RuleBuilder protocols(Protocol... named) {
            protocols = List.of(named);
            return this;
        }

        public RuleBuilder to(EndpointNode... endpoints) {
            peer = new Peer(new Located<>(PeerKeyword.TO, SPAN), ImmutableList.copyOf(endpoints));
            return this;
        }

        public RuleBuilder from(EndpointNode... endpoints) {
            peer = new Peer(new Located<>(PeerKeyword.FROM, SPAN), ImmutableList.copyOf(endpoints));
            return this;
        }

        public RuleBuilder ports(PortItem... items) {
            ports = List.of(items);
            return this;
        }

        public RuleBuilder log() {
            log = true;
            return this;
        }

        public RuleBuilder comment(String text) {
            comment = text;
            return this;
        }

        public RuleBuilder trivia(Trivia statementTrivia) {
            trivia = statementTrivia;
            return this;
        }

        public RuleDecl build() {
            return new RuleDecl(
                    new Located<>(verdict, SPAN),
                    Optional.ofNullable(direction).map(d -> new Located<>(d, SPAN)),
                    protocols.stream().map(p -> new Located<>(p, SPAN)).collect(ImmutableList.toImmutableList()),
                    Optional.ofNullable(peer),
                    ImmutableList.copyOf(ports),
                    ports.isEmpty() ? Optional.empty() : Optional.of(SPAN),
                    log ? Optional.of(SPAN) : Optional.empty(),
                    Optional.ofNullable(comment).map(c -> new Located<>(c, SPAN)),
                    SPAN,
                    trivia);
        }
    }
}
