package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.backend.iptables.reader.IptReader;
import dev.policyc.backend.iptables.reader.IptSetReader;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.ir.Program;
import dev.policyc.core.verify.PolicyCheck;
import dev.policyc.core.verify.VerificationResult;
import dev.policyc.core.verify.Verifier;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Mutants of the {@code iptables-ipset} target's files that only its set matches and set file
 * allow: an element dropped from a set, a set's name changed in the rules or in the set file, the
 * {@code dst} of a set match swapped for {@code src} (and back), a set of the other family.
 * Verification must catch each, as a mismatch or as files it refuses to read.
 */
class IpsetMutationTest {

    private static final Program PROGRAM = GoldenPolicies.ipsetProgram();
    private static final Verifier VERIFIER = Verifier.of(new IpsetBackend(), new IptSetReader());

    @Test
    void theUnmutatedOutputIsProvedEquivalent() {
        VerificationResult result = VERIFIER.verify(PROGRAM, EmitOptions.defaults());
        assertTrue(result.passed(), result.diagnostics().toString());
        assertEquals(PROGRAM.policies().size(), result.checks().size());
    }

    @Test
    void anElementDroppedFromASet() {
        String set = setOf("tree.v4.rules", "tree.policy:3 web");
        String dropped = "add " + set + " 192.0.2.5\n";
        assertTrue(emitted("tree.ipset").contains(dropped));
        VerificationResult result = verify("tree.ipset", text -> text.replace(dropped, ""));
        assertEquals(1, result.mismatches().size(), result.diagnostics().toString());
        PolicyCheck.Mismatch mismatch = result.mismatches().get(0);
        assertEquals("tree", mismatch.policy());
        assertEquals("192.0.2.5", mismatch.counterexample().flow().address().withoutPrefixLength().toCanonicalString());
    }

    @Test
    void aSetNameChangedInTheRules() {
        String set = setOf("shared.v4.rules", "shared.policy:4");
        assertNotRead("shared.v4.rules", text -> text.replace("--match-set " + set + " ", "--match-set " + set.replace("-", "_") + " "),
                IptReader.INVALID, "there is no set");
    }

    @Test
    void aSetNameChangedInTheSetFile() {
        String set = setOf("shared.v4.rules", "shared.policy:4");
        String renamed = set.substring(0, set.length() - 1) + (set.endsWith("0") ? "1" : "0");
        // The set file alone reads; the rules that match the old name do not.
        assertNotRead("shared.ipset", text -> text.replace(" " + set + " ", " " + renamed + " "), IptReader.INVALID, "there is no set",
                "shared.v4.rules");
    }

    @Test
    void dstSwappedForSrc() {
        String set = setOf("shared.v6.rules", "shared.policy:2");
        assertNotRead("shared.v6.rules", text -> text.replace("--match-set " + set + " dst", "--match-set " + set + " src"),
                IptReader.OUTSIDE_MODEL, "own address");
    }

    @Test
    void srcSwappedForDst() {
        String set = setOf("shared.v4.rules", "shared.policy:3");
        assertNotRead("shared.v4.rules", text -> text.replace("--match-set " + set + " src", "--match-set " + set + " dst"),
                IptReader.OUTSIDE_MODEL, "own address");
    }

    @Test
    void aSetOfTheOtherFamily() {
        String v4 = setOf("shared.v4.rules", "shared.policy:3");
        String v6 = setOf("shared.v6.rules", "shared.policy:3");
        assertNotRead("shared.v4.rules", text -> text.replace("--match-set " + v4 + " ", "--match-set " + v6 + " "),
                IptReader.INVALID, "family inet6");
    }

    /** The set matched by the rule of {@code file} whose comment is {@code comment}. */
    private static String setOf(String file, String comment) {
        String line = emitted(file).lines().filter(l -> l.contains("\"" + comment + "\"") && l.contains("--match-set"))
                .findFirst().orElseThrow(() -> new AssertionError("no set rule for " + comment + " in " + file));
        String after = line.substring(line.indexOf("--match-set ") + "--match-set ".length());
        return after.substring(0, after.indexOf(' '));
    }

    /** Verification of the whole program with {@code file} mutated; it must fail. */
    private static VerificationResult verify(String file, UnaryOperator<String> mutation) {
        assertNotEquals(emitted(file), mutation.apply(emitted(file)), "the mutation applies to " + file);
        List<Artifact> artifacts = artifacts().stream()
                .map(a -> a.path().equals(file) ? new Artifact(a.path(), mutation.apply(a.content()), a.executable()) : a)
                .toList();
        VerificationResult result = VERIFIER.verifyArtifacts(PROGRAM, artifacts);
        assertFalse(result.passed(), "the mutant of " + file + " is not verified");
        return result;
    }

    /** The mutant is not read: an error {@code code} in {@code file} saying {@code says}, and the policy is not verified. */
    private static void assertNotRead(String file, UnaryOperator<String> mutation, String code, String says) {
        assertNotRead(file, mutation, code, says, file);
    }

    /** As above, with the first error in {@code inFile}. */
    private static void assertNotRead(String file, UnaryOperator<String> mutation, String code, String says, String inFile) {
        VerificationResult result = verify(file, mutation);
        String policy = file.substring(0, file.indexOf('.'));
        assertTrue(result.checks().contains(new PolicyCheck.NotRead(policy)), result.checks().toString());
        Diagnostic first = result.diagnostics().get(0);
        assertEquals(code, first.code(), first.toString());
        assertTrue(first.message().contains(says), first.message());
        assertEquals(inFile, first.span().file());
    }

    private static List<Artifact> artifacts() {
        return new IpsetBackend().emit(PROGRAM, EmitOptions.defaults()).artifacts();
    }

    private static String emitted(String file) {
        return artifacts().stream().filter(a -> a.path().equals(file)).findFirst().orElseThrow().content();
    }
}
