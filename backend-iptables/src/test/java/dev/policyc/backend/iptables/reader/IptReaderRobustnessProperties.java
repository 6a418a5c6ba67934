package dev.policyc.backend.iptables.reader;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.backend.iptables.IptablesBackend;
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
import net.jqwik.api.statistics.Statistics;

/**
 * Damaged files never make the reader throw or hang, and never give a meaning together with an
 * error: whatever the text, the result is a meaning or the reasons there is none.
 */
class IptReaderRobustnessProperties {

    private static final List<String> PIECES = List.of("\"", "\\", "\n", " ", "\t", "#", "*", ":", ",", "/", "!", "-", "--",
            "*filter", "COMMIT", "-A", "-F", "-j", "-m", "-p", "-s", "-d", "-i", "lo", "INPUT", "OUTPUT", "RETURN", "ACCEPT", "DROP",
            "LOG", "tcp", "multiport", "--dport", "--dports", "conntrack", "--ctstate", "NEW", "[0:0]", "10.0.0.0/8", "::/0",
            "65535", "0", "1:2,3");

    @Property(tries = 300)
    void damagedFilesGiveAMeaningOrErrorsNeverBoth(@ForAll("damaged") String v4, @ForAll("damaged") String v6) {
        ReadResult read = new IptReader().read(List.of(Artifact.file("p.v4.rules", v4), Artifact.file("p.v6.rules", v6)));
        assertTrue(read.policies().isEmpty() || !read.hasErrors(), () -> read.diagnostics() + "\n" + v4 + "\n" + v6);
        assertTrue(!read.policies().isEmpty() || read.hasErrors(), () -> "no meaning and no reason:\n" + v4 + "\n" + v6);
        // Some damage is harmless (in a comment, say): both outcomes must be seen for the property to say much.
        Statistics.collect(read.policies().isEmpty() ? "errors" : "meaning");
        Statistics.coverage(checker -> {
            checker.check("errors").percentage(p -> p > 30);
            checker.check("meaning").percentage(p -> p > 3);
        });
    }

    /** Emitted files with a stretch cut out and a few pieces of iptables-restore syntax put in at random places. */
    @Provide
    Arbitrary<String> damaged() {
        Arbitrary<String> emitted = Combinators.combine(IrArbitraries.boundPolicies(), Arbitraries.of(0, 1))
                .as(IptReaderRobustnessProperties::emit);
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

    /** The v4 (0) or v6 (1) file of {@code policy}, named p. */
    private static String emit(PolicyIr policy, int file) {
        PolicyIr named = new PolicyIr("p", policy.span(), policy.defaultIn(), policy.defaultOut(), policy.rules());
        return new IptablesBackend().emit(new Program(ImmutableList.of(named)), EmitOptions.defaults()).artifacts().get(file).content();
    }
}
