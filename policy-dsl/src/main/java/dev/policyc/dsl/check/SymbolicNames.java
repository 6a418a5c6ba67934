package dev.policyc.dsl.check;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.ir.EndpointBinder;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.net.NameResolver;
import dev.policyc.core.net.Resolution;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code dns} names and {@code resolver} to stand-in addresses so that the exact lints
 * can run at check time, when real addresses are not known. Each name gets its own IPv4
 * address in 240.0.0.0/4 (reserved) and IPv6 address in 100::/64 (discard-only), which no
 * real policy names, so a name's rule is judged as if its addresses overlapped nothing but
 * the rules that cover every address. That is the only sound reading before resolution: a
 * lint that fires here fires whatever the names resolve to, except where a real address
 * happens to fall into another rule's prefix.
 */
final class SymbolicNames {

    private static final String V4_BASE = "240.0.";
    private static final String V6_BASE = "100::";

    private SymbolicNames() {}

    /** {@code policy} with every name bound to stand-in addresses; empty if binding failed. */
    static Optional<PolicyIr> bind(PolicyIr policy) {
        Map<String, Integer> numbers = new HashMap<>();
        NameResolver stand = name -> {
            int n = numbers.computeIfAbsent(name, k -> numbers.size() + 2);
            return Resolution.Addresses.of(List.of(v4(n), v6(n)));
        };
        EndpointBinder binder = new EndpointBinder(Optional.of(stand), Optional.of(ImmutableList.of(v4(1), v6(1))));
        return binder.bind(policy).policy();
    }

    private static IPAddress v4(int n) {
        return new IPAddressString(V4_BASE + (n / 256) + "." + (n % 256)).getAddress();
    }

    private static IPAddress v6(int n) {
        return new IPAddressString(V6_BASE + Integer.toHexString(n)).getAddress();
    }
}
