package dev.policyc.core.lint;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A reproducible bound policy of many small rules, as a generated policy might have: tcp/udp
 * allows to a few prefixes inside {@code 10.0.0.0/8} on a few ports each, and one rule in ten a
 * deny, so that rules overlap, repeat and override each other.
 */
public final class ManyRules {

    private static final int[] PORTS = {22, 53, 80, 443, 5432, 8080, 8443};

    private ManyRules() {}

    public static PolicyIr generate(int rules, long seed) {
        Random random = new Random(seed);
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            Verdict verdict = random.nextInt(10) == 0 ? Verdict.DENY : Verdict.ALLOW;
            Direction direction = random.nextInt(4) == 0 ? Direction.IN : Direction.OUT;
            Set<Protocol> protocols = random.nextBoolean() ? Set.of(Protocol.TCP) : Set.of(Protocol.TCP, Protocol.UDP);
            List<Endpoint> peer = new ArrayList<>();
            SourceSpan span = SourceSpan.at("many.policy", i + 2, 5);
            for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                IPAddress block = new IPv4Address((10 << 24) | random.nextInt(1 << 16) << 8 | random.nextInt(256),
                        16 + random.nextInt(17)).toPrefixBlock();
                peer.add(new Endpoint.Block(block, "cidr " + block.toCanonicalString(), span));
            }
            Optional<PortSet> ports = verdict == Verdict.DENY && random.nextBoolean()
                    ? Optional.empty() : Optional.of(PortSet.of(PORTS[random.nextInt(PORTS.length)]));
            out.add(new Rule(verdict, direction, ImmutableSet.copyOf(protocols), Optional.of(ImmutableList.copyOf(peer)),
                    ports, false, Optional.empty(), span));
        }
        return new PolicyIr("many", SourceSpan.at("many.policy", 1, 1), DefaultAction.implicitDeny(),
                DefaultAction.implicitDeny(), ImmutableList.copyOf(out));
    }
}
