package dev.policyc.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.PolicyMeaning;
import dev.policyc.core.ir.EndpointBinder;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.net.AddressSyntax;
import dev.policyc.core.net.NameResolver;
import dev.policyc.core.net.Resolution;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.format.PolicyFormatter;
import dev.policyc.dsl.load.SourceReader;
import dev.policyc.dsl.parse.DslParser;
import dev.policyc.dsl.parse.ParseResult;
import dev.policyc.dsl.testing.AstArbitraries;
import dev.policyc.dsl.testing.AstNormalizer;
import dev.policyc.dsl.yaml.YamlPolicyWriter;
import inet.ipaddr.IPAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The two ways to write a policy, and the formatter, keep its meaning. Meaning is compared
 * exactly: the set of flows each policy accepts, as flow sets, after binding every dns name
 * and {@code resolver} to fixed addresses.
 */
class LanguageRoundTripProperties {

    @Provide
    Arbitrary<SourceUnit> units() {
        return AstArbitraries.sourceUnits();
    }

    @Property(tries = 300)
    void aPolicyWrittenAsDslAndAsYamlMeansTheSame(@ForAll("units") SourceUnit unit) {
        String dsl = PolicyFormatter.format(unit);
        String yaml = YamlPolicyWriter.write(unit);
        Map<String, FlowSet> fromDsl = meaning("p.policy", dsl);
        Map<String, FlowSet> fromYaml = meaning("p.yaml", yaml);
        assertEquals(fromDsl, fromYaml);
        assertFalse(fromDsl.isEmpty());
    }

    @Property(tries = 300)
    void fmtIsIdempotentAndKeepsTheMeaning(@ForAll("units") SourceUnit unit) {
        String once = PolicyFormatter.format(unit);
        ParseResult reparsed = DslParser.parse("p.policy", once);
        assertEquals(List.of(), reparsed.diagnostics());
        String twice = PolicyFormatter.format(reparsed.unit());
        assertEquals(once, twice);
        assertEquals(AstNormalizer.withoutSpansOrTrivia(unit), AstNormalizer.withoutSpansOrTrivia(reparsed.unit()));
        assertEquals(AstNormalizer.commentTexts(unit), AstNormalizer.commentTexts(reparsed.unit()));
        assertEquals(meaning("p.policy", once), meaning("q.policy", twice));
    }

    /** Each policy's accepted flows, by name; a policy with errors fails the property. */
    private static Map<String, FlowSet> meaning(String name, String text) {
        SourceReader reader = path -> new SourceReader.Text(text, path.toString());
        FrontendResult result = Frontend.reading(reader).compile(List.of(Path.of(name)));
        assertEquals(List.of(), result.diagnostics().stream().filter(d -> d.isError()).toList(), "errors in\n" + text);
        Program program = result.program().orElseThrow();
        EndpointBinder binder = new EndpointBinder(Optional.of(FIXED_NAMES), Optional.of(List.of(address("192.0.2.53"),
                address("2001:db8::53"))));
        return program.policies().stream().collect(Collectors.toMap(PolicyIr::name,
                p -> PolicyMeaning.accepted(binder.bind(p).policy().orElseThrow())));
    }

    /** Every name has the same two addresses: enough to make dns rules mean something fixed. */
    private static final NameResolver FIXED_NAMES = name -> Resolution.Addresses.of(
            List.of(address("198.51.100.7"), address("2001:db8::7")));

    private static IPAddress address(String text) {
        return ((AddressSyntax.Ok) AddressSyntax.host(text)).address();
    }
}
