package dev.policyc.core.backend;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.net.NameResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names of the {@link RuntimeSet}s of one policy: the contract between a ruleset target that
 * leaves {@code dns} and {@code resolver} endpoints to be filled in ({@link Feature#RUNTIME_SETS})
 * and the program that applies its rules (the OCI hook). Both compute them from the same policy,
 * so they agree without passing names around.
 *
 * <p>The {@code dns} names of a policy are numbered from 1 in the order in which its rules first
 * name them (spellings that DNS treats as equal share a number): {@code dns_1_v4}, {@code dns_1_v6},
 * {@code dns_2_v4}... The nameservers are {@code resolver_v4} and {@code resolver_v6}. A rule uses
 * the set of a family only when one of its protocols exists in that family, exactly as binding
 * the endpoint to addresses would keep only those addresses; a policy declares the sets its rules
 * use and no others.
 */
public final class RuntimeSets {

    private final ImmutableList<RuntimeSet> all;
    private final Map<String, Integer> dnsNumbers;

    private RuntimeSets(ImmutableList<RuntimeSet> all, Map<String, Integer> dnsNumbers) {
        this.all = all;
        this.dnsNumbers = dnsNumbers;
    }

    /** The runtime sets of {@code policy}; none when it is bound. */
    public static RuntimeSets of(PolicyIr policy) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (Rule rule : policy.rules()) {
            for (Endpoint endpoint : rule.peer().orElse(ImmutableList.of())) {
                if (endpoint instanceof Endpoint.DnsName dns) {
                    numbers.putIfAbsent(NameResolver.normalize(dns.name()), numbers.size() + 1);
                }
            }
        }
        RuntimeSets numbered = new RuntimeSets(ImmutableList.of(), numbers);
        Set<RuntimeSet> used = new LinkedHashSet<>();
        for (Rule rule : policy.rules()) {
            used.addAll(numbered.forRule(rule));
        }
        List<RuntimeSet> ordered = new ArrayList<>(used);
        ordered.sort((a, b) -> order(a, numbers) - order(b, numbers));
        return new RuntimeSets(ImmutableList.copyOf(ordered), numbers);
    }

    /** Every set of the policy: the dns sets by number, v4 before v6, then the resolver sets. */
    public ImmutableList<RuntimeSet> all() {
        return all;
    }

    /**
     * The sets that {@code rule}, a rule of this policy, matches against: one per symbolic
     * endpoint and family its protocols exist in, in the order of its endpoints.
     *
     * @throws IllegalArgumentException if the rule names a dns name that the policy does not
     */
    public ImmutableList<RuntimeSet> forRule(Rule rule) {
        Set<RuntimeSet> sets = new LinkedHashSet<>();
        for (Endpoint endpoint : rule.peer().orElse(ImmutableList.of())) {
            for (Family family : Family.values()) {
                if (!existsIn(rule.protocols(), family)) {
                    continue;
                }
                if (endpoint instanceof Endpoint.DnsName dns) {
                    String name = NameResolver.normalize(dns.name());
                    Integer number = dnsNumbers.get(name);
                    if (number == null) {
                        throw new IllegalArgumentException("dns \"" + name + "\" is not a name of this policy");
                    }
                    sets.add(new RuntimeSet("dns_" + number + "_v" + family.version(), family, Optional.of(name)));
                } else if (endpoint instanceof Endpoint.Resolver) {
                    sets.add(new RuntimeSet("resolver_v" + family.version(), family, Optional.empty()));
                }
            }
        }
        return ImmutableList.copyOf(sets);
    }

    private static boolean existsIn(ImmutableSet<Protocol> protocols, Family family) {
        return protocols.isEmpty() || protocols.stream().anyMatch(p -> p.existsIn(family));
    }

    /** dns sets by number then family, resolver sets last. */
    private static int order(RuntimeSet set, Map<String, Integer> numbers) {
        int group = set.dnsName().map(numbers::get).orElse(numbers.size() + 1);
        return group * 2 + (set.family() == Family.IPV4 ? 0 : 1);
    }
}
