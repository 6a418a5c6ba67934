package dev.policyc.core.ir;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.net.NameResolver;
import dev.policyc.core.net.Resolution;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Replaces the symbolic endpoints of a policy, {@code dns "name"} and {@code resolver}, with the
 * host blocks ({@code /32}, {@code /128}) of their addresses, which is what the static targets and
 * the {@link dev.policyc.core.eval.ReferenceEvaluator reference evaluator} need.
 *
 * <p>Binding keeps the meaning of the policy for the addresses at hand:
 * <ul>
 *   <li>a name without addresses matches nothing (a {@code dns-no-addresses} warning);
 *   <li>an address of a family that none of the rule's protocols exists in (an IPv6 address of a
 *       rule that says only {@code icmp}) could never match, and is left out, so that bound rules
 *       keep the property the language enforces for literal endpoints;
 *   <li>a rule whose peer is left with no endpoint matches no flow at all and is removed
 *       ({@code rule-matches-nothing}): an empty peer would otherwise read as "any address".
 * </ul>
 * Without a name source every {@code dns} endpoint is an error ({@code dns-unresolved-source}),
 * and without nameserver addresses every {@code resolver} endpoint is ({@code resolver-unknown}).
 *
 * <p>Each name is resolved once per call to {@code bind}, so that one name used by several rules
 * binds to the same addresses everywhere even when the resolver's answers vary. Binding never
 * changes its input and does no I/O except through the {@link NameResolver}.
 */
public final class EndpointBinder {

    public static final String DNS_UNRESOLVED_SOURCE = "dns-unresolved-source";
    public static final String DNS_NO_ADDRESSES = "dns-no-addresses";
    public static final String RESOLVER_UNKNOWN = "resolver-unknown";
    public static final String RESOLVER_NO_ADDRESSES = "resolver-no-addresses";
    public static final String RULE_MATCHES_NOTHING = "rule-matches-nothing";

    private final Optional<NameResolver> names;
    private final Optional<ImmutableList<IPAddress>> nameservers;

    /**
     * @param names       where {@code dns} names get their addresses; empty when the user gave
     *                    neither {@code --hosts} nor {@code --resolve}
     * @param nameservers the addresses {@code resolver} stands for; empty when unknown (no
     *                    {@code --resolver}); single addresses, never IPv4-mapped
     */
    public EndpointBinder(Optional<NameResolver> names, Optional<? extends Collection<IPAddress>> nameservers) {
        this.names = Objects.requireNonNull(names, "names");
        this.nameservers = Objects.requireNonNull(nameservers, "nameservers").map(EndpointBinder::normalizedNameservers);
    }

    private static ImmutableList<IPAddress> normalizedNameservers(Collection<IPAddress> addresses) {
        return addresses.isEmpty() ? ImmutableList.of() : Resolution.Addresses.of(addresses).addresses();
    }

    /** Binds one policy. */
    public BoundPolicy bind(PolicyIr policy) {
        Run run = new Run();
        PolicyIr bound = run.bind(policy);
        return new BoundPolicy(run.diagnostics.hasErrors() ? Optional.empty() : Optional.of(bound), run.diagnostics.toList());
    }

    /** Binds every policy of a program, resolving each name once for all of them. */
    public BoundProgram bind(Program program) {
        Run run = new Run();
        ImmutableList<PolicyIr> bound = program.policies().stream().map(run::bind).collect(ImmutableList.toImmutableList());
        return new BoundProgram(
                run.diagnostics.hasErrors() ? Optional.empty() : Optional.of(new Program(bound)), run.diagnostics.toList());
    }

    /** The state of one call to {@code bind}: its findings and the names resolved so far. */
    private final class Run {
        final Diagnostics diagnostics = new Diagnostics();
        final Map<String, Resolution> resolved = new HashMap<>();

        PolicyIr bind(PolicyIr policy) {
            if (policy.isBound()) {
                return policy;
            }
            ImmutableList.Builder<Rule> rules = ImmutableList.builder();
            for (Rule rule : policy.rules()) {
                bind(rule).ifPresent(rules::add);
            }
            return policy.withRules(rules.build());
        }

        /** The rule with its peer bound, or empty when it can match nothing (or could not be bound). */
        Optional<Rule> bind(Rule rule) {
            if (rule.isBound()) {
                return Optional.of(rule);
            }
            Set<Family> families = familiesOf(rule.protocols());
            boolean bindable = true;
            List<Endpoint> endpoints = new ArrayList<>();
            for (Endpoint endpoint : rule.peer().orElseThrow()) {
                if (endpoint instanceof Endpoint.Block block) {
                    endpoints.add(block);
                } else if (endpoint instanceof Endpoint.DnsName dns) {
                    bindable &= bindDns(dns, families, endpoints);
                } else if (endpoint instanceof Endpoint.Resolver resolver) {
                    bindable &= bindResolver(resolver, families, endpoints);
                }
            }
            if (!bindable) {
                return Optional.empty();
            }
            if (endpoints.isEmpty()) {
                diagnostics.warning(RULE_MATCHES_NOTHING, rule.span(),
                        "this rule matches nothing: none of its endpoints has an address it could match",
                        "check the dns names and resolver addresses it uses, or remove the rule");
                return Optional.empty();
            }
            return Optional.of(rule.withPeer(Optional.of(ImmutableList.copyOf(endpoints))));
        }

        /** Adds the blocks of {@code dns} to {@code out}; false when it cannot be bound at all. */
        private boolean bindDns(Endpoint.DnsName dns, Set<Family> families, List<Endpoint> out) {
            String origin = "dns \"" + dns.name() + "\"";
            if (names.isEmpty()) {
                diagnostics.error(DNS_UNRESOLVED_SOURCE, dns.span(),
                        "no addresses for " + origin + ": nothing to resolve names with",
                        "give --hosts FILE or --resolve");
                return false;
            }
            Resolution resolution = resolved.computeIfAbsent(NameResolver.normalize(dns.name()), names.get()::resolve);
            if (resolution instanceof Resolution.NoAddresses none) {
                diagnostics.warning(DNS_NO_ADDRESSES, dns.span(),
                        origin + " has no addresses: " + none.reason() + "; it matches nothing",
                        "check the name, or list it in the hosts file given with --hosts");
                return true;
            }
            addHosts(((Resolution.Addresses) resolution).addresses(), origin, dns, families, out);
            return true;
        }

        /** Adds the blocks of the nameservers to {@code out}; false when they are unknown. */
        private boolean bindResolver(Endpoint.Resolver resolver, Set<Family> families, List<Endpoint> out) {
            if (nameservers.isEmpty()) {
                diagnostics.error(RESOLVER_UNKNOWN, resolver.span(),
                        "the addresses of 'resolver' are not known at compile time", "give --resolver ADDR");
                return false;
            }
            if (nameservers.get().isEmpty()) {
                diagnostics.warning(RESOLVER_NO_ADDRESSES, resolver.span(),
                        "the container has no nameservers, so 'resolver' matches nothing");
                return true;
            }
            addHosts(nameservers.get(), "resolver", resolver, families, out);
            return true;
        }
    }

    private static void addHosts(
            List<IPAddress> addresses, String origin, Endpoint symbolic, Set<Family> families, List<Endpoint> out) {
        for (IPAddress address : addresses) {
            Endpoint.Block host = new Endpoint.Block(address.toPrefixBlock(address.getBitCount()), origin, symbolic.span());
            if (families.contains(host.family())) {
                out.add(host);
            }
        }
    }

    /** The families a flow of one of {@code protocols} can have; both when the rule names none. */
    private static Set<Family> familiesOf(ImmutableSet<Protocol> protocols) {
        if (protocols.isEmpty()) {
            return EnumSet.allOf(Family.class);
        }
        Set<Family> families = EnumSet.noneOf(Family.class);
        for (Protocol p : protocols) {
            families.addAll(p.family().map(EnumSet::of).orElseGet(() -> EnumSet.allOf(Family.class)));
        }
        return families;
    }
}
