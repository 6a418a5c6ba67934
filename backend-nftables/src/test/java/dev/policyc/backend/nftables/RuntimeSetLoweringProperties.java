package dev.policyc.backend.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.backend.RuntimeSet;
import dev.policyc.core.backend.RuntimeSets;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.ReferenceEvaluator;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.EndpointBinder;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.net.NameResolver;
import dev.policyc.core.net.Resolution;
import dev.policyc.core.testing.IrArbitraries;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A rule whose {@code dns} and {@code resolver} endpoints become runtime sets means, once the sets
 * are filled with the names' addresses, what the rule means bound to the same addresses: a flow
 * matches one of the nftables rules exactly when the reference evaluator says it matches the
 * bound rule (or none, when binding leaves the rule matching nothing).
 */
class RuntimeSetLoweringProperties {

    /** A rule with names: its literal peer, the addresses of each name, the nameservers, a flow. */
    record Case(Rule rule, List<List<IPAddress>> names, List<IPAddress> nameservers, boolean usesResolver, Flow flow) {
        String name(int i) {
            return "n" + (i + 1) + ".example";
        }

        Rule unbound() {
            List<Endpoint> peer = new ArrayList<>(rule.peer().orElse(ImmutableList.of()));
            SourceSpan at = SourceSpan.at(IrArbitraries.FILE, 3, 20);
            for (int i = 0; i < names.size(); i++) {
                peer.add(new Endpoint.DnsName(name(i), at));
            }
            if (usesResolver || peer.isEmpty()) {
                peer.add(new Endpoint.Resolver(at));
            }
            return rule.withPeer(Optional.of(ImmutableList.copyOf(peer)));
        }

        Resolution resolve(String name) {
            for (int i = 0; i < names.size(); i++) {
                if (name(i).equals(name)) {
                    return names.get(i).isEmpty() ? new Resolution.NoAddresses("none here") : Resolution.Addresses.of(names.get(i));
                }
            }
            return new Resolution.NoAddresses("unknown");
        }

        /** What the hook puts into {@code set}. */
        List<IPAddress> contents(RuntimeSet set) {
            List<IPAddress> all = set.dnsName().map(n -> names.get(Integer.parseInt(n.substring(1, n.indexOf('.'))) - 1))
                    .orElse(nameservers);
            return all.stream().filter(a -> (a.isIPv4() ? Family.IPV4 : Family.IPV6) == set.family()).toList();
        }
    }

    @Property(tries = 1000)
    void filledRuntimeSetsMatchWhatTheBoundRuleMatches(@ForAll("cases") Case c) {
        Rule unbound = c.unbound();
        PolicyIr policy = policy(unbound);
        ImmutableList<NftRule> lowered = RuleLowering.lower(unbound, 1, RuntimeSets.of(policy));
        boolean nftMatches = lowered.stream().anyMatch(r -> matches(r, c.flow(), c));

        NameResolver resolver = c::resolve;
        PolicyIr bound = new EndpointBinder(Optional.of(resolver), Optional.of(c.nameservers())).bind(policy)
                .policy().orElseThrow();
        boolean expected = bound.rules().stream().anyMatch(r -> ReferenceEvaluator.matches(r, c.flow()));
        assertEquals(expected, nftMatches, () -> unbound + "\n" + lowered + "\n" + bound + "\n" + c.flow());
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<IPAddress> hosts = IrArbitraries.addresses().map(IPAddress::withoutPrefixLength);
        return Combinators.combine(
                        IrArbitraries.rules(),
                        hosts.list().ofMaxSize(3).list().ofMaxSize(3),
                        hosts.list().ofMaxSize(2),
                        Arbitraries.of(true, false))
                .flatAs((rule, names, nameservers, usesResolver) -> flowsFor(rule, names, nameservers)
                        .map(flow -> new Case(rule, names, nameservers, usesResolver, flow)));
    }

    /** Flows near the rule and, often, at the names' and nameservers' addresses. */
    private static Arbitrary<Flow> flowsFor(Rule rule, List<List<IPAddress>> names, List<IPAddress> nameservers) {
        List<IPAddress> known = new ArrayList<>(nameservers);
        names.forEach(known::addAll);
        Arbitrary<Flow> near = IrArbitraries.flowsNear(rule);
        if (known.isEmpty()) {
            return near;
        }
        return Arbitraries.oneOf(near, near.flatMap(flow -> Arbitraries.of(known).map(address -> retarget(flow, address))));
    }

    private static Flow retarget(Flow flow, IPAddress address) {
        return new Flow(flow.direction(), flow.protocol(), address, flow.port());
    }

    private static PolicyIr policy(Rule rule) {
        return new PolicyIr("generated", SourceSpan.at(IrArbitraries.FILE, 1, 1),
                DefaultAction.implicitDeny(), DefaultAction.implicitDeny(), ImmutableList.of(rule));
    }

    /** What nft does with one lowered rule once its runtime set holds {@code c.contents(set)}. */
    private static boolean matches(NftRule rule, Flow flow, Case c) {
        boolean address = rule.runtimeSet()
                .map(set -> c.contents(set).stream().anyMatch(a -> a.equals(flow.address().withoutPrefixLength())))
                .orElseGet(() -> rule.addresses().isEmpty() || rule.addresses().stream()
                        .anyMatch(block -> block.getIPVersion() == flow.address().getIPVersion() && block.contains(flow.address())));
        return rule.source().direction() == flow.direction()
                && rule.family().map(f -> f == flow.family()).orElse(true)
                && address
                && (rule.protocols().isEmpty() || rule.protocols().stream().anyMatch(p -> p.number() == flow.protocol()))
                && (rule.ports().isEmpty()
                        || flow.port().isPresent() && rule.ports().get().contains(flow.port().getAsInt()));
    }
}
