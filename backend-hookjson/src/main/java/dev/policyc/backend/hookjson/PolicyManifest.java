package dev.policyc.backend.hookjson;

import dev.policyc.core.backend.RuntimeSet;
import dev.policyc.core.backend.RuntimeSets;
import dev.policyc.core.backend.TextWriter;
import dev.policyc.core.ir.PolicyIr;

/**
 * {@code policies/NAME.hook}: what the hook program needs to know about one policy, in lines it
 * reads with {@code read} and {@code awk}. Its presence is what makes NAME a policy of the bundle.
 * <pre>
 * policyc-hook manifest 1
 * table inet policyc_webapp
 * strict-dns no
 * set dns_1_v4 4 dns api.github.com
 * set resolver_v4 4 resolver
 * </pre>
 * Each {@code set} line is a {@link RuntimeSet} of the nftables ruleset for the hook to fill:
 * with the addresses of a name, or with the container's nameservers.
 */
final class PolicyManifest {

    private PolicyManifest() {}

    static String text(PolicyIr policy, boolean strictDns) {
        TextWriter out = new TextWriter("");
        out.line(BundleLayout.MANIFEST_HEADER);
        out.line("table inet " + TextWriter.name(BundleLayout.TABLE_PREFIX + policy.name()));
        out.line("strict-dns " + (strictDns ? "yes" : "no"));
        for (RuntimeSet set : RuntimeSets.of(policy).all()) {
            String filledWith = set.dnsName().map(name -> "dns " + dnsName(name)).orElse("resolver");
            out.line("set " + TextWriter.name(set.name()) + " " + set.family().version() + " " + filledWith);
        }
        return out.text();
    }

    /** A name as the language admits them (RFC 1123, normalized); the last guard before sh reads it. */
    private static String dnsName(String name) {
        if (!name.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException("not a normalized dns name: '" + name + "'");
        }
        return name;
    }
}
