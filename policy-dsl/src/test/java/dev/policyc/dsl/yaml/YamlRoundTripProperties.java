package dev.policyc.dsl.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.TopLevel;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.parse.ParseResult;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Writing any AST and reading it back gives the same AST, and writing again the same text. */
class YamlRoundTripProperties {

    @Provide
    Arbitrary<SourceUnit> units() {
        return AstArbitraries.units();
    }

    @Property(tries = 400)
    void writtenYamlReadsBackAsTheSameAst(@ForAll("units") SourceUnit unit) {
        String yaml = YamlPolicyWriter.write(unit);
        ParseResult back = YamlPolicyReader.parse("w.yaml", yaml);

        assertEquals(SpanEraser.erase(unit), SpanEraser.erase(back.unit()), yaml);
        // The only complaint allowed: texts with line breaks, which the language's strings cannot hold.
        assertEquals(textsWithLineBreaks(unit), back.diagnostics().size(), () -> yaml + back.diagnostics());
        assertEquals(yaml, YamlPolicyWriter.write(back.unit()), "writing is idempotent");
    }

    private static long textsWithLineBreaks(SourceUnit unit) {
        Stream<String> includes = unit.includes().stream().map(Include::path);
        Stream<String> comments = unit.policies().stream().flatMap(p -> p.items().stream())
                .filter(RuleDecl.class::isInstance).map(RuleDecl.class::cast)
                .flatMap(r -> r.comment().stream()).map(c -> c.value());
        return Stream.concat(includes, comments)
                .filter(s -> s.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029))
                .count();
    }

    @Provide
    Arbitrary<String> texts() {
        return AstArbitraries.text();
    }

    @Property(tries = 200)
    void namesThatBreakTheNamingRuleStillComeBackExactly(@ForAll("units") SourceUnit unit,
            @ForAll("texts") String policyName, @ForAll("texts") String defineName) {
        // In the canonical order: includes, the one net, ports defines, policies.
        SourceUnit renamed = new SourceUnit("-", ImmutableList.<TopLevel>builder()
                .addAll(unit.includes())
                .add(Ast.net(defineName, Ast.any()))
                .addAll(unit.defines().stream().filter(d -> !(d instanceof NetDefine)).toList())
                .addAll(unit.policies())
                .add(Ast.policy(policyName + "\u0000"))
                .build(), ImmutableList.of());
        ParseResult back = YamlPolicyReader.parse("w.yaml", YamlPolicyWriter.write(renamed));

        assertEquals(SpanEraser.erase(renamed), SpanEraser.erase(back.unit()));
    }
}
