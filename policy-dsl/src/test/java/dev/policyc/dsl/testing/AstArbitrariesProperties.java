package dev.policyc.dsl.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.SourceSpan;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Node;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.TopLevel;
import dev.policyc.dsl.ast.Trivia;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The generator keeps its promise: every unit it makes is valid by the spec's rules. */
class AstArbitrariesProperties {

    @Provide
    Arbitrary<SourceUnit> units() {
        return AstArbitraries.sourceUnits();
    }

    @Provide
    Arbitrary<SourceUnit> unitsWithoutDns() {
        return AstArbitraries.sourceUnits(AstArbitraries.Options.ALL.withoutDnsOrResolver());
    }

    @Provide
    Arbitrary<SourceUnit> unitsWithoutTrivia() {
        return AstArbitraries.sourceUnits(AstArbitraries.Options.ALL.withoutTrivia());
    }

    @Property(tries = 500)
    void generatesOnlyValidUnits(@ForAll("units") SourceUnit unit) {
        assertEquals(List.of(), ValidityOracle.violations(unit));
        assertTrue(unit.includes().isEmpty());
        assertFalse(unit.policies().isEmpty());
    }

    /** As in a parsed file, where no two statements start at one place. */
    @Property(tries = 100)
    void givesEveryStatementItsOwnSpan(@ForAll("units") SourceUnit unit) {
        List<SourceSpan> spans = AstWalk.statements(unit).map(Node::span).toList();

        assertEquals(spans.size(), Set.copyOf(spans).size());
    }

    @Property(tries = 200)
    void withoutDnsOrResolverGeneratesNeither(@ForAll("unitsWithoutDns") SourceUnit unit) {
        assertEquals(List.of(), ValidityOracle.violations(unit));
        assertTrue(AstWalk.endpoints(unit).noneMatch(e -> e instanceof EndpointNode.Dns || e instanceof EndpointNode.Resolver));
    }

    @Property(tries = 200)
    void withoutTriviaGeneratesNoComments(@ForAll("unitsWithoutTrivia") SourceUnit unit) {
        assertEquals(List.of(), AstNormalizer.commentTexts(unit));
        assertTrue(AstWalk.statements(unit).allMatch(item -> trivia(item).equals(Trivia.NONE)));
    }

    private static Trivia trivia(Node statement) {
        return statement instanceof TopLevel item ? item.trivia() : ((PolicyItem) statement).trivia();
    }
}
