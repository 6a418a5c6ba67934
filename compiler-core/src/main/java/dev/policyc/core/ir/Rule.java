package dev.policyc.core.ir;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.diag.SourceSpan;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule of a policy, after names and literals are resolved. A part that is absent matches
 * everything: no protocols, every IP protocol; no peer, every address of both families; no
 * ports, every port (and flows without ports).
 *
 * @param protocols empty when the rule names no protocol
 * @param peer      empty when the rule names no peer (or {@code any})
 * @param ports     empty when the rule names no port; present only when every protocol has ports
 * @param comment   the user's comment text, unescaped
 * @param span      where the rule starts in its policy file
 */
public record Rule(
        Verdict verdict,
        Direction direction,
        ImmutableSet<Protocol> protocols,
        Optional<ImmutableList<Endpoint>> peer,
        Optional<PortSet> ports,
        boolean log,
        Optional<String> comment,
        SourceSpan span) {

    public Rule {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(direction, "direction");
        protocols = ImmutableSet.copyOf(protocols);
        Objects.requireNonNull(peer, "peer");
        peer = peer.map(ImmutableList::copyOf);
        if (peer.isPresent() && peer.get().isEmpty()) {
            throw new IllegalArgumentException("a named peer has at least one endpoint");
        }
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(span, "span");
        if (ports.isPresent() && (protocols.isEmpty() || !protocols.stream().allMatch(Protocol::hasPorts))) {
            throw new IllegalArgumentException("ports need every protocol of the rule to be tcp or udp");
        }
    }

    /** True when every endpoint is bound to addresses (no {@code dns} or {@code resolver} left). */
    public boolean isBound() {
        // A loop, not a stream: every layer asks this of every rule, and a rule of a blocklist
        // names 100,000 endpoints, mostly before the JIT has compiled anything.
        if (peer.isPresent()) {
            for (Endpoint endpoint : peer.get()) {
                if (!(endpoint instanceof Endpoint.Block)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** This rule with another peer (used when binding names to addresses). */
    public Rule withPeer(Optional<ImmutableList<Endpoint>> newPeer) {
        return new Rule(verdict, direction, protocols, newPeer, ports, log, comment, span);
    }
}
