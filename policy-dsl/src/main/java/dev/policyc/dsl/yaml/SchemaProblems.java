package dev.policyc.dsl.yaml;

import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.dsl.yaml.YamlNode.Scalar;
import java.util.List;

/** Reports {@code yaml-schema} errors: YAML that is well-formed but not a policy. */
final class SchemaProblems {

    static final String CODE = "yaml-schema";

    private final Diagnostics diagnostics;

    SchemaProblems(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** How many diagnostics exist so far; lets a reader tell whether a part had errors. */
    int count() {
        return diagnostics.size();
    }

    void error(SourceSpan span, String message, String hint) {
        diagnostics.add(dev.policyc.core.diag.Diagnostic.error(CODE, span, message).withHint(hint));
    }

    /** A key this place does not know, with the closest known key as a hint. */
    void unknownKey(Scalar key, String where, List<String> known) {
        String hint = DidYouMean.closest(key.text(), known)
                .map(k -> "did you mean \"" + k + "\"?")
                .orElse("the keys here are " + String.join(", ", known));
        error(key.span(), "unknown key \"" + key.text() + "\" " + where, hint);
    }

    /** {@code node} is not what {@code what} takes; silent for a value already rejected. */
    void wrongType(YamlNode node, String what, String expected, String hint) {
        if (node instanceof Scalar scalar && scalar.type() == YamlNode.ScalarType.REJECTED) {
            return;
        }
        error(node.span(), what + " takes " + expected + ", not " + node.describe(), hint);
    }
}
