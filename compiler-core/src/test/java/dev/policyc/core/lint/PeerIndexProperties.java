package dev.policyc.core.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.testing.IrArbitraries;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link PeerIndex} against comparing every pair of blocks. */
class PeerIndexProperties {

    @Provide
    Arbitrary<List<Rule>> rules() {
        return IrArbitraries.rules().list().ofMaxSize(15);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void candidatesAreTheRulesWhoseAddressesMeet(@ForAll("rules") List<Rule> rules, @ForAll("rules") List<Rule> queries) {
        PeerIndex index = new PeerIndex(rules);
        for (Rule query : queries) {
            TreeSet<Integer> expected = new TreeSet<>();
            for (int i = 0; i < rules.size(); i++) {
                if (addressesMeet(rules.get(i), query)) {
                    expected.add(i);
                }
            }
            assertEquals(expected, index.candidates(query), () -> query + " against " + rules);
        }
    }

    private static boolean addressesMeet(Rule a, Rule b) {
        if (a.peer().isEmpty() || b.peer().isEmpty()) {
            return true;
        }
        for (Endpoint x : a.peer().get()) {
            for (Endpoint y : b.peer().get()) {
                Endpoint.Block p = (Endpoint.Block) x;
                Endpoint.Block q = (Endpoint.Block) y;
                if (p.family() == q.family() && p.block().overlaps(q.block())) {
                    return true;
                }
            }
        }
        return false;
    }
}
