package dev.policyc.core.eval;

import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.ir.Verdict;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A second, deliberately different reading of the language page, to check
 * {@link ReferenceEvaluator} against: addresses become unsigned numbers compared with each block's
 * numeric first and last address (computed here from its bytes and prefix length, not by the
 * IPAddress library), protocols are spelled out as numbers and families, ports are compared with
 * range ends, and the rules are one flat scan.
 */
final class NaiveEvaluator {

    /** Every matching rule by verdict, and the verdict they (or the default) give. */
    record Outcome(Verdict verdict, List<Rule> denies, List<Rule> allows, DefaultAction defaultUsed) {}

    private NaiveEvaluator() {}

    static Outcome evaluate(PolicyIr policy, Flow flow) {
        List<Rule> denies = new ArrayList<>();
        List<Rule> allows = new ArrayList<>();
        for (int i = 0; i < policy.rules().size(); i++) {
            Rule rule = policy.rules().get(i);
            if (matches(rule, flow)) {
                if (rule.verdict() == Verdict.DENY) {
                    denies.add(rule);
                } else {
                    allows.add(rule);
                }
            }
        }
        if (denies.size() > 0) {
            return new Outcome(Verdict.DENY, denies, allows, null);
        }
        if (allows.size() > 0) {
            return new Outcome(Verdict.ALLOW, denies, allows, null);
        }
        DefaultAction byDefault = flow.direction() == Direction.IN ? policy.defaultIn() : policy.defaultOut();
        return new Outcome(byDefault.verdict(), denies, allows, byDefault);
    }

    static boolean matches(Rule rule, Flow flow) {
        if (rule.direction() != flow.direction()) {
            return false;
        }
        byte[] flowBytes = flow.address().getBytes();
        boolean ipv4 = flowBytes.length == 4;
        if (!rule.protocols().isEmpty()) {
            boolean protocolFound = false;
            for (Protocol p : rule.protocols()) {
                boolean hit = switch (p) {
                    case TCP -> flow.protocol() == 6;
                    case UDP -> flow.protocol() == 17;
                    case ICMP -> flow.protocol() == 1 && ipv4;
                    case ICMPV6 -> flow.protocol() == 58 && !ipv4;
                };
                protocolFound = protocolFound || hit;
            }
            if (!protocolFound) {
                return false;
            }
        }
        if (rule.peer().isPresent()) {
            BigInteger value = new BigInteger(1, flowBytes);
            boolean inSomeBlock = false;
            for (Endpoint endpoint : rule.peer().get()) {
                Endpoint.Block block = (Endpoint.Block) endpoint;
                byte[] blockBytes = block.block().getBytes();
                if (blockBytes.length != flowBytes.length) {
                    continue;
                }
                int bits = blockBytes.length * 8;
                Integer length = block.block().getNetworkPrefixLength();
                int prefix = length == null ? bits : length;
                BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
                BigInteger first = new BigInteger(1, blockBytes).andNot(hostMask);
                BigInteger last = first.or(hostMask);
                if (value.compareTo(first) >= 0 && value.compareTo(last) <= 0) {
                    inSomeBlock = true;
                }
            }
            if (!inSomeBlock) {
                return false;
            }
        }
        if (rule.ports().isPresent()) {
            if (flow.port().isEmpty()) {
                return false;
            }
            int port = flow.port().getAsInt();
            boolean inSomeRange = false;
            for (int[] range : rule.ports().get().closedRanges()) {
                if (range[0] <= port && port <= range[1]) {
                    inSomeRange = true;
                }
            }
            if (!inSomeRange) {
                return false;
            }
        }
        return true;
    }
}
