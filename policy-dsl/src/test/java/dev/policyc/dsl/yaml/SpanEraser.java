package dev.policyc.dsl.yaml;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.Located;
import dev.policyc.dsl.ast.Name;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.Peer;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.TopLevel;
import dev.policyc.dsl.ast.Trivia;

/** Rebuilds an AST with one fixed span, no trivia and one file name, so that ASTs compare by content. */
final class SpanEraser {

    static final SourceSpan NOWHERE = SourceSpan.at("-", 1, 1);

    private SpanEraser() {}

    static SourceUnit erase(SourceUnit unit) {
        return new SourceUnit("-", unit.items().stream().map(SpanEraser::topLevel)
                .collect(ImmutableList.toImmutableList()), ImmutableList.of());
    }

    private static TopLevel topLevel(TopLevel item) {
        if (item instanceof Include include) {
            return new Include(include.path(), NOWHERE, NOWHERE, Trivia.NONE);
        }
        if (item instanceof PolicyDecl policy) {
            return new PolicyDecl(name(policy.name()), policy.items().stream().map(SpanEraser::policyItem)
                    .collect(ImmutableList.toImmutableList()), ImmutableList.of(), NOWHERE, Trivia.NONE);
        }
        return (TopLevel) policyItem((PolicyItem) item);
    }

    private static PolicyItem policyItem(PolicyItem item) {
        if (item instanceof NetDefine net) {
            return new NetDefine(name(net.name()), net.endpoints().stream().map(SpanEraser::endpoint)
                    .collect(ImmutableList.toImmutableList()), NOWHERE, Trivia.NONE);
        }
        if (item instanceof PortsDefine ports) {
            return new PortsDefine(name(ports.name()), ports.ports().stream().map(SpanEraser::port)
                    .collect(ImmutableList.toImmutableList()), NOWHERE, Trivia.NONE);
        }
        if (item instanceof DefaultDecl d) {
            return new DefaultDecl(d.verdict(), d.direction(), d.log(), NOWHERE, Trivia.NONE);
        }
        RuleDecl r = (RuleDecl) item;
        return new RuleDecl(
                located(r.verdict()),
                r.direction().map(SpanEraser::located),
                r.protocols().stream().map(SpanEraser::located).collect(ImmutableList.toImmutableList()),
                r.peer().map(p -> new Peer(located(p.keyword()), p.endpoints().stream().map(SpanEraser::endpoint)
                        .collect(ImmutableList.toImmutableList()))),
                r.ports().stream().map(SpanEraser::port).collect(ImmutableList.toImmutableList()),
                r.portKeyword().map(s -> NOWHERE),
                r.log().map(s -> NOWHERE),
                r.comment().map(SpanEraser::located),
                NOWHERE,
                Trivia.NONE);
    }

    private static Name name(Name name) {
        return new Name(name.text(), NOWHERE);
    }

    private static <T> Located<T> located(Located<T> located) {
        return new Located<>(located.value(), NOWHERE);
    }

    static EndpointNode endpoint(EndpointNode e) {
        if (e instanceof EndpointNode.Host h) {
            return new EndpointNode.Host(h.address(), NOWHERE);
        }
        if (e instanceof EndpointNode.Cidr c) {
            return new EndpointNode.Cidr(c.prefix(), NOWHERE);
        }
        if (e instanceof EndpointNode.Dns d) {
            return new EndpointNode.Dns(d.name(), NOWHERE);
        }
        if (e instanceof EndpointNode.Ref r) {
            return new EndpointNode.Ref(r.name(), NOWHERE);
        }
        return e instanceof EndpointNode.Any ? new EndpointNode.Any(NOWHERE) : new EndpointNode.Resolver(NOWHERE);
    }

    static PortItem port(PortItem p) {
        if (p instanceof PortItem.Single s) {
            return new PortItem.Single(s.number(), NOWHERE);
        }
        if (p instanceof PortItem.Range r) {
            return new PortItem.Range(r.first(), NOWHERE, r.last(), NOWHERE, NOWHERE);
        }
        return new PortItem.Ref(((PortItem.Ref) p).name(), NOWHERE);
    }
}
