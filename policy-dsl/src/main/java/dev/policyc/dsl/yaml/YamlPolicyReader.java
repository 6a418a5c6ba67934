package dev.policyc.dsl.yaml;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.parse.ParseResult;
import java.util.Optional;

/**
 * Reads a policy file written in YAML (see {@code docs/yaml.md}) into the same AST as the DSL
 * parser, with every node's {@link dev.policyc.core.diag.SourceSpan} pointing into the YAML file.
 *
 * <p>Never throws for any input: malformed YAML becomes a {@code yaml} diagnostic at the place
 * the YAML parser names, and well-formed YAML that is not a policy becomes {@code yaml-schema}
 * diagnostics, all of the file's problems in one run. Like the DSL parser it checks only the
 * form: addresses, ports and names are resolved and validated by the checker. YAML comments
 * are not kept (Jackson does not report them), so every node has {@code Trivia.NONE}.
 */
public final class YamlPolicyReader {

    private YamlPolicyReader() {}

    /**
     * Reads {@code text}.
     *
     * @param file the file's display name, as spans and diagnostics carry it
     * @param text the whole file
     */
    public static ParseResult parse(String file, String text) {
        Diagnostics diagnostics = new Diagnostics();
        SourcePositions positions = new SourcePositions(file, text);
        Optional<YamlNode> root = YamlTreeReader.read(text, positions, diagnostics);
        SourceUnit unit = new UnitReader(file, new SchemaProblems(diagnostics)).read(root);
        ImmutableList<Diagnostic> sorted =
                ImmutableList.sortedCopyOf(Diagnostics.SOURCE_ORDER, diagnostics.toList());
        return new ParseResult(unit, sorted);
    }
}
