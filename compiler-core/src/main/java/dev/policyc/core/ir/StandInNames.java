package dev.policyc.core.ir;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.net.NameResolver;
import dev.policyc.core.net.Resolution;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code dns} names and {@code resolver} to stand-in addresses, for analyses that must
 * run before real addresses are known: the exact lints at check time, and {@code verify}
 * without {@code --hosts} (the emitters treat every address alike, so a proof for stand-ins
 * carries over). Each name gets its own IPv4
 * address in 240.0.0.0/4 (reserved) and IPv6 address in 100::/64 (discard-only), which no
 * real policy names, so a name's rule is judged as if its addresses overlapped nothing but
 * the rules that cover every address. That is the only sound reading before resolution: a
 * lint that fires here fires whatever the names resolve to, except where a real address
 * happens to fall into another rule's prefix.
 */
public final class StandInNames {

    private static final String V4_BASE = "240.0.";
    private static final String V6_BASE = "100::";

    private StandInNames() {}

    /** {@code policy} with every name bound to stand-in addresses; empty if binding failed. */
    public static Optional<PolicyIr> bind(PolicyIr policy) {
        Map<String, Integer> numbers = new HashMap<>();
        NameResolver stand = name -> {
            int n = numbers.computeIfAbsent(name, k -> numbers.size() + 2);
            return Resolution.Addresses.of(List.of(v4(n), v6(n)));
        };
        EndpointBinder binder = new EndpointBinder(Optional.of(stand), Optional.of(ImmutableList.of(v4(1), v6(1))));
        return binder.bind(policy).policy();
    }

    /** {@code program} with every name bound to stand-in addresses; empty if binding failed. */
    public static Optional<Program> bind(Program program) {
        ImmutableList.Builder<PolicyIr> bound = ImmutableList.builder();
        for (PolicyIr policy : program.policies()) {
            Optional<PolicyIr> one = bind(policy);
            if (one.isEmpty()) {
                return Optional.empty();
            }
            bound.add(one.get());
        }
        return Optional.of(new Program(bound.build()));
    }

    private static IPAddress v4(int n) {
        return new IPAddressString(V4_BASE + (n / 256) + "." + (n % 256)).getAddress();
    }

    private static IPAddress v6(int n) {
        return new IPAddressString(V6_BASE + Integer.toHexString(n)).getAddress();
    }
}
