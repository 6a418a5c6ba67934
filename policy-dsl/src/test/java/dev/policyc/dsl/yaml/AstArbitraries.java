package dev.policyc.dsl.yaml;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.TopLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random ASTs in the writer's canonical order (each kind grouped, as YAML keeps them), with
 * valid names and free-form strings: any well-formed text in comments, include paths and dns
 * names, one printable word for addresses and prefixes (which the DSL also takes as one token).
 */
final class AstArbitraries {

    /** Characters that trouble YAML or the format, drawn often. */
    private static final String NASTY = " \t\n\r\u0085\u2028\u2029\"'\\#:-[]{},&*!|>%@`?~$/.\u0000\u0007\u007f\uFEFF";

    private AstArbitraries() {}

    static Arbitrary<SourceUnit> units() {
        Arbitrary<List<Include>> includes = text().map(Ast::include).list().ofMaxSize(2);
        Arbitrary<List<PolicyDecl>> policies = policies().list().ofMaxSize(3).uniqueElements(p -> p.name().text());
        return Combinators.combine(includes, nets(), portDefines(), policies).as((i, n, p, pol) -> {
            List<TopLevel> items = new ArrayList<>();
            items.addAll(i);
            items.addAll(n);
            items.addAll(p);
            items.addAll(pol);
            return new SourceUnit("-", ImmutableList.copyOf(items), ImmutableList.of());
        });
    }

    /** Any well-formed text, nasty characters often, sometimes beyond the BMP. */
    static Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(4, Arbitraries.of(NASTY.chars().boxed().toList())),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x10FFFF)
                        .filter(cp -> cp < 0xD800 || cp > 0xDFFF)));
        return codePoint.list().ofMaxSize(12).map(cps -> {
            StringBuilder text = new StringBuilder();
            cps.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    private static Arbitrary<String> defineName() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789_").ofMaxLength(8)
                .map(tail -> "n" + tail);
    }

    private static Arbitrary<String> policyName() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789-").ofMaxLength(8)
                .map(tail -> "p" + tail);
    }

    /** One printable ASCII word, as an address or prefix token is. */
    private static Arbitrary<String> word() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(16);
    }

    static Arbitrary<EndpointNode> endpoint() {
        return Arbitraries.oneOf(
                word().map(Ast::host),
                word().map(w -> Ast.cidr(w + "/24")),
                text().map(Ast::dns),
                defineName().map(Ast::netRef),
                Arbitraries.just(Ast.resolver()),
                Arbitraries.just(Ast.any()));
    }

    static Arbitrary<PortItem> portItem() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(7);
        return Arbitraries.oneOf(
                digits.map(Ast::port),
                Combinators.combine(digits, digits).as(Ast::range),
                defineName().map(Ast::portRef));
    }

    private static Arbitrary<List<NetDefine>> nets() {
        return Combinators.combine(defineName(), endpoint().list().ofMinSize(1).ofMaxSize(4))
                .as((name, endpoints) -> Ast.net(name, endpoints.toArray(EndpointNode[]::new)))
                .list().ofMaxSize(3).uniqueElements(d -> d.name().text());
    }

    private static Arbitrary<List<PortsDefine>> portDefines() {
        return Combinators.combine(defineName(), portItem().list().ofMinSize(1).ofMaxSize(4))
                .as((name, ports) -> Ast.ports(name, ports.toArray(PortItem[]::new)))
                .list().ofMaxSize(2).uniqueElements(d -> d.name().text());
    }

    private static Arbitrary<DefaultDecl> defaultDecl() {
        return Combinators.combine(Arbitraries.of(Verdict.class), Arbitraries.of(Direction.class).injectNull(0.4),
                Arbitraries.of(true, false)).as(Ast::defaults);
    }

    static Arbitrary<RuleDecl> rule() {
        Arbitrary<Optional<Direction>> direction = Arbitraries.of(Direction.class).optional();
        Arbitrary<List<Protocol>> protocols = Arbitraries.of(Protocol.class).list().ofMaxSize(3);
        Arbitrary<Optional<List<EndpointNode>>> peer = endpoint().list().ofMinSize(1).ofMaxSize(3).optional();
        Arbitrary<Optional<List<PortItem>>> ports = portItem().list().ofMinSize(1).ofMaxSize(3).optional();
        Arbitrary<Optional<String>> comment = text().optional();
        return Combinators.combine(Arbitraries.of(Verdict.class), direction, protocols, Arbitraries.of(true, false),
                peer, ports, Arbitraries.of(true, false), comment).as((verdict, dir, protos, to, endpoints, portList,
                        log, text) -> {
                    Ast.RuleBuilder rule = Ast.rule(verdict).proto(protos.toArray(Protocol[]::new));
                    dir.ifPresent(rule::direction);
                    endpoints.ifPresent(e -> {
                        if (to) {
                            rule.to(e.toArray(EndpointNode[]::new));
                        } else {
                            rule.from(e.toArray(EndpointNode[]::new));
                        }
                    });
                    portList.ifPresent(p -> rule.port(p.toArray(PortItem[]::new)));
                    if (log) {
                        rule.log();
                    }
                    text.ifPresent(rule::comment);
                    return rule.build();
                });
    }

    private static Arbitrary<PolicyDecl> policies() {
        return Combinators.combine(policyName(), nets(), portDefines(), defaultDecl().list().ofMaxSize(2),
                rule().list().ofMaxSize(4)).as((name, nets, ports, defaults, rules) -> {
                    List<PolicyItem> items = new ArrayList<>();
                    items.addAll(nets);
                    items.addAll(ports);
                    items.addAll(defaults);
                    items.addAll(rules);
                    return Ast.policy(name, items.toArray(PolicyItem[]::new));
                });
    }
}
