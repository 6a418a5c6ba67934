package dev.policyc.dsl.testing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.Define;
import dev.policyc.dsl.ast.EndpointNode;
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
import dev.policyc.dsl.testing.Blueprint.DirectionForm;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link Blueprint.Unit} into a valid {@link SourceUnit}, deterministically. It walks the
 * choices in source order with the defines visible so far, and keeps the AST valid:
 * references only to earlier defines of the same kind (so no cycle), names unique across the
 * unit (so no shadowing warning either), at most one default per direction, ports only where
 * every protocol is tcp or udp, and icmp or icmpv6 only with endpoints of their family.
 */
final class UnitBuilder {

    /** The families a net define's endpoints can stand for; only literal endpoints are sure of theirs. */
    private record Families(Set<Family> families, boolean onlyLiterals) {
        static final Families UNKNOWN = new Families(EnumSet.allOf(Family.class), false);

        Families plus(Families other) {
            return new Families(Sets.union(families, other.families).immutableCopy(), onlyLiterals && other.onlyLiterals);
        }

        boolean onlyOf(Family family) {
            return onlyLiterals && families.equals(EnumSet.of(family));
        }
    }

    private record Resolved(EndpointNode node, Families families) {}

    private final SourceSpan span;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedPolicyNames = new HashSet<>();

    private UnitBuilder(SourceSpan span) {
        this.span = span;
    }

    static SourceUnit build(Blueprint.Unit unit, SourceSpan span) {
        return new UnitBuilder(span).unit(unit);
    }

    /** The defines a statement can refer to: those written before it, in this file or policy. */
    private static final class Scope {
        final List<String> nets = new ArrayList<>();
        final Map<String, Families> netFamilies = new HashMap<>();
        final List<String> ports = new ArrayList<>();

        Scope copy() {
            Scope copy = new Scope();
            copy.nets.addAll(nets);
            copy.netFamilies.putAll(netFamilies);
            copy.ports.addAll(ports);
            return copy;
        }
    }

    private SourceUnit unit(Blueprint.Unit unit) {
        Scope fileScope = new Scope();
        List<TopLevel> items = new ArrayList<>();
        for (Blueprint.Group group : unit.groups()) {
            group.definesBefore().forEach(d -> items.add((TopLevel) define(d, fileScope)));
            items.add(policy(group.policy(), fileScope.copy()));
        }
        unit.trailingDefines().forEach(d -> items.add((TopLevel) define(d, fileScope)));
        return new SourceUnit(span.file(), ImmutableList.copyOf(items), ImmutableList.copyOf(unit.endComments()));
    }

    private PolicyDecl policy(Blueprint.PolicyChoice policy, Scope scope) {
        List<PolicyItem> items = new ArrayList<>();
        Set<Direction> defaulted = EnumSet.noneOf(Direction.class);
        for (Blueprint.Item item : policy.items()) {
            if (item instanceof Blueprint.DefineChoice define) {
                items.add((PolicyItem) define(define, scope));
            } else if (item instanceof Blueprint.DefaultChoice choice) {
                Set<Direction> sets = choice.direction().map(EnumSet::of).orElse(EnumSet.allOf(Direction.class));
                if (Sets.intersection(sets, defaulted).isEmpty()) {
                    defaulted.addAll(sets);
                    items.add(new DefaultDecl(choice.verdict(), choice.direction(), choice.log(), span, choice.trivia()));
                }
            } else if (item instanceof Blueprint.RuleChoice rule) {
                items.add(rule(rule, scope));
            }
        }
        return new PolicyDecl(new Name(unique(policy.name(), usedPolicyNames, "-", 24), span),
                ImmutableList.copyOf(items), ImmutableList.copyOf(policy.closingComments()), span, policy.trivia());
    }

    private Define define(Blueprint.DefineChoice choice, Scope scope) {
        if (choice instanceof Blueprint.NetDefineChoice net) {
            List<Resolved> endpoints = distinct(net.endpoints().stream().map(e -> endpoint(e, scope)).toList());
            Families families = endpoints.stream().map(Resolved::families).reduce(Families::plus).orElseThrow();
            String name = unique(net.name(), usedNames, "_", 32);
            scope.nets.add(name);
            scope.netFamilies.put(name, families);
            return new NetDefine(new Name(name, span), nodes(endpoints), span, net.trivia());
        }
        Blueprint.PortsDefineChoice ports = (Blueprint.PortsDefineChoice) choice;
        ImmutableList<PortItem> items = ports(ports.ports(), scope);
        String name = unique(ports.name(), usedNames, "_", 32);
        scope.ports.add(name);
        return new PortsDefine(new Name(name, span), items, span, ports.trivia());
    }

    private RuleDecl rule(Blueprint.RuleChoice rule, Scope scope) {
        Blueprint.RuleHead head = rule.head();
        List<Protocol> protocols = head.protocols();
        DirectionForm form = head.form();
        List<Resolved> peer = List.of();
        if (form != DirectionForm.KEYWORD_ONLY) {
            peer = distinct(rule.peer().stream().map(e -> endpoint(e, scope))
                    .filter(e -> fitsProtocols(e, protocols)).toList());
            if (peer.isEmpty()) {
                if (form == DirectionForm.PEER_ONLY) {
                    peer = List.of(new Resolved(new EndpointNode.Any(span), Families.UNKNOWN));
                } else {
                    form = DirectionForm.KEYWORD_ONLY;
                }
            }
        }
        boolean portsAllowed = !protocols.isEmpty() && protocols.stream().allMatch(Protocol::hasPorts);
        ImmutableList<PortItem> ports = portsAllowed ? ports(rule.ports(), scope) : ImmutableList.of();
        PeerKeyword keyword = head.direction() == Direction.OUT ? PeerKeyword.TO : PeerKeyword.FROM;
        return new RuleDecl(
                new Located<>(head.verdict(), span),
                form == DirectionForm.PEER_ONLY ? Optional.empty() : Optional.of(new Located<>(head.direction(), span)),
                protocols.stream().map(p -> new Located<>(p, span)).collect(ImmutableList.toImmutableList()),
                form == DirectionForm.KEYWORD_ONLY ? Optional.empty()
                        : Optional.of(new Peer(new Located<>(keyword, span), nodes(peer))),
                ports,
                ports.isEmpty() ? Optional.empty() : Optional.of(span),
                rule.log() ? Optional.of(span) : Optional.empty(),
                rule.comment().map(c -> new Located<>(c, span)),
                span,
                rule.trivia());
    }

    /** icmp needs IPv4 endpoints and icmpv6 IPv6 ones; {@code any} goes with both. */
    private static boolean fitsProtocols(Resolved endpoint, List<Protocol> protocols) {
        if (endpoint.node() instanceof EndpointNode.Any) {
            return true;
        }
        for (Protocol protocol : protocols) {
            Optional<Family> only = protocol.family();
            if (only.isPresent() && !endpoint.families().onlyOf(only.get())) {
                return false;
            }
        }
        return true;
    }

    private Resolved endpoint(Blueprint.EndpointChoice choice, Scope scope) {
        if (choice instanceof Blueprint.Literal literal) {
            EndpointNode node = literal.isPrefix()
                    ? new EndpointNode.Cidr(literal.text(), span) : new EndpointNode.Host(literal.text(), span);
            return new Resolved(node, new Families(EnumSet.of(literal.family()), true));
        } else if (choice instanceof Blueprint.Dns dns) {
            return new Resolved(new EndpointNode.Dns(dns.name(), span), Families.UNKNOWN);
        } else if (choice instanceof Blueprint.Resolver) {
            return new Resolved(new EndpointNode.Resolver(span), Families.UNKNOWN);
        } else if (choice instanceof Blueprint.Any) {
            return new Resolved(new EndpointNode.Any(span), Families.UNKNOWN);
        }
        Blueprint.NetRef ref = (Blueprint.NetRef) choice;
        if (scope.nets.isEmpty()) {
            return endpoint(ref.fallback(), scope);
        }
        String name = scope.nets.get(Math.floorMod(ref.pick(), scope.nets.size()));
        return new Resolved(new EndpointNode.Ref(name, span), scope.netFamilies.get(name));
    }

    private ImmutableList<PortItem> ports(List<Blueprint.PortChoice> choices, Scope scope) {
        Set<PortItem> items = new LinkedHashSet<>();
        for (Blueprint.PortChoice choice : choices) {
            items.add(port(choice, scope));
        }
        return ImmutableList.copyOf(items);
    }

    private PortItem port(Blueprint.PortChoice choice, Scope scope) {
        if (choice instanceof Blueprint.SinglePort single) {
            return new PortItem.Single(Integer.toString(single.port()), span);
        } else if (choice instanceof Blueprint.PortRange range) {
            return new PortItem.Range(Integer.toString(range.first()), span, Integer.toString(range.last()), span, span);
        }
        Blueprint.PortsRef ref = (Blueprint.PortsRef) choice;
        if (scope.ports.isEmpty()) {
            return new PortItem.Single(Integer.toString(ref.fallback()), span);
        }
        return new PortItem.Ref(scope.ports.get(Math.floorMod(ref.pick(), scope.ports.size())), span);
    }

    /** Drops repeated endpoints (same kind and text), which say nothing and might draw a warning. */
    private static List<Resolved> distinct(List<Resolved> endpoints) {
        Map<EndpointNode, Resolved> byNode = new LinkedHashMap<>();
        endpoints.forEach(e -> byNode.putIfAbsent(e.node(), e));
        return List.copyOf(byNode.values());
    }

    private static ImmutableList<EndpointNode> nodes(List<Resolved> endpoints) {
        return endpoints.stream().map(Resolved::node).collect(ImmutableList.toImmutableList());
    }

    /** {@code wanted}, or a variant of it with a numeric suffix that keeps to the length limit. */
    private static String unique(String wanted, Set<String> used, String separator, int maxLength) {
        String name = wanted;
        for (int n = 2; !used.add(name); n++) {
            String suffix = separator + n;
            name = wanted.substring(0, Math.min(wanted.length(), maxLength - suffix.length())) + suffix;
        }
        return name;
    }
}
