package dev.policyc.dsl.check;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Located;
import dev.policyc.dsl.ast.PeerKeyword;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.RuleDecl;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the rules and defaults of one policy against the spec and lowers them to the IR.
 * A rule with an error is reported and left out; the caller keeps no IR when there was any error.
 */
final class PolicyLowering {

    private final Diagnostics diagnostics;
    private final Expander expander;

    PolicyLowering(Diagnostics diagnostics, Expander expander) {
        this.diagnostics = diagnostics;
        this.expander = expander;
    }

    PolicyIr lower(PolicyDecl policy, Scope scope) {
        Map<Direction, DefaultDecl> defaults = new EnumMap<>(Direction.class);
        List<Rule> rules = new ArrayList<>();
        for (PolicyItem item : policy.items()) {
            if (item instanceof DefaultDecl d) {
                setDefault(d, defaults);
            } else if (item instanceof RuleDecl r) {
                rule(r, scope).ifPresent(rules::add);
            }
        }
        return new PolicyIr(policy.name().text(), policy.name().span(),
                defaultAction(defaults.get(Direction.IN)), defaultAction(defaults.get(Direction.OUT)),
                ImmutableList.copyOf(rules));
    }

    private void setDefault(DefaultDecl decl, Map<Direction, DefaultDecl> defaults) {
        List<Direction> directions = decl.direction().map(List::of).orElse(List.of(Direction.IN, Direction.OUT));
        for (Direction direction : directions) {
            DefaultDecl earlier = defaults.putIfAbsent(direction, decl);
            if (earlier != null) {
                diagnostics.error("duplicate-default", decl.span(),
                        "a second default for '" + direction.keyword() + "'; the first is at "
                                + earlier.span().fileAndLine(),
                        "keep one default per direction");
                return;
            }
        }
    }

    private static DefaultAction defaultAction(DefaultDecl decl) {
        return decl == null ? DefaultAction.implicitDeny()
                : new DefaultAction(decl.verdict(), decl.log(), Optional.of(decl.span()));
    }

    private Optional<Rule> rule(RuleDecl rule, Scope scope) {
        int errorsBefore = errorCount();
        Optional<Direction> direction = direction(rule);
        ImmutableSet<Protocol> protocols = protocols(rule);
        Optional<ImmutableList<Endpoint>> peer = peer(rule, protocols, scope);
        Optional<PortSet> ports = ports(rule, protocols, scope);
        if (errorCount() > errorsBefore || direction.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rule(rule.verdict().value(), direction.get(), protocols, peer, ports,
                rule.log().isPresent(), rule.comment().map(Located::value), rule.span()));
    }

    private Optional<Direction> direction(RuleDecl rule) {
        Optional<Direction> said = rule.direction().map(Located::value);
        if (rule.peer().isPresent()) {
            Located<PeerKeyword> keyword = rule.peer().get().keyword();
            Direction implied = keyword.value().impliedDirection();
            if (said.isPresent() && said.get() != implied) {
                boolean inTo = said.get() == Direction.IN;
                diagnostics.error("peer-direction-mismatch", keyword.span(),
                        inTo ? "'to' names where outgoing flows go, but this rule is for incoming flows ('in')"
                             : "'from' names where incoming flows come from, but this rule is for outgoing flows ('out')",
                        inTo ? "write 'in ... from' for connections towards the container, or 'out ... to'"
                             : "write 'out ... to' for connections the container opens, or 'in ... from'");
                return Optional.empty();
            }
            return Optional.of(implied);
        }
        if (said.isEmpty()) {
            diagnostics.error("missing-direction", rule.verdict().span(),
                    "this rule says neither in nor out",
                    "say in or out: 'out' for connections the container opens, 'in' for connections towards it");
        }
        return said;
    }

    private ImmutableSet<Protocol> protocols(RuleDecl rule) {
        Set<Protocol> seen = new LinkedHashSet<>();
        for (Located<Protocol> p : rule.protocols()) {
            if (!seen.add(p.value())) {
                diagnostics.warning("duplicate-protocol", p.span(),
                        "protocol " + p.value().keyword() + " is listed twice", "remove the second one");
            }
        }
        return ImmutableSet.copyOf(seen);
    }

    private Optional<ImmutableList<Endpoint>> peer(RuleDecl rule, Set<Protocol> protocols, Scope scope) {
        if (rule.peer().isEmpty()) {
            return Optional.empty();
        }
        boolean any = false;
        List<Endpoint> endpoints = new ArrayList<>();
        for (EndpointNode node : rule.peer().get().endpoints()) {
            Expander.Net net = expander.net(node, scope);
            any |= net.any();
            endpoints.addAll(net.endpoints());
            checkFamilies(node, net, protocols);
        }
        return any || endpoints.isEmpty() ? Optional.empty() : Optional.of(ImmutableList.copyOf(endpoints));
    }

    /** An address no protocol of the rule can reach (icmp with IPv6, icmpv6 with IPv4) is an error. */
    private void checkFamilies(EndpointNode node, Expander.Net net, Set<Protocol> protocols) {
        if (protocols.isEmpty()) {
            return;
        }
        for (Endpoint e : net.endpoints()) {
            if (e instanceof Endpoint.Block block
                    && protocols.stream().noneMatch(p -> p.existsIn(block.family()))) {
                String names = protocols.stream().map(Protocol::keyword).collect(Collectors.joining(", "));
                boolean v6 = block.family() == dev.policyc.core.ir.Family.IPV6;
                String via = node instanceof EndpointNode.Ref ref ? " (through $" + ref.name() + ")" : "";
                diagnostics.error("protocol-family-mismatch", node.span(),
                        names + (protocols.size() == 1 ? " is" : " are") + " IPv" + (v6 ? "4" : "6")
                                + " only, but " + block.origin() + via + " is an IPv" + (v6 ? "6" : "4") + " address",
                        v6 ? "use icmpv6 for IPv6 addresses, in a rule of its own"
                           : "use icmp for IPv4 addresses, in a rule of its own");
                return;
            }
        }
    }

    private Optional<PortSet> ports(RuleDecl rule, Set<Protocol> protocols, Scope scope) {
        if (rule.portKeyword().isEmpty()) {
            return Optional.empty();
        }
        if (protocols.isEmpty()) {
            diagnostics.error("port-without-protocol", rule.portKeyword().get(),
                    "'port' needs the rule to name its protocols, and every one must be tcp or udp",
                    "add tcp, udp or {tcp, udp} before the peer, as in 'allow out tcp to ... port 443'");
            return Optional.empty();
        }
        List<String> portless = protocols.stream().filter(p -> !p.hasPorts()).map(Protocol::keyword).toList();
        if (!portless.isEmpty()) {
            diagnostics.error("port-without-protocol", rule.portKeyword().get(),
                    "'port' applies only to tcp and udp, but this rule also names " + String.join(", ", portless),
                    "use tcp, udp or {tcp, udp} here, and put " + String.join(", ", portless)
                            + " in a rule of its own without 'port'");
            return Optional.empty();
        }
        List<Literals.Ports> ranges = expander.ports(rule.ports(), scope);
        if (ranges.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PortSet.union(ranges.stream().map(r -> PortSet.range(r.first(), r.last())).toList()));
    }

    private int errorCount() {
        return diagnostics.errorCount();
    }
}
