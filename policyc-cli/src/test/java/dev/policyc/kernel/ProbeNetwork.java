package dev.policyc.kernel;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two fresh network namespaces of the test's own, joined by a veth pair and by nothing else:
 * the namespace under test, where a ruleset is loaded, and its peer, which sends the ingress
 * probes and watches for answers. No packet can leave this pair.
 *
 * <pre>
 *   under test                                        peer (no addresses, IPv6 off, ARP off)
 *   lo, veth "vA" 02:00:00:00:00:0a  &lt;----------&gt;  veth "vB" 02:00:00:00:00:0b
 *     203.0.113.250/32, 2001:db8:fffe::a/128   source of egress probes
 *     203.0.113.251/32, 2001:db8:fffe::b/128   destination of ingress probes
 *     default via 203.0.113.254 / 2001:db8:fffe::1, on-link, neighbour fixed to vB's address
 * </pre>
 *
 * Every other address, in particular every remote address of a flow, is reached through the
 * gateway, so the namespace under test hands egress packets and its answers to ingress probes
 * to the peer, whose kernel drops them (it forwards nothing and owns no address) while its
 * packet socket sees them. Egress and ingress use different local addresses so that an
 * accepted egress flow can never make a later ingress flow look like its reply to conntrack.
 * The ICMP rate limits of the namespace under test are off: an unreachable message lost to
 * them would look like a drop.
 */
final class ProbeNetwork implements AutoCloseable {

    static final String LINK = "vA";
    static final String PEER_LINK = "vB";
    static final String MAC = "02:00:00:00:00:0a";
    static final String PEER_MAC = "02:00:00:00:00:0b";
    static final String EGRESS_SOURCE_V4 = "203.0.113.250";
    static final String EGRESS_SOURCE_V6 = "2001:db8:fffe::a";
    static final String INGRESS_TARGET_V4 = "203.0.113.251";
    static final String INGRESS_TARGET_V6 = "2001:db8:fffe::b";
    static final String GATEWAY_V4 = "203.0.113.254";
    static final String GATEWAY_V6 = "2001:db8:fffe::1";

    /**
     * The addresses of the namespace under test, which no flow may use: egress to them would stay
     * on loopback, and ingress from them is a martian.
     */
    static final ImmutableSet<IPAddress> LOCAL_ADDRESSES = ImmutableSet.of(
            address(EGRESS_SOURCE_V4), address(EGRESS_SOURCE_V6), address(INGRESS_TARGET_V4), address(INGRESS_TARGET_V6));

    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

    private final KernelTools tools;
    private final String underTest;
    private final String peer;

    private ProbeNetwork(KernelTools tools, String underTest, String peer) {
        this.tools = tools;
        this.underTest = underTest;
        this.peer = peer;
    }

    /** Creates the pair, namespaces named {@code prefix-sut} and {@code prefix-peer}; deletes both if a step fails. */
    static ProbeNetwork create(KernelTools tools, String prefix) {
        ProbeNetwork network = new ProbeNetwork(tools, prefix + "-sut", prefix + "-peer");
        try {
            network.setUp();
            return network;
        } catch (RuntimeException | AssertionError e) {
            try {
                network.close();
            } catch (AssertionError cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    String underTest() {
        return underTest;
    }

    /** Runs {@code argv} inside the namespace under test. */
    Command inUnderTest(List<String> argv, String stdin, Duration timeout) {
        return Command.run(inNamespace(underTest, argv), stdin, timeout);
    }

    /** Runs {@code argv} inside the peer. */
    Command inPeer(List<String> argv, String stdin, Duration timeout) {
        return Command.run(inNamespace(peer, argv), stdin, timeout);
    }

    /** Deletes both namespaces (those that exist), which also removes the veth pair. */
    @Override
    public void close() {
        Namespaces.withoutInterrupt(this::deleteBoth);
    }

    private void deleteBoth() {
        List<String> left = Namespaces.existing(tools, underTest.substring(0, underTest.length() - "-sut".length()));
        AssertionError failure = null;
        for (String name : List.of(underTest, peer)) {
            if (!left.contains(name)) {
                continue;
            }
            try {
                Namespaces.delete(tools, name);
            } catch (AssertionError e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void setUp() {
        String ip = tools.ip().toString();
        mustSucceed(Command.run(List.of(ip, "netns", "add", underTest), "", SETUP_TIMEOUT));
        mustSucceed(Command.run(List.of(ip, "netns", "add", peer), "", SETUP_TIMEOUT));
        mustSucceed(Command.run(List.of(ip, "link", "add", LINK, "netns", underTest, "address", MAC, "type", "veth",
                "peer", "name", PEER_LINK, "netns", peer, "address", PEER_MAC), "", SETUP_TIMEOUT));
        mustSucceed(inUnderTest(List.of("sh", "-c", writeSysctls(
                "net/ipv4/icmp_ratelimit 0", "net/ipv4/icmp_msgs_per_sec 1000000", "net/ipv4/icmp_msgs_burst 1000000",
                "net/ipv6/icmp/ratelimit 0")), "", SETUP_TIMEOUT));
        mustSucceed(inPeer(List.of("sh", "-c", writeSysctls(
                "net/ipv6/conf/all/disable_ipv6 1", "net/ipv6/conf/default/disable_ipv6 1")), "", SETUP_TIMEOUT));
        mustSucceed(Command.run(List.of(ip, "-n", underTest, "-batch", "-"), String.join("\n",
                "link set lo up",
                "addr add " + EGRESS_SOURCE_V4 + "/32 dev " + LINK,
                "addr add " + INGRESS_TARGET_V4 + "/32 dev " + LINK,
                "addr add " + EGRESS_SOURCE_V6 + "/128 dev " + LINK + " nodad",
                "addr add " + INGRESS_TARGET_V6 + "/128 dev " + LINK + " nodad",
                "link set " + LINK + " up",
                "neigh add " + GATEWAY_V4 + " lladdr " + PEER_MAC + " dev " + LINK + " nud permanent",
                "neigh add " + GATEWAY_V6 + " lladdr " + PEER_MAC + " dev " + LINK + " nud permanent",
                "route add 0.0.0.0/0 via " + GATEWAY_V4 + " dev " + LINK + " onlink src " + EGRESS_SOURCE_V4,
                "route add ::/0 via " + GATEWAY_V6 + " dev " + LINK + " onlink src " + EGRESS_SOURCE_V6) + "\n",
                SETUP_TIMEOUT));
        mustSucceed(Command.run(List.of(ip, "-n", peer, "link", "set", PEER_LINK, "arp", "off", "up"), "", SETUP_TIMEOUT));
    }

    /**
     * A shell command that sets each {@code "key value"} under /proc/sys of the namespace it runs
     * in, skipping keys this kernel does not have per namespace (never the host's).
     */
    private static String writeSysctls(String... settings) {
        List<String> steps = new ArrayList<>(List.of("set -e"));
        for (String setting : settings) {
            String[] parts = setting.split(" ");
            steps.add("if [ -e /proc/sys/" + parts[0] + " ]; then echo " + parts[1] + " > /proc/sys/" + parts[0] + "; fi");
        }
        return String.join("; ", steps);
    }

    private ImmutableList<String> inNamespace(String namespace, List<String> argv) {
        return ImmutableList.<String>builder().add(tools.ip().toString(), "netns", "exec", namespace).addAll(argv).build();
    }

    private static void mustSucceed(Command command) {
        if (!command.ok()) {
            throw new AssertionError("setting up the probe namespaces failed: " + command.describe());
        }
    }

    private static IPAddress address(String text) {
        return new IPAddressString(text).getAddress();
    }
}
