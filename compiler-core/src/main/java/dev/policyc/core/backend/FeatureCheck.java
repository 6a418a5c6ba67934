package dev.policyc.core.backend;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import java.util.EnumSet;
import java.util.Set;

/**
 * Rejects, before emission, every rule and default that needs a {@link Feature} the target lacks:
 * one {@code unsupported-feature} error per rule and feature, at the rule's span ({@code dns} and
 * {@code resolver} endpoints at their own span). A target is never asked to drop a part of a rule
 * quietly, which would change what the rule means.
 */
public final class FeatureCheck {

    public static final String UNSUPPORTED_FEATURE = "unsupported-feature";

    private FeatureCheck() {}

    /** The findings for {@code program} on {@code backend}; empty when it can emit every rule. */
    public static ImmutableList<Diagnostic> check(Program program, Backend backend) {
        return check(program, backend.id(), backend.features());
    }

    /**
     * The findings for {@code program} on a target named {@code targetId} supporting {@code supported}.
     */
    public static ImmutableList<Diagnostic> check(Program program, String targetId, Set<Feature> supported) {
        Diagnostics found = new Diagnostics();
        for (PolicyIr policy : program.policies()) {
            for (Direction direction : Direction.values()) {
                DefaultAction byDefault = policy.defaultFor(direction);
                if (byDefault.log() && !supported.contains(Feature.LOG)) {
                    found.error(UNSUPPORTED_FEATURE, byDefault.span().orElse(policy.span()),
                            "the " + targetId + " target does not support " + Feature.LOG.description(),
                            "remove 'log' from 'default " + byDefault.verdict().keyword() + " " + direction.keyword()
                                    + "', or choose another target");
                }
            }
            for (Rule rule : policy.rules()) {
                checkRule(rule, targetId, supported, found);
            }
        }
        return found.toList();
    }

    /** Every feature {@code rule} needs, {@link Feature#DNS_AT_RUNTIME} when it is not bound. */
    public static Set<Feature> needs(Rule rule) {
        Set<Feature> needs = EnumSet.noneOf(Feature.class);
        if (rule.log()) {
            needs.add(Feature.LOG);
        }
        if (rule.comment().isPresent()) {
            needs.add(Feature.COMMENT);
        }
        boolean namesIpv6 = rule.protocols().contains(Protocol.ICMPV6) || rule.peer().orElse(ImmutableList.of()).stream()
                .anyMatch(e -> e instanceof Endpoint.Block block && block.family() == Family.IPV6);
        if (namesIpv6) {
            needs.add(Feature.IPV6);
        }
        if (rule.ports().isPresent() && rule.ports().get().closedRanges().stream().anyMatch(r -> r[0] != r[1])) {
            needs.add(Feature.PORT_RANGES);
        }
        if (!rule.isBound()) {
            needs.add(Feature.DNS_AT_RUNTIME);
        }
        return needs;
    }

    private static void checkRule(Rule rule, String targetId, Set<Feature> supported, Diagnostics found) {
        for (Feature missing : Sets.difference(needs(rule), supported)) {
            if (missing == Feature.DNS_AT_RUNTIME) {
                for (Endpoint endpoint : rule.peer().orElseThrow()) {
                    unboundEndpoint(endpoint, targetId, found);
                }
            } else {
                found.error(UNSUPPORTED_FEATURE, rule.span(),
                        "the " + targetId + " target does not support " + missing.description(), hint(missing));
            }
        }
    }

    private static void unboundEndpoint(Endpoint endpoint, String targetId, Diagnostics found) {
        SourceSpan span = endpoint.span();
        if (endpoint instanceof Endpoint.DnsName dns) {
            found.error(UNSUPPORTED_FEATURE, span,
                    "the " + targetId + " target needs the addresses of dns \"" + dns.name() + "\" at compile time",
                    "give --hosts FILE or --resolve, or choose a target that resolves names when the container starts");
        } else if (endpoint instanceof Endpoint.Resolver) {
            found.error(UNSUPPORTED_FEATURE, span,
                    "the " + targetId + " target needs the addresses of 'resolver' at compile time",
                    "give --resolver ADDR, or choose a target that reads them when the container starts");
        }
    }

    private static String hint(Feature missing) {
        return switch (missing) {
            case LOG -> "remove 'log' from this rule, or choose another target";
            case COMMENT -> "remove the comment from this rule, or choose another target";
            case IPV6 -> "choose a target that filters IPv6";
            case PORT_RANGES -> "list the ports one by one, or choose another target";
            case DNS_AT_RUNTIME -> "bind dns names and resolver to addresses first";
            case RUNTIME_SETS -> "choose a target that resolves names when the rules are applied";
        };
    }
}
