package dev.policyc.backend.iptables.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import dev.policyc.backend.iptables.IptablesBackend;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.eval.Flow;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.testing.IrArbitraries;
import dev.policyc.core.verify.PolicyCheck;
import dev.policyc.core.verify.VerificationResult;
import dev.policyc.core.verify.Verifier;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Policies whose rules name many blocks, so that the iptables target writes guards, address
 * chains and trees of chains: the reader proves them equal to the policy; and with a leaf line
 * of a tree taken out (one block of one rule no longer matched there) the files change only flows
 * of that block, and verify fails, with a counterexample among them, exactly when some change.
 */
class IptTreeVerifyProperties {

    private static final Verifier VERIFIER = Verifier.of(new IptablesBackend(), new IptReader());
    /** A line of an address chain or tree node that matches one block and decides (or jumps to a verdict chain). */
    private static final Pattern LEAF = Pattern.compile("(?m)^-A PC-\\S+-[AT]\\d+ -[sd] \\S+ -j (ACCEPT|DROP|PC-\\S+-V\\d+)$");

    @Property(tries = 60)
    void policiesWithLongAddressListsAreProvedEquivalent(@ForAll("policies") PolicyIr policy) {
        Program program = new Program(ImmutableList.of(policy));
        List<Artifact> files = new IptablesBackend().emit(program, EmitOptions.defaults()).artifacts();
        boolean tree = files.stream().anyMatch(a -> a.content().contains("-j PC-" + policy.name() + "-T"));
        Statistics.label("shape").collect(tree ? "tree" : files.stream().anyMatch(a -> a.content().contains("-A PC-")) ? "guard" : "flat");
        VerificationResult result = VERIFIER.verifyArtifacts(program, files);
        assertTrue(result.passed(), () -> result.diagnostics().toString());
    }

    @Property(tries = 60)
    void aLeafLineTakenOutIsFoundWhenItMatters(@ForAll("policies") PolicyIr policy, @ForAll int pick) {
        Program program = new Program(ImmutableList.of(policy));
        List<Artifact> files = new IptablesBackend().emit(program, EmitOptions.defaults()).artifacts();
        List<int[]> leaves = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            Matcher m = LEAF.matcher(files.get(f).content());
            while (m.find()) {
                leaves.add(new int[] {f, m.start(), m.end()});
            }
        }
        Statistics.label("has leaves").collect(!leaves.isEmpty());
        if (leaves.isEmpty()) {
            return;
        }
        int[] leaf = leaves.get(Math.floorMod(pick, leaves.size()));
        List<Artifact> mutated = new ArrayList<>(files);
        Artifact file = files.get(leaf[0]);
        String content = file.content();
        mutated.set(leaf[0], new Artifact(file.path(), content.substring(0, leaf[1]) + content.substring(leaf[2] + 1), file.executable()));
        String line = content.substring(leaf[1], leaf[2]);
        IPAddress block = new IPAddressString(line.split(" ")[3]).getAddress();
        // The block's flows now go on past the rule: they may change, nothing else may.
        FlowSet changed = PolicyMeaning.accepted(policy)
                .symmetricDifference(new IptReader().read(mutated).policies().get(policy.name()).accepted());
        FlowSet inBlock = FlowSet.box(EnumSet.allOf(Direction.class), ImmutableRangeSet.of(Range.closed(0, 255)), List.of(block),
                Optional.empty());
        assertTrue(inBlock.containsAll(changed), () -> "taking out " + line + " changes flows outside its block: " + changed);
        VerificationResult result = VERIFIER.verifyArtifacts(program, mutated);
        Statistics.label("caught").collect(!result.passed());
        assertEquals(changed.isEmpty(), result.passed(), line);
        if (!result.passed()) {
            Flow flow = ((PolicyCheck.Mismatch) result.checks().get(0)).counterexample().flow();
            assertTrue(changed.contains(flow), () -> "the counterexample " + flow + " is a flow the line taken out decided: " + line);
        }
    }

    /** Bound policies whose rules with a peer get 5 to 120 more blocks each, so many become trees. */
    @Provide
    Arbitrary<PolicyIr> policies() {
        Arbitrary<List<Endpoint>> extra = IrArbitraries.families().flatMap(family -> Combinators.combine(
                        IrArbitraries.addresses(family),
                        Arbitraries.integers().between(0, 4095).list().ofMinSize(5).ofMaxSize(120))
                .as((base, offsets) -> {
                    List<Endpoint> blocks = new ArrayList<>();
                    for (int offset : offsets) {
                        BigInteger value = base.getValue().add(BigInteger.valueOf(2L * offset));
                        if (value.compareTo(IrArbitraries.maxValue(family)) <= 0) {
                            IPAddress host = IrArbitraries.addressOf(family, value);
                            blocks.add(new Endpoint.Block(host.toPrefixBlock(host.getBitCount()), "host " + host, SourceSpan.at(IrArbitraries.FILE, 1, 1)));
                        }
                    }
                    return blocks;
                }));
        return Combinators.combine(IrArbitraries.boundPolicies(), extra.list().ofSize(8)).as((p, extras) -> {
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < p.rules().size(); i++) {
                Rule r = p.rules().get(i);
                if (r.peer().isPresent()) {
                    List<Endpoint> peer = new ArrayList<>(r.peer().get());
                    peer.addAll(extras.get(i));
                    r = r.withPeer(Optional.of(ImmutableList.copyOf(peer)));
                }
                rules.add(r);
            }
            return new PolicyIr("many", p.span(), p.defaultIn(), p.defaultOut(), ImmutableList.copyOf(rules));
        });
    }
}
