package dev.policyc.backend.nftables.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.testing.TestIr;
import dev.policyc.core.verify.ArtifactMeaning;
import dev.policyc.core.verify.ReadResult;
import java.util.List;

/** Hand-written nft files for the reader's tests, and reading them. */
final class NftScripts {

    /** The line of the first rule of the input chain in {@link #file}. */
    static final int FIRST_INPUT_RULE = 6;

    private NftScripts() {}

    /**
     * The file of policy {@code p}, laid out as policyc lays it out, with these rules (one a line)
     * in its input and output chains, both with policy drop.
     */
    static String file(List<String> input, List<String> output) {
        return "table inet policyc_p {}\n"
                + "delete table inet policyc_p\n"
                + "table inet policyc_p {\n"
                + "\tchain input {\n"
                + "\t\ttype filter hook input priority 0; policy drop;\n"
                + lines(input)
                + "\t}\n"
                + "\tchain output {\n"
                + "\t\ttype filter hook output priority 0; policy drop;\n"
                + lines(output)
                + "\t}\n"
                + "}\n";
    }

    /** The line of the {@code i}-th (0-based) output rule in {@link #file}. */
    static int outputRuleLine(List<String> input, int i) {
        return FIRST_INPUT_RULE + input.size() + 3 + i;
    }

    static ReadResult read(String text) {
        return new NftReader().read(List.of(Artifact.file("p.nft", text)));
    }

    /** The meaning of policy p's file, which must read without findings. */
    static ArtifactMeaning meaning(String text) {
        ReadResult read = read(text);
        assertEquals(List.of(), read.diagnostics(), text);
        return read.policies().get("p");
    }

    /** The errors reading {@code text}; there must be some, and then no meaning. */
    static List<Diagnostic> errors(String text) {
        ReadResult read = read(text);
        assertTrue(read.hasErrors(), "expected errors reading:\n" + text);
        assertFalse(read.policies().containsKey("p"), "a file with errors has no meaning");
        return read.diagnostics();
    }

    /** The policy with these rules and default deny both ways, for the expected meaning. */
    static PolicyIr policy(Rule... rules) {
        return new PolicyIr("p", TestIr.line(1), DefaultAction.implicitDeny(), DefaultAction.implicitDeny(), ImmutableList.copyOf(rules));
    }

    private static String lines(List<String> rules) {
        StringBuilder s = new StringBuilder();
        rules.forEach(r -> s.append("\t\t").append(r).append('\n'));
        return s.toString();
    }
}
