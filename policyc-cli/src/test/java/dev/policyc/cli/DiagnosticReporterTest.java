package dev.policyc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.DiagnosticPrinter;
import dev.policyc.core.diag.SourceLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosticReporterTest {

    private static final List<Diagnostic> BOTH = List.of(TestCommands.UNUSED, TestCommands.UNDEFINED);

    private static String report(List<Diagnostic> diagnostics, boolean colour, boolean quiet) {
        StringWriter err = new StringWriter();
        new DiagnosticReporter(new PrintWriter(err), colour, quiet).report(diagnostics, TestCommands.SOURCE);
        return err.toString();
    }

    @Test
    void plainOutputIsThePrintersOutputPlusASummary() {
        String expected = new DiagnosticPrinter(TestCommands.SOURCE).render(BOTH) + "1 error, 1 warning\n";
        assertEquals(expected, report(BOTH, false, false));
    }

    @Test
    void colourMarksLabelCaretAndHint() {
        String coloured = report(List.of(TestCommands.UNDEFINED), true, false);
        assertTrue(coloured.contains("\u001B[1;31merror:\u001B[0m undefined name $wbe"), coloured);
        assertTrue(coloured.contains("\u001B[1;32m                     ^~~~\u001B[0m\n"), coloured);
        assertTrue(coloured.contains("\u001B[1;36mhint:\u001B[0m did you mean $web?\n"), coloured);
        String warning = report(List.of(TestCommands.UNUSED), true, false);
        assertTrue(warning.contains("\u001B[1;33mwarning:\u001B[0m"), warning);
    }

    @Test
    void colourWithoutExcerptOrHintOrSpan() {
        Diagnostic unlocated = Diagnostic.error("cannot-read-file", null, "cannot read x.policy: no such file");
        Diagnostic noExcerpt = TestCommands.UNDEFINED;
        StringWriter err = new StringWriter();
        new DiagnosticReporter(new PrintWriter(err), true, false)
                .report(List.of(unlocated, noExcerpt), SourceLines.none());
        String plain = new DiagnosticPrinter(SourceLines.none()).render(List.of(unlocated, noExcerpt))
                + "2 errors\n";
        assertEquals(plain, stripAnsi(err.toString()));
        assertTrue(err.toString().startsWith("\u001B[1mpolicyc: \u001B[0m\u001B[1;31merror:"), err.toString());
    }

    @Test
    void quietLeavesWarningsOutOfOutputAndSummary() {
        String quiet = report(BOTH, false, true);
        assertEquals(new DiagnosticPrinter(TestCommands.SOURCE).render(TestCommands.UNDEFINED) + "1 error\n", quiet);
        assertEquals("", report(List.of(TestCommands.UNUSED), false, true));
    }

    @Test
    void nothingToReportPrintsNothing() {
        assertEquals("", report(List.of(), true, false));
    }

    @Test
    void exitCodeIsFailedOnlyForErrors() {
        StringWriter sink = new StringWriter();
        DiagnosticReporter reporter = new DiagnosticReporter(new PrintWriter(sink), false, false);
        assertEquals(ExitCode.FAILED, reporter.report(BOTH, TestCommands.SOURCE));
        assertEquals(ExitCode.OK, reporter.report(List.of(TestCommands.UNUSED), TestCommands.SOURCE));
        assertEquals(ExitCode.OK, reporter.report(List.of(), TestCommands.SOURCE));
        DiagnosticReporter quiet = new DiagnosticReporter(new PrintWriter(sink), false, true);
        assertEquals(ExitCode.FAILED, quiet.report(BOTH, TestCommands.SOURCE), "quiet never hides errors");
    }

    @Test
    void summaryCountsAndPlurals() {
        assertEquals("1 error", DiagnosticReporter.summary(1, 0));
        assertEquals("2 errors, 1 warning", DiagnosticReporter.summary(2, 1));
        assertEquals("3 warnings", DiagnosticReporter.summary(0, 3));
        assertEquals("", DiagnosticReporter.summary(0, 0));
    }

    @Test
    void colourDecision() {
        assertTrue(DiagnosticReporter.useColour(CliEnvironment.of(Map.of(), true)));
        assertTrue(DiagnosticReporter.useColour(CliEnvironment.of(Map.of("NO_COLOR", ""), true)));
        assertFalse(DiagnosticReporter.useColour(CliEnvironment.of(Map.of(), false)));
        assertFalse(DiagnosticReporter.useColour(CliEnvironment.of(Map.of("NO_COLOR", "1"), true)));
        assertFalse(DiagnosticReporter.useColour(CliEnvironment.of(Map.of("NO_COLOR", "0"), true)),
                "any non-empty NO_COLOR turns colour off");
        assertFalse(DiagnosticReporter.useColour(CliEnvironment.of(Map.of("TERM", "dumb"), true)));
    }

    static String stripAnsi(String text) {
        return text.replaceAll("\u001B\\[[0-9;]*m", "");
    }
}
