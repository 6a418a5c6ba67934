package dev.policyc.dsl.yaml;

import static dev.policyc.dsl.yaml.SpanEraser.NOWHERE;

import com.google.common.collect.ImmutableList;
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

/** Short constructors for expected ASTs, every span {@link SpanEraser#NOWHERE}. */
final class Ast {

    private Ast() {}

    static SourceUnit unit(TopLevel... items) {
        return new SourceUnit("-", ImmutableList.copyOf(items), ImmutableList.of());
    }

    static Include include(String path) {
        return new Include(path, NOWHERE, NOWHERE, Trivia.NONE);
    }

    static NetDefine net(String name, EndpointNode... endpoints) {
        return new NetDefine(new Name(name, NOWHERE), ImmutableList.copyOf(endpoints), NOWHERE, Trivia.NONE);
    }

    static PortsDefine ports(String name, PortItem... ports) {
        return new PortsDefine(new Name(name, NOWHERE), ImmutableList.copyOf(ports), NOWHERE, Trivia.NONE);
    }

    static PolicyDecl policy(String name, PolicyItem... items) {
        return new PolicyDecl(new Name(name, NOWHERE), ImmutableList.copyOf(items), ImmutableList.of(), NOWHERE,
                Trivia.NONE);
    }

    static DefaultDecl defaults(Verdict verdict, Direction direction, boolean log) {
        return new DefaultDecl(verdict, Optional.ofNullable(direction), log, NOWHERE, Trivia.NONE);
    }

    static EndpointNode host(String address) {
        return new EndpointNode.Host(address, NOWHERE);
    }

    static EndpointNode cidr(String prefix) {
        return new EndpointNode.Cidr(prefix, NOWHERE);
    }

    static EndpointNode dns(String name) {
        return new EndpointNode.Dns(name, NOWHERE);
    }

    static EndpointNode netRef(String name) {
        return new EndpointNode.Ref(name, NOWHERE);
    }

    static EndpointNode resolver() {
        return new EndpointNode.Resolver(NOWHERE);
    }

    static EndpointNode any() {
        return new EndpointNode.Any(NOWHERE);
    }

    static PortItem port(String number) {
        return new PortItem.Single(number, NOWHERE);
    }

    static PortItem range(String first, String last) {
        return new PortItem.Range(first, NOWHERE, last, NOWHERE, NOWHERE);
    }

    static PortItem portRef(String name) {
        return new PortItem.Ref(name, NOWHERE);
    }

    /** A rule builder: {@code rule(ALLOW).out().proto(TCP).to(host(..)).port(port("53")).build()}. */
    static RuleBuilder rule(Verdict verdict) {
        return new RuleBuilder(verdict);
    }

    static final class RuleBuilder {
        private final Verdict verdict;
        private Direction direction;
        private List<Protocol> protocols = List.of();
        private Peer peer;
        private List<PortItem> ports;
        private boolean log;
        private String comment;

        RuleBuilder(Verdict verdict) {
            this.verdict = verdict;
        }

        RuleBuilder direction(Direction d) {
            direction = d;
            return this;
        }

        RuleBuilder out() {
            return direction(Direction.OUT);
        }

        RuleBuilder in() {
            return direction(Direction.IN);
        }

        RuleBuilder proto(Protocol... p) {
            protocols = List.of(p);
            return this;
        }

        RuleBuilder to(EndpointNode... endpoints) {
            peer = new Peer(new Located<>(PeerKeyword.TO, NOWHERE), ImmutableList.copyOf(endpoints));
            return this;
        }

        RuleBuilder from(EndpointNode... endpoints) {
            peer = new Peer(new Located<>(PeerKeyword.FROM, NOWHERE), ImmutableList.copyOf(endpoints));
            return this;
        }

        RuleBuilder port(PortItem... items) {
            ports = List.of(items);
            return this;
        }

        RuleBuilder log() {
            log = true;
            return this;
        }

        RuleBuilder comment(String text) {
            comment = text;
            return this;
        }

        RuleDecl build() {
            return new RuleDecl(
                    new Located<>(verdict, NOWHERE),
                    Optional.ofNullable(direction).map(d -> new Located<>(d, NOWHERE)),
                    protocols.stream().map(p -> new Located<>(p, NOWHERE)).collect(ImmutableList.toImmutableList()),
                    Optional.ofNullable(peer),
                    ports == null ? ImmutableList.of() : ImmutableList.copyOf(ports),
                    ports == null ? Optional.empty() : Optional.of(NOWHERE),
                    log ? Optional.of(NOWHERE) : Optional.empty(),
                    Optional.ofNullable(comment).map(c -> new Located<>(c, NOWHERE)),
                    NOWHERE,
                    Trivia.NONE);
        }
    }
}
