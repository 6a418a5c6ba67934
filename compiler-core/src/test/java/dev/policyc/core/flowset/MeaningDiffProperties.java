package dev.policyc.core.flowset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.testing.IrArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** diff of a policy with itself is empty; applying diff(A, B) to A's meaning gives B's. */
class MeaningDiffProperties {

    @Provide
    Arbitrary<PolicyIr> policies() {
        return IrArbitraries.boundPolicies();
    }

    @Property(tries = 300)
    void aPolicyDiffedWithItselfIsEquivalent(@ForAll("policies") PolicyIr policy) {
        assertTrue(MeaningDiff.between(policy, policy).isEquivalent());
    }

    @Property(tries = 300)
    void applyingTheDiffToTheOldMeaningGivesTheNewOne(
            @ForAll("policies") PolicyIr before, @ForAll("policies") PolicyIr after) {
        MeaningDiff diff = MeaningDiff.between(before, after);
        assertEquals(PolicyMeaning.accepted(after), diff.applyTo(PolicyMeaning.accepted(before)));
        assertTrue(diff.newlyAccepted().intersection(diff.newlyDropped()).isEmpty());
        assertEquals(diff.isEquivalent(), PolicyMeaning.accepted(before).equals(PolicyMeaning.accepted(after)));
    }
}
