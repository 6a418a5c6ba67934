package dev.policyc.testing;

import dev.policyc.core.ir.Family;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random policy texts that always compile: the shapes of {@link PolicyArbitraries#policies()}.
 * Peers are drawn from a few small networks so that rules overlap and deny rules override
 * allow rules often enough to matter.
 */
final class PolicyTexts {

    /** What a rule says about protocols, and which address families its peer may then have. */
    private enum Protocols {
        NONE("", true, true, false),
        TCP("tcp ", true, true, true),
        UDP("udp ", true, true, true),
        TCP_UDP("{tcp, udp} ", true, true, true),
        ICMP("icmp ", true, false, false),
        ICMPV6("icmpv6 ", false, true, false),
        BOTH_ICMP("{icmp, icmpv6} ", true, true, false);

        final String text;
        final boolean ipv4;
        final boolean ipv6;
        final boolean ports;

        Protocols(String text, boolean ipv4, boolean ipv6, boolean ports) {
            this.text = text;
            this.ipv4 = ipv4;
            this.ipv6 = ipv6;
            this.ports = ports;
        }
    }

    private static final IPAddress[] NETWORKS = {
        new IPAddressString("10.0.0.0/8").getAddress(),
        new IPAddressString("192.0.2.0/24").getAddress(),
        new IPAddressString("2001:db8::/32").getAddress(),
    };

    private PolicyTexts() {}

    static Arbitrary<String> policies() {
        Arbitrary<String> defaults = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("    default allow in\n", "    default allow out\n", "    default allow\n")));
        return Combinators.combine(defaults, rule().list().ofMaxSize(6))
                .as((byDefault, rules) -> "policy generated {\n" + byDefault
                        + rules.stream().map(r -> "    " + r + "\n").collect(Collectors.joining()) + "}\n");
    }

    private static Arbitrary<String> rule() {
        Arbitrary<String> verdicts = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("allow")),
                Tuple.of(2, Arbitraries.just("deny")));
        return Combinators.combine(verdicts, Arbitraries.of("in", "out"), Arbitraries.of(Protocols.class),
                        endpoint().list().ofMaxSize(3), port().list().ofMaxSize(3))
                .as((verdict, direction, protocols, endpoints, ports) -> {
                    List<IPAddress> peer = endpoints.stream()
                            .filter(e -> e.isIPv4() ? protocols.ipv4 : protocols.ipv6)
                            .toList();
                    StringBuilder text = new StringBuilder(verdict).append(' ').append(direction).append(' ')
                            .append(protocols.text);
                    if (!peer.isEmpty()) {
                        text.append(direction.equals("in") ? "from " : "to ").append(list(peer.stream()
                                .map(PolicyTexts::endpointText).toList())).append(' ');
                    }
                    if (protocols.ports && !ports.isEmpty()) {
                        text.append("port ").append(list(ports));
                    }
                    return text.toString().strip();
                });
    }

    /** A prefix block inside one of {@link #NETWORKS}; about one in four a single address. */
    private static Arbitrary<IPAddress> endpoint() {
        Arbitrary<Integer> network = Arbitraries.integers().between(0, NETWORKS.length - 1);
        Arbitrary<BigInteger> bits = Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(96));
        Arbitrary<Integer> extra = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Integer.MAX_VALUE)),
                Tuple.of(3, Arbitraries.integers().between(0, 24)));
        return Combinators.combine(network, bits, extra).as((n, random, more) -> {
            IPAddress net = NETWORKS[n];
            Family family = net.isIPv4() ? Family.IPV4 : Family.IPV6;
            int hostBits = family.bits() - net.getNetworkPrefixLength();
            BigInteger offset = random.mod(BigInteger.ONE.shiftLeft(hostBits));
            IPAddress address = Boundaries.address(family, net.getLower().getValue().add(offset));
            int length = (int) Math.min(family.bits(), (long) net.getNetworkPrefixLength() + more);
            return address.toPrefixBlock(length);
        });
    }

    private static String endpointText(IPAddress block) {
        int bits = block.isIPv4() ? 32 : 128;
        return block.getNetworkPrefixLength() == bits
                ? "host " + block.withoutPrefixLength().toCanonicalString()
                : "cidr " + block.toCanonicalString();
    }

    /** A port or a range, mostly below 1024 or around 8000, now and then at the ends of 1-65535. */
    private static Arbitrary<String> port() {
        Arbitrary<Integer> first = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(1, 1024)),
                Tuple.of(2, Arbitraries.integers().between(7990, 8100)),
                Tuple.of(1, Arbitraries.of(1, 65535)));
        Arbitrary<Integer> width = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 100)));
        return Combinators.combine(first, width).as((start, span) -> {
            int end = Math.min(65535, start + span);
            return end == start ? Integer.toString(start) : start + "-" + end;
        });
    }

    private static String list(List<String> items) {
        return items.size() == 1 ? items.get(0) : items.stream().collect(Collectors.joining(", ", "{ ", " }"));
    }
}
