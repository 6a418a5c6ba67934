package dev.policyc.dsl.testing;

import static dev.policyc.dsl.testing.Asts.allow;
import static dev.policyc.dsl.testing.Asts.host;
import static dev.policyc.dsl.testing.Asts.net;
import static dev.policyc.dsl.testing.Asts.policy;
import static dev.policyc.dsl.testing.Asts.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Name;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.Trivia;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AstNormalizerProperties {

    @Provide
    Arbitrary<SourceUnit> units() {
        return AstArbitraries.sourceUnits();
    }

    /** Found by reflection over the records, so that a span the normaliser forgets cannot hide. */
    @Property(tries = 100)
    void replacesEverySpan(@ForAll("units") SourceUnit unit) {
        SourceUnit normalized = AstNormalizer.withoutSpans(unit);

        assertEquals(AstNormalizer.FILE, normalized.file());
        List<SourceSpan> spans = new ArrayList<>();
        collectSpans(normalized, spans);
        assertFalse(spans.isEmpty());
        assertTrue(spans.stream().allMatch(AstNormalizer.SPAN::equals), spans::toString);
    }

    @Property(tries = 100)
    void keepsCommentsUnlessAskedAndIsIdempotent(@ForAll("units") SourceUnit unit) {
        SourceUnit normalized = AstNormalizer.withoutSpans(unit);
        SourceUnit bare = AstNormalizer.withoutSpansOrTrivia(unit);

        assertEquals(AstNormalizer.commentTexts(unit), AstNormalizer.commentTexts(normalized));
        assertEquals(List.of(), AstNormalizer.commentTexts(bare));
        assertEquals(normalized, AstNormalizer.withoutSpans(normalized));
        assertEquals(bare, AstNormalizer.withoutSpansOrTrivia(normalized));
    }

    @Example
    void comparesMeaningNotPlacesOrComments() {
        SourceUnit written = unit(net("a", host("192.0.2.1")), policy("p", allow().out().build()));
        SourceUnit elsewhere = new SourceUnit("other.yaml",
                ImmutableList.of(
                        new NetDefine(new Name("a", SourceSpan.at("other.yaml", 3, 5)),
                                ImmutableList.of(new EndpointNode.Host("192.0.2.1", SourceSpan.at("other.yaml", 3, 9))),
                                SourceSpan.at("other.yaml", 3, 1),
                                new Trivia(ImmutableList.of(" commented"), Optional.of("x"), true)),
                        written.items().get(1)),
                ImmutableList.of("end"));
        SourceUnit otherMeaning = unit(net("a", host("192.0.2.2")), policy("p", allow().out().build()));

        assertNotEquals(written, elsewhere);
        assertTrue(AstNormalizer.sameIgnoringSpansAndTrivia(written, elsewhere));
        assertNotEquals(AstNormalizer.withoutSpans(written), AstNormalizer.withoutSpans(elsewhere));
        assertFalse(AstNormalizer.sameIgnoringSpansAndTrivia(written, otherMeaning));
    }

    private static void collectSpans(Object value, List<SourceSpan> spans) {
        if (value instanceof SourceSpan span) {
            spans.add(span);
        } else if (value instanceof Optional<?> optional) {
            optional.ifPresent(v -> collectSpans(v, spans));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(v -> collectSpans(v, spans));
        } else if (value != null && value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                try {
                    collectSpans(component.getAccessor().invoke(value), spans);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
