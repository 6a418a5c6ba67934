package dev.policyc.core.ir;

import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.net.AddressSyntax;
import inet.ipaddr.IPAddress;
import java.util.Objects;

/**
 * A remote address a rule names. Static targets and the evaluator need every endpoint bound to
 * {@link Block}s (see {@link EndpointBinder}); the OCI hook keeps {@link DnsName} and
 * {@link Resolver} symbolic and binds them when the container starts.
 */
public sealed interface Endpoint permits Endpoint.Block, Endpoint.DnsName, Endpoint.Resolver {

    /** Where the policy names this endpoint. */
    SourceSpan span();

    /**
     * A prefix block: one address ({@code /32}, {@code /128}) or a whole network.
     * {@code any} is lowered to the two blocks {@code 0.0.0.0/0} and {@code ::/0}.
     *
     * @param block  a prefix block, never with host bits set, never IPv4-mapped
     * @param origin how the policy named it, for explanations ({@code host 1.1.1.1},
     *               {@code dns "api.github.com"}, {@code $cloudflare}...)
     */
    record Block(IPAddress block, String origin, SourceSpan span) implements Endpoint {
        public Block {
            Objects.requireNonNull(block, "block");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(span, "span");
            block = block.toPrefixBlock();
        }

        public Family family() {
            return AddressSyntax.familyOf(block);
        }

        public boolean contains(IPAddress address) {
            return block.getIPVersion() == address.getIPVersion() && block.contains(address);
        }
    }

    /** Every address a DNS name resolves to (A and AAAA). */
    record DnsName(String name, SourceSpan span) implements Endpoint {
        public DnsName {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(span, "span");
        }
    }

    /** The container's own nameservers. */
    record Resolver(SourceSpan span) implements Endpoint {
        public Resolver {
            Objects.requireNonNull(span, "span");
        }
    }
}
