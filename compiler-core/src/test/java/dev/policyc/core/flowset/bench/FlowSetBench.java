package dev.policyc.core.flowset.bench;

import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.PolicyIr;
import inet.ipaddr.IPAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Flow-set analysis of a policy with many prefixes, against two baselines measured in the same
 * run: sorting the same prefixes as IPAddress objects, and sorting just their first IPv4
 * addresses as primitive longs. How to run it: docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FlowSetBench {

    @Param({"100000"})
    public int ipv4Prefixes;

    @Param({"2000"})
    public int ipv6Prefixes;

    private PolicyIr policy;
    private PolicyIr changed;
    private FlowSet accepted;
    private IPAddress[] blocks;
    private long[] ipv4Starts;

    @Setup
    public void setUp() {
        policy = LargePolicy.generate(ipv4Prefixes, ipv6Prefixes, 1);
        // The same policy without its deny rule: a small edit with a large effect for `diff`.
        changed = policy.withRules(policy.rules().subList(0, policy.rules().size() - 1));
        accepted = PolicyMeaning.accepted(policy);
        blocks = LargePolicy.blocks(policy);
        ipv4Starts = Arrays.stream(blocks).filter(IPAddress::isIPv4).mapToLong(b -> b.toIPv4().longValue()).toArray();
    }

    /** Policy to the exact set of accepted flows. */
    @Benchmark
    public FlowSet accepted() {
        return PolicyMeaning.accepted(policy);
    }

    /** Both policies analysed, then the flows whose verdict differs: the work of {@code policyc diff}. */
    @Benchmark
    public FlowSet diffAfterDroppingARule() {
        return PolicyMeaning.accepted(policy).symmetricDifference(PolicyMeaning.accepted(changed));
    }

    /** One set operation on an analysed policy: everything it drops. */
    @Benchmark
    public FlowSet complement() {
        return accepted.complement();
    }

    /** Baseline: order the same prefixes by the IPAddress library's natural order. */
    @Benchmark
    public IPAddress[] baselineSortPrefixes() {
        IPAddress[] copy = blocks.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Baseline: sort the IPv4 prefixes' first addresses as primitive longs. */
    @Benchmark
    public long[] baselineSortIpv4Longs() {
        long[] copy = ipv4Starts.clone();
        Arrays.sort(copy);
        return copy;
    }
}
