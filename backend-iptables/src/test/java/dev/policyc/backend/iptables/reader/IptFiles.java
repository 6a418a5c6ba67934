package dev.policyc.backend.iptables.reader;

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

/** Hand-written rules files of policy p for the reader's tests, and reading them. */
final class IptFiles {

    /** The line of the first of the {@code lines} in {@link #file}. */
    static final int FIRST_LINE = 7;

    /** The v6 file that drops every flow: what a test of IPv4 rules pairs with. */
    static final String CLOSED = file("DROP", "DROP", List.of());

    private IptFiles() {}

    /** A file with these policies on INPUT and OUTPUT, both emptied, then these lines, then COMMIT. */
    static String file(String inputPolicy, String outputPolicy, List<String> lines) {
        StringBuilder s = new StringBuilder("# hand-written\n*filter\n")
                .append(":INPUT ").append(inputPolicy).append(" [0:0]\n")
                .append(":OUTPUT ").append(outputPolicy).append(" [0:0]\n")
                .append("-F INPUT\n-F OUTPUT\n");
        lines.forEach(l -> s.append(l).append('\n'));
        return s.append("COMMIT\n").toString();
    }

    /** A file with policy DROP on INPUT and OUTPUT, then these lines. */
    static String file(String... lines) {
        return file("DROP", "DROP", List.of(lines));
    }

    static ReadResult read(String v4, String v6) {
        return new IptReader().read(List.of(Artifact.file("p.v4.rules", v4), Artifact.file("p.v6.rules", v6)));
    }

    /** The meaning of policy p's files, which must read without findings. */
    static ArtifactMeaning meaning(String v4, String v6) {
        ReadResult read = read(v4, v6);
        assertEquals(List.of(), read.diagnostics(), v4 + "\n" + v6);
        return read.policies().get("p");
    }

    /** The meaning of a v4 file paired with {@link #CLOSED}. */
    static ArtifactMeaning meaning(String v4) {
        return meaning(v4, CLOSED);
    }

    /** The errors reading a v4 file paired with {@link #CLOSED}; there must be some, and then no meaning. */
    static List<Diagnostic> errors(String v4) {
        return errors(v4, CLOSED);
    }

    static List<Diagnostic> errors(String v4, String v6) {
        ReadResult read = read(v4, v6);
        assertTrue(read.hasErrors(), "expected errors reading:\n" + v4 + "\n" + v6);
        assertFalse(read.policies().containsKey("p"), "files with errors have no meaning");
        return read.diagnostics();
    }

    /** The policy with these rules and default deny both ways, for the expected meaning. */
    static PolicyIr policy(Rule... rules) {
        return new PolicyIr("p", TestIr.line(1), DefaultAction.implicitDeny(), DefaultAction.implicitDeny(), ImmutableList.copyOf(rules));
    }
}
