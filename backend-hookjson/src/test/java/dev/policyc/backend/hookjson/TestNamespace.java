package dev.policyc.backend.hookjson;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A network namespace of the test's own, deleted by {@link #close()}: loopback up, and a
 * black-hole device (ifb) as its only other link, with every route into it, so that nothing the
 * hook sends (name lookups) ever leaves the namespace. The device has documentation addresses
 * (192.0.2.1/24, 2001:db8::1/64), as a container has addresses: getent asks getaddrinfo for
 * only the families the host has addresses in ({@code AI_ADDRCONFIG}).
 */
final class TestNamespace implements AutoCloseable {

    final String name;

    private TestNamespace(String name) {
        this.name = name;
    }

    static TestNamespace create(String prefix) {
        TestNamespace ns = new TestNamespace(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        HostTools.ip("netns", "add", ns.name);
        try {
            HostTools.ip("-n", ns.name, "link", "set", "lo", "up");
            HostTools.ip("-n", ns.name, "link", "add", "d0", "type", "ifb");
            HostTools.ip("-n", ns.name, "address", "add", "192.0.2.1/24", "dev", "d0");
            HostTools.ip("-n", ns.name, "-6", "address", "add", "2001:db8::1/64", "dev", "d0", "nodad");
            HostTools.ip("-n", ns.name, "link", "set", "d0", "up");
            HostTools.ip("-n", ns.name, "route", "add", "default", "dev", "d0");
            HostTools.ip("-n", ns.name, "-6", "route", "add", "default", "dev", "d0");
        } catch (RuntimeException | AssertionError e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** {@code command} inside the namespace, with {@code env} and {@code stdin}. */
    HostTools.Result exec(List<String> command, Map<String, String> env, String stdin) {
        List<String> full = new ArrayList<>(List.of(HostTools.path("ip"), "netns", "exec", name));
        full.addAll(command);
        return HostTools.run(full, env, stdin, 90);
    }

    HostTools.Result exec(String... command) {
        return exec(List.of(command), Map.of(), "");
    }


    @Override
    public void close() {
        HostTools.Result deleted = HostTools.run(List.of(HostTools.path("ip"), "netns", "delete", name));
        assertTrue(deleted.ok(), () -> "could not delete namespace " + name + ": " + deleted);
    }
}
