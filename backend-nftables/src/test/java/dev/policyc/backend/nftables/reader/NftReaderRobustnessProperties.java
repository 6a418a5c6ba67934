package dev.policyc.backend.nftables.reader;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.backend.nftables.NftablesBackend;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.testing.IrArbitraries;
import dev.policyc.core.verify.ReadResult;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Damaged files never make the reader throw or hang, and never give a meaning together with an
 * error: whatever the text, the result is a meaning or the reasons there is none.
 */
class NftReaderRobustnessProperties {

    private static final List<String> PIECES = List.of("{", "}", ";", ",", "=", "\"", "#", "\n", " ", "@", "/", "-", "!=",
            "table", "chain", "set", "delete", "inet", "policy", "type", "accept", "drop", "ip", "ip6", "saddr", "daddr",
            "tcp", "th", "dport", "elements", "flags", "interval", "ct", "state", "new", "10.0.0.0/8", "::/0", "65535", "0");

    @Property(tries = 300)
    void damagedFilesGiveAMeaningOrErrorsNeverBoth(@ForAll("damaged") String text) {
        ReadResult read = new NftReader().read(List.of(Artifact.file("p.nft", text)));
        assertTrue(read.policies().isEmpty() || !read.hasErrors(), () -> read.diagnostics() + "\n" + text);
        assertTrue(!read.policies().isEmpty() || read.hasErrors(), () -> "no meaning and no reason:\n" + text);
    }

    /** Emitted files with a stretch cut out and a few pieces of nft syntax put in at random places. */
    @Provide
    Arbitrary<String> damaged() {
        Arbitrary<String> emitted = IrArbitraries.boundPolicies().map(NftReaderRobustnessProperties::emit);
        return emitted.flatMap(text -> Combinators.combine(
                        Arbitraries.integers().between(0, text.length()),
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.of(PIECES).list().ofMaxSize(4),
                        Arbitraries.integers().between(0, text.length()).list().ofMinSize(4).ofMaxSize(4))
                .as((cut, length, pieces, places) -> {
                    StringBuilder s = new StringBuilder(text);
                    s.delete(cut, Math.min(text.length(), cut + length));
                    for (int i = 0; i < pieces.size(); i++) {
                        s.insert(Math.min(s.length(), places.get(i)), pieces.get(i));
                    }
                    return s.toString();
                }));
    }

    private static String emit(PolicyIr policy) {
        PolicyIr named = new PolicyIr("p", policy.span(), policy.defaultIn(), policy.defaultOut(), policy.rules());
        return new NftablesBackend().emit(new Program(ImmutableList.of(named)), EmitOptions.defaults()).artifacts().get(0).content();
    }
}
