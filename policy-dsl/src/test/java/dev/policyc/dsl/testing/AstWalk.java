package dev.policyc.dsl.testing;

import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.Node;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import java.util.stream.Stream;

/** Streams over the nodes of a unit, for assertions that look at every node of one kind. */
public final class AstWalk {

    private AstWalk() {}

    /** Every top-level item and, after each policy, the items of its body, in source order. */
    public static Stream<Node> statements(SourceUnit unit) {
        return unit.items().stream().flatMap(item -> item instanceof PolicyDecl policy
                ? Stream.concat(Stream.of(item), policy.items().stream())
                : Stream.of(item));
    }

    public static Stream<RuleDecl> rules(SourceUnit unit) {
        return statements(unit).filter(RuleDecl.class::isInstance).map(RuleDecl.class::cast);
    }

    /** The endpoints of every net define and every rule's peer. */
    public static Stream<EndpointNode> endpoints(SourceUnit unit) {
        return statements(unit).flatMap(item -> {
            if (item instanceof NetDefine net) {
                return net.endpoints().stream();
            } else if (item instanceof RuleDecl rule) {
                return rule.peer().stream().flatMap(peer -> peer.endpoints().stream());
            }
            return Stream.empty();
        });
    }

    /** The port items of every ports define and every rule. */
    public static Stream<PortItem> portItems(SourceUnit unit) {
        return statements(unit).flatMap(item -> {
            if (item instanceof PortsDefine define) {
                return define.ports().stream();
            } else if (item instanceof RuleDecl rule) {
                return rule.ports().stream();
            }
            return Stream.empty();
        });
    }
}
