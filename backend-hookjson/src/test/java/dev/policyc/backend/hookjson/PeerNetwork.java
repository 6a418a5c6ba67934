package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two network namespaces of the test's own joined by a veth pair: the container's (podman joins
 * it with {@code --network ns:/run/netns/NAME}) and a peer holding HTTP servers at documentation
 * addresses. The container side has no other link and no default route, so nothing it sends
 * goes anywhere but the peer. {@link #close()} stops the servers and deletes both namespaces.
 */
final class PeerNetwork implements AutoCloseable {

    /** Where servers listen, as ADDRESS:PORT (IPv6 in brackets for busybox httpd). */
    static final List<String> SERVERS = List.of("192.0.2.10:80", "192.0.2.20:80", "192.0.2.20:8080", "[2001:db8::10]:80");
    /** A nameserver address in the peer where nothing listens: lookups there fail at once. */
    static final String NAMESERVER = "192.0.2.53";

    final String container;
    final String peer;
    private final List<Process> servers = new ArrayList<>();

    private PeerNetwork(String id) {
        this.container = "policyc-e2e-ctr-" + id;
        this.peer = "policyc-e2e-peer-" + id;
    }

    static PeerNetwork create(Path www) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        PeerNetwork net = new PeerNetwork(id);
        HostTools.ip("netns", "add", net.container);
        try {
            HostTools.ip("netns", "add", net.peer);
            HostTools.ip("link", "add", "pcy" + id + "a", "netns", net.container, "type", "veth", "peer", "name", "pcy" + id + "b",
                    "netns", net.peer);
            HostTools.ip("-n", net.container, "address", "add", "192.0.2.1/24", "dev", "pcy" + id + "a");
            HostTools.ip("-n", net.container, "-6", "address", "add", "2001:db8::1/64", "dev", "pcy" + id + "a", "nodad");
            for (String address : List.of("192.0.2.10/24", "192.0.2.20/24", NAMESERVER + "/24")) {
                HostTools.ip("-n", net.peer, "address", "add", address, "dev", "pcy" + id + "b");
            }
            HostTools.ip("-n", net.peer, "-6", "address", "add", "2001:db8::10/64", "dev", "pcy" + id + "b", "nodad");
            for (String ns : List.of(net.container, net.peer)) {
                HostTools.ip("-n", ns, "link", "set", "lo", "up");
            }
            HostTools.ip("-n", net.container, "link", "set", "pcy" + id + "a", "up");
            HostTools.ip("-n", net.peer, "link", "set", "pcy" + id + "b", "up");
            for (String listen : SERVERS) {
                net.servers.add(HostTools.serve(List.of(HostTools.path("ip"), "netns", "exec", net.peer), listen, www));
            }
            for (String listen : SERVERS) {
                HostTools.awaitPage(List.of(HostTools.path("ip"), "netns", "exec", net.container), listen, PodmanHarness.PAGE);
            }
        } catch (RuntimeException | AssertionError e) {
            net.close();
            throw e;
        }
        return net;
    }

    /** The container namespace's ruleset. */
    String ruleset() {
        HostTools.Result listed = inContainer(List.of(HostTools.path("nft"), "list", "ruleset"), "");
        assertTrue(listed.ok(), listed::toString);
        return listed.stdout();
    }

    /** Empties the container namespace's ruleset, so that the next test starts from nothing. */
    void flush() {
        HostTools.Result flushed = inContainer(List.of(HostTools.path("nft"), "flush", "ruleset"), "");
        assertTrue(flushed.ok(), flushed::toString);
    }

    private HostTools.Result inContainer(List<String> command, String stdin) {
        List<String> full = new ArrayList<>(List.of(HostTools.path("ip"), "netns", "exec", container));
        full.addAll(command);
        return HostTools.run(full, Map.of(), stdin, 30);
    }


    @Override
    public void close() {
        HostTools.stop(servers);
        for (String ns : List.of(container, peer)) {
            HostTools.run(List.of(HostTools.path("ip"), "netns", "delete", ns));
        }
    }
}
