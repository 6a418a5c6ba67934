package dev.policyc.dsl.yaml;

import com.google.common.collect.ImmutableList;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.TopLevel;
import java.util.List;
import java.util.stream.Stream;

/** An AST regrouped the way YAML holds it: each kind together, in the writer's key order. */
final class CanonicalOrder {

    private CanonicalOrder() {}

    static SourceUnit of(SourceUnit unit) {
        List<TopLevel> items = unit.items();
        Stream<TopLevel> policies = ofType(items, PolicyDecl.class).map(p -> new PolicyDecl(p.name(),
                Stream.of(ofType(p.items(), NetDefine.class), ofType(p.items(), PortsDefine.class),
                                ofType(p.items(), DefaultDecl.class), ofType(p.items(), RuleDecl.class))
                        .flatMap(s -> s.map(PolicyItem.class::cast)).collect(ImmutableList.toImmutableList()),
                p.closingComments(), p.span(), p.trivia()));
        return new SourceUnit(unit.file(), Stream.of(ofType(items, Include.class), ofType(items, NetDefine.class),
                        ofType(items, PortsDefine.class), policies)
                .flatMap(s -> s.map(TopLevel.class::cast)).collect(ImmutableList.toImmutableList()),
                unit.endComments());
    }

    private static <T> Stream<T> ofType(List<?> items, Class<T> type) {
        return items.stream().filter(type::isInstance).map(type::cast);
    }
}
