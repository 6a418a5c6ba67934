package dev.policyc.core.eval;

import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.net.AddressSyntax;
import inet.ipaddr.IPAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a rule matches: the first packet of a connection, seen from the container.
 *
 * @param direction {@code out} when the container opens the connection
 * @param protocol  IP protocol number, 0-255
 * @param address   the remote address: destination of an {@code out} flow, source of an {@code in}
 *                  flow; a single address, never IPv4-mapped
 * @param port      destination port, present exactly for tcp (6) and udp (17), 1-65535
 */
public record Flow(Direction direction, int protocol, IPAddress address, OptionalInt port) {

    public Flow {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(port, "port");
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("protocol number out of range: " + protocol);
        }
        if (address.isMultiple() || address.getNetworkPrefixLength() != null && !address.isSingleNetwork()) {
            throw new IllegalArgumentException("a flow has a single address: " + address);
        }
        address = address.withoutPrefixLength();
        boolean hasPorts = protocol == Protocol.TCP.number() || protocol == Protocol.UDP.number();
        if (hasPorts != port.isPresent()) {
            throw new IllegalArgumentException(hasPorts ? "tcp and udp flows have a port" : "only tcp and udp flows have a port");
        }
        if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
            throw new IllegalArgumentException("port out of range: " + port.getAsInt());
        }
    }

    public static Flow of(Direction direction, Protocol protocol, IPAddress address, int port) {
        return new Flow(direction, protocol.number(), address, OptionalInt.of(port));
    }

    public static Flow of(Direction direction, Protocol protocol, IPAddress address) {
        return new Flow(direction, protocol.number(), address, OptionalInt.empty());
    }

    public Family family() {
        return AddressSyntax.familyOf(address);
    }

    /** The named protocol, when the language has a name for this number. */
    public Optional<Protocol> namedProtocol() {
        return Protocol.ofNumber(protocol);
    }

    /** The line {@code policyc eval} reads: {@code out tcp 1.1.1.1 53}. */
    @Override
    public String toString() {
        String proto = namedProtocol().map(Protocol::keyword).orElse(Integer.toString(protocol));
        String text = direction.keyword() + " " + proto + " " + address.toCanonicalString();
        return port.isPresent() ? text + " " + port.getAsInt() : text;
    }
}
