package dev.policyc.dsl.testing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
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

    private final String file;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedPolicyNames = new HashSet<>();
    private int line;
    private int column;

    private UnitBuilder(String file) {
        this.file = file;
    }

    static SourceUnit build(Blueprint.Unit unit, String file) {
        return new UnitBuilder(file).unit(unit);
    }

    /**
     * The span of the next statement: each on a line of its own. Spans need not match any text,
     * but distinct ones keep distinct nodes unequal, as they are in a parsed file.
     */
    private SourceSpan statement() {
        line++;
        column = 1;
        return SourceSpan.at(file, line, column);
    }

    /** The span of the next part of the current statement, further right. */
    private SourceSpan part() {
        column += 2;
        return SourceSpan.at(file, line, column);
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
        return new SourceUnit(file, ImmutableList.copyOf(items), ImmutableList.copyOf(unit.endComments()));
    }

    private PolicyDecl policy(Blueprint.PolicyChoice policy, Scope scope) {
        SourceSpan header = statement();
        Name name = new Name(unique(policy.name(), usedPolicyNames, "-", 24), part());
        List<PolicyItem> items = new ArrayList<>();
        Set<Direction> defaulted = EnumSet.noneOf(Direction.class);
        for (Blueprint.Item item : policy.items()) {
            if (item instanceof Blueprint.DefineChoice define) {
                items.add((PolicyItem) define(define, scope));
            } else if (item instanceof Blueprint.DefaultChoice choice) {
                Set<Direction> sets = choice.direction().map(EnumSet::of).orElse(EnumSet.allOf(Direction.class));
                if (Sets.intersection(sets, defaulted).isEmpty()) {
                    defaulted.addAll(sets);
                    items.add(new DefaultDecl(choice.verdict(), choice.direction(), choice.log(), statement(), choice.trivia()));
                }
            } else if (item instanceof Blueprint.RuleChoice rule) {
                items.add(rule(rule, scope));
            }
        }
        return new PolicyDecl(name, ImmutableList.copyOf(items), ImmutableList.copyOf(policy.closingComments()), header,
                policy.trivia());
    }

    private Define define(Blueprint.DefineChoice choice, Scope scope) {
        SourceSpan at = statement();
        if (choice instanceof Blueprint.NetDefineChoice net) {
            Name name = new Name(unique(net.name(), usedNames, "_", 32), part());
            List<Resolved> endpoints = distinct(net.endpoints().stream().map(e -> endpoint(e, scope)).toList());
            scope.nets.add(name.text());
            scope.netFamilies.put(name.text(),
                    endpoints.stream().map(Resolved::families).reduce(Families::plus).orElseThrow());
            return new NetDefine(name, nodes(endpoints), at, net.trivia());
        }
        Blueprint.PortsDefineChoice ports = (Blueprint.PortsDefineChoice) choice;
        Name name = new Name(unique(ports.name(), usedNames, "_", 32), part());
        ImmutableList<PortItem> items = ports(ports.ports(), scope);
        scope.ports.add(name.text());
        return new PortsDefine(name, items, at, ports.trivia());
    }

    private RuleDecl rule(Blueprint.RuleChoice rule, Scope scope) {
        Blueprint.RuleHead head = rule.head();
        SourceSpan at = statement();
        Located<Verdict> verdict = new Located<>(head.verdict(), part());
        DirectionForm form = head.form();
        Optional<Located<Direction>> direction = form == DirectionForm.PEER_ONLY
                ? Optional.empty() : Optional.of(new Located<>(head.direction(), part()));
        List<Protocol> protocols = head.protocols();
        ImmutableList<Located<Protocol>> namedProtocols =
                protocols.stream().map(p -> new Located<>(p, part())).collect(ImmutableList.toImmutableList());
        Located<PeerKeyword> keyword = new Located<>(head.direction() == Direction.OUT ? PeerKeyword.TO : PeerKeyword.FROM,
                part());
        List<Resolved> peer = List.of();
        if (form != DirectionForm.KEYWORD_ONLY) {
            peer = distinct(rule.peer().stream().map(e -> endpoint(e, scope))
                    .filter(e -> fitsProtocols(e, protocols)).toList());
            if (peer.isEmpty()) {
                if (form == DirectionForm.PEER_ONLY) {
                    peer = List.of(new Resolved(new EndpointNode.Any(part()), Families.UNKNOWN));
                } else {
                    form = DirectionForm.KEYWORD_ONLY;
                }
            }
        }
        boolean portsAllowed = !protocols.isEmpty() && protocols.stream().allMatch(Protocol::hasPorts);
        boolean hasPorts = portsAllowed && !rule.ports().isEmpty();
        Optional<SourceSpan> portKeyword = hasPorts ? Optional.of(part()) : Optional.empty();
        ImmutableList<PortItem> ports = hasPorts ? ports(rule.ports(), scope) : ImmutableList.of();
        return new RuleDecl(
                verdict,
                direction,
                namedProtocols,
                form == DirectionForm.KEYWORD_ONLY ? Optional.empty() : Optional.of(new Peer(keyword, nodes(peer))),
                ports,
                portKeyword,
                rule.log() ? Optional.of(part()) : Optional.empty(),
                rule.comment().map(c -> new Located<>(c, part())),
                at,
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
                    ? new EndpointNode.Cidr(literal.text(), part()) : new EndpointNode.Host(literal.text(), part());
            return new Resolved(node, new Families(EnumSet.of(literal.family()), true));
        } else if (choice instanceof Blueprint.Dns dns) {
            return new Resolved(new EndpointNode.Dns(dns.name(), part()), Families.UNKNOWN);
        } else if (choice instanceof Blueprint.Resolver) {
            return new Resolved(new EndpointNode.Resolver(part()), Families.UNKNOWN);
        } else if (choice instanceof Blueprint.Any) {
            return new Resolved(new EndpointNode.Any(part()), Families.UNKNOWN);
        }
        Blueprint.NetRef ref = (Blueprint.NetRef) choice;
        if (scope.nets.isEmpty()) {
            return endpoint(ref.fallback(), scope);
        }
        String name = scope.nets.get(Math.floorMod(ref.pick(), scope.nets.size()));
        return new Resolved(new EndpointNode.Ref(name, part()), scope.netFamilies.get(name));
    }

    /** The ports chosen, without repeats (same number, range or name), which say nothing. */
    private ImmutableList<PortItem> ports(List<Blueprint.PortChoice> choices, Scope scope) {
        Map<PortItem, PortItem> byItem = new LinkedHashMap<>();
        for (Blueprint.PortChoice choice : choices) {
            PortItem item = port(choice, scope);
            byItem.putIfAbsent(AstNormalizer.port(item), item);
        }
        return ImmutableList.copyOf(byItem.values());
    }

    private PortItem port(Blueprint.PortChoice choice, Scope scope) {
        if (choice instanceof Blueprint.SinglePort single) {
            return new PortItem.Single(Integer.toString(single.port()), part());
        } else if (choice instanceof Blueprint.PortRange range) {
            SourceSpan first = part();
            return new PortItem.Range(Integer.toString(range.first()), first, Integer.toString(range.last()), part(),
                    first);
        }
        Blueprint.PortsRef ref = (Blueprint.PortsRef) choice;
        if (scope.ports.isEmpty()) {
            return new PortItem.Single(Integer.toString(ref.fallback()), part());
        }
        return new PortItem.Ref(scope.ports.get(Math.floorMod(ref.pick(), scope.ports.size())), part());
    }

    /** Drops repeated endpoints (same kind and text), which say nothing and might draw a warning. */
    private static List<Resolved> distinct(List<Resolved> endpoints) {
        Map<EndpointNode, Resolved> byNode = new LinkedHashMap<>();
        endpoints.forEach(e -> byNode.putIfAbsent(AstNormalizer.endpoint(e.node()), e));
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
