package dev.policyc.backend.iptables;

import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import inet.ipaddr.IPAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One iptables rule made from part of a policy rule. An iptables rule matches at most one
 * address block, one protocol and one {@link PortGroup}, so a policy rule becomes one of these
 * for every block, protocol and port group it names, in the file of each family it reaches; or,
 * when it names many blocks, one without address for every protocol and port group: a guard that
 * jumps to a chain of the blocks ({@link AddressChains}).
 *
 * @param source   the policy rule; its direction, verdict, log and comment carry over
 * @param family   the file this rule goes into
 * @param address  the remote block; empty for every address of {@code family}
 * @param protocol empty for every protocol
 * @param ports    present exactly when the source names ports (then {@code protocol} is tcp or udp)
 */
record IptRule(Rule source, Family family, Optional<IPAddress> address, Optional<Protocol> protocol,
        Optional<PortGroup> ports) {

    IptRule {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ports, "ports");
        if (address.isPresent() && address.get().getIPVersion().isIPv4() != (family == Family.IPV4)) {
            throw new IllegalArgumentException("address " + address.get() + " is not of family " + family);
        }
        if (protocol.isPresent() && !protocol.get().existsIn(family)) {
            throw new IllegalArgumentException(protocol.get() + " does not exist in " + family);
        }
        if (ports.isPresent() && !protocol.map(Protocol::hasPorts).orElse(false)) {
            throw new IllegalArgumentException("ports need tcp or udp");
        }
    }
}
