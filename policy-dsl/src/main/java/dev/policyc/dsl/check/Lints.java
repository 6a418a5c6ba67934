package dev.policyc.dsl.check;

import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import java.util.Optional;

/**
 * Warnings that need only one rule or one policy at a time. The warnings that need the exact
 * meaning of the whole policy (a rule that never decides anything, an allow rule wholly
 * overridden by denies, a deny that overrides nothing) are computed on flow sets elsewhere.
 */
final class Lints {

    private final Diagnostics diagnostics;

    Lints(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(PolicyIr policy) {
        for (Rule rule : policy.rules()) {
            allowAll(rule);
        }
        dnsWithoutResolver(policy);
    }

    /** {@code allow out} to every address with no protocol or port: almost certainly a mistake. */
    private void allowAll(Rule rule) {
        if (rule.verdict() == Verdict.ALLOW && rule.protocols().isEmpty() && rule.ports().isEmpty()
                && rule.peer().isEmpty()) {
            String dir = rule.direction().keyword();
            diagnostics.warning("allow-all", rule.span(),
                    "this rule allows every " + (rule.direction() == Direction.OUT ? "outgoing" : "incoming")
                            + " flow: any address, every protocol and port",
                    "name protocols, ports and peers; if that is the intent, say 'default allow " + dir + "'");
        }
    }

    /**
     * A policy that names hosts by DNS name but lets the container ask no nameserver: the names
     * will never resolve inside the container. Port 53 over udp or tcp towards {@code resolver}
     * (or towards any address) counts.
     */
    private void dnsWithoutResolver(PolicyIr policy) {
        Optional<Endpoint> firstDns = policy.rules().stream()
                .filter(r -> r.verdict() == Verdict.ALLOW)
                .flatMap(r -> r.peer().stream().flatMap(java.util.List::stream))
                .filter(Endpoint.DnsName.class::isInstance)
                .findFirst();
        if (firstDns.isEmpty()) {
            return;
        }
        boolean lookupsAllowed = policy.defaultOut().verdict() == Verdict.ALLOW
                || policy.rules().stream().anyMatch(Lints::allowsDnsToResolver);
        if (!lookupsAllowed) {
            diagnostics.warning("dns-without-resolver", firstDns.get().span(),
                    "policy " + policy.name() + " uses DNS names, but no rule lets the container reach a nameserver"
                            + " on port 53, so the names cannot be looked up inside it",
                    "add: allow out {tcp, udp} to resolver port 53");
        }
    }

    private static boolean allowsDnsToResolver(Rule rule) {
        boolean protocol = rule.protocols().isEmpty()
                || rule.protocols().contains(Protocol.UDP) || rule.protocols().contains(Protocol.TCP);
        boolean port = rule.ports().map(p -> p.contains(53)).orElse(true);
        boolean peer = rule.peer().map(list -> list.stream().anyMatch(Endpoint.Resolver.class::isInstance))
                .orElse(true);
        return rule.verdict() == Verdict.ALLOW && rule.direction() == Direction.OUT && protocol && port && peer;
    }
}
