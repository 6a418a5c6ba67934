package dev.policyc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    private static final List<SubcommandFactory> TEST_COMMANDS = TestCommands.ALL;

    @Test
    void versionPrintsTheMavenProjectVersion() {
        CliRun run = CliRun.run(Subcommands.BUILT_IN, "--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().matches("policyc \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void helpListsEveryRegisteredSubcommandWithItsDescription() {
        CliRun run = CliRun.run(TEST_COMMANDS, "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: policyc"), run.out());
        assertTrue(run.out().contains("lint      Report canned diagnostics about FILE."), run.out());
        assertTrue(run.out().contains("boom      Throw an exception."), run.out());
        assertTrue(run.out().contains("--quiet"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void builtInHelpListsEveryCommand() {
        CliRun run = CliRun.run(Subcommands.BUILT_IN, "--help");
        assertEquals(0, run.exitCode());
        for (String command : new String[] {"check", "eval", "explain", "fmt", "diff", "completion", "help"}) {
            assertTrue(run.out().contains("\n  " + command + " "), command + " in " + run.out());
        }
    }

    @Test
    void everySubcommandGetsAHelpOption() {
        CliRun run = CliRun.run(TEST_COMMANDS, "lint", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: policyc lint"), run.out());
        assertTrue(run.out().contains("-h, --help"), run.out());
        assertTrue(run.out().contains("-q, --quiet"), run.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.run(TEST_COMMANDS, "--frobnicate");
        assertEquals(2, run.exitCode());
        assertEquals("policyc: unknown option '--frobnicate'\n"
                + "Try 'policyc --help' for more information.\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void unknownOptionOfASubcommandNamesTheSubcommand() {
        CliRun run = CliRun.run(TEST_COMMANDS, "lint", "--bogus", "x.policy");
        assertEquals(2, run.exitCode());
        assertEquals("policyc lint: unknown option '--bogus'\n"
                + "Try 'policyc lint --help' for more information.\n", run.err());
    }

    @Test
    void unknownSubcommandIsAUsageErrorWithASuggestion() {
        CliRun run = CliRun.run(TEST_COMMANDS, "lintt", "x.policy");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("policyc: unknown command 'lintt'\n"), run.err());
        assertTrue(run.err().contains("lint"), "suggests lint: " + run.err());
        assertTrue(run.err().endsWith("Try 'policyc --help' for more information.\n"), run.err());
    }

    @Test
    void missingArgumentIsAUsageError() {
        CliRun run = CliRun.run(TEST_COMMANDS, "lint");
        assertEquals(2, run.exitCode());
        assertEquals("policyc lint: missing required parameter: 'FILE'\n"
                + "Try 'policyc lint --help' for more information.\n", run.err());
    }

    @Test
    void extraArgumentIsAUsageError() {
        CliRun run = CliRun.run(TEST_COMMANDS, "lint", "a.policy", "b.policy");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("policyc lint: unexpected argument 'b.policy'\n"), run.err());
    }

    @Test
    void missingSubcommandIsAUsageError() {
        CliRun run = CliRun.run(TEST_COMMANDS);
        assertEquals(2, run.exitCode());
        assertEquals("policyc: missing command\nTry 'policyc --help' for more information.\n", run.err());
    }

    @Test
    void exceptionInACommandIsAnInternalErrorWithoutStackTrace() {
        CliRun run = CliRun.run(TEST_COMMANDS, "boom");
        assertEquals(3, run.exitCode());
        String[] lines = run.err().split("\n");
        assertEquals(2, lines.length, run.err());
        assertEquals("policyc: internal error: IllegalStateException: the flux capacitor broke", lines[0]);
        assertTrue(lines[1].contains("please report"), lines[1]);
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void errorThrownPastPicocliIsAnInternalErrorToo() {
        CliRun run = CliRun.run(TEST_COMMANDS, "overflow");
        assertEquals(3, run.exitCode());
        assertTrue(run.err().startsWith("policyc: internal error: StackOverflowError\n"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void debugVariableShowsTheStackTrace() {
        CliRun run = CliRun.run(TEST_COMMANDS, Map.of("POLICYC_DEBUG", "1"), false, "boom");
        assertEquals(3, run.exitCode());
        assertTrue(run.err().startsWith("policyc: internal error: IllegalStateException"), run.err());
        assertTrue(run.err().contains("\tat dev.policyc.cli.TestCommands$Boom.call"), run.err());
    }

    @Test
    void brokenSubcommandDefinitionIsAnInternalError() {
        SubcommandFactory nameless = context -> new Object();
        CliRun run = CliRun.run(List.of(nameless), "--version");
        assertEquals(3, run.exitCode());
        assertTrue(run.err().startsWith("policyc: internal error: "), run.err());
    }

    @Test
    void errorsGiveExitOneAndDiagnosticsGoToStderr() {
        CliRun run = CliRun.run(TEST_COMMANDS, "lint", "t.policy");
        assertEquals(1, run.exitCode());
        assertEquals("linted t.policy\n", run.out());
        assertEquals("""
                t.policy:1:12: warning: define web is never used
                define ports web = { 80, 443 }
                           ^~~
                hint: remove it or refer to it as $web
                t.policy:2:22: error: undefined name $wbe
                    allow out tcp to $wbe port 443
                                     ^~~~
                hint: did you mean $web?
                1 error, 1 warning
                """, run.err());
    }

    @Test
    void warningsAloneGiveExitZero() {
        CliRun run = CliRun.run(TEST_COMMANDS, "lint", "--clean", "t.policy");
        assertEquals(0, run.exitCode());
        assertTrue(run.err().endsWith("\n1 warning\n"), run.err());
    }

    @Test
    void quietDropsWarningsBeforeOrAfterTheSubcommand() {
        for (List<String> args : List.of(List.of("--quiet", "lint", "t.policy"),
                List.of("lint", "-q", "t.policy"))) {
            CliRun run = CliRun.run(TEST_COMMANDS, args.toArray(String[]::new));
            assertEquals(1, run.exitCode(), args::toString);
            assertFalse(run.err().contains("warning"), run.err());
            assertTrue(run.err().contains("error: undefined name $wbe"), run.err());
            assertTrue(run.err().endsWith("\n1 error\n"), run.err());
        }
    }

    @Test
    void quietWithOnlyWarningsPrintsNothing() {
        CliRun run = CliRun.run(TEST_COMMANDS, "-q", "lint", "--clean", "t.policy");
        assertEquals(0, run.exitCode());
        assertEquals("", run.err());
    }

    @Test
    void colourOnlyOnATerminalWithoutNoColor() {
        assertTrue(CliRun.run(TEST_COMMANDS, Map.of(), true, "lint", "t.policy").err().contains("\u001B["));
        assertTrue(CliRun.run(TEST_COMMANDS, Map.of("NO_COLOR", ""), true, "lint", "t.policy")
                .err().contains("\u001B["), "an empty NO_COLOR does not count");
        assertFalse(CliRun.run(TEST_COMMANDS, Map.of(), false, "lint", "t.policy").err().contains("\u001B"));
        assertFalse(CliRun.run(TEST_COMMANDS, Map.of("NO_COLOR", "1"), true, "lint", "t.policy")
                .err().contains("\u001B"));
        assertFalse(CliRun.run(TEST_COMMANDS, Map.of("TERM", "dumb"), true, "lint", "t.policy")
                .err().contains("\u001B"));
    }

    @Test
    void eachRunStartsFromFreshOptions() {
        StringWriterPair streams = new StringWriterPair();
        Main main = streams.main(TEST_COMMANDS);
        assertEquals(1, main.run("-q", "lint", "t.policy"));
        streams.clear();
        assertEquals(1, main.run("lint", "t.policy"));
        assertTrue(streams.err().contains("warning"), "--quiet of the first run must not stick");
    }

    /** A subcommand factory that fails the test if the run makes its command. */
    private static final SubcommandFactory MUST_NOT_BE_BUILT = context -> {
        throw new AssertionError("a run that names another subcommand built this one");
    };

    @Test
    void aRunNamingASubcommandBuildsNoLaterOne() {
        List<SubcommandFactory> commands = ImmutableList.<SubcommandFactory>builder()
                .addAll(TEST_COMMANDS).add(MUST_NOT_BE_BUILT).build();
        assertEquals(1, CliRun.run(commands, "lint", "t.policy").exitCode());
        assertEquals(1, CliRun.run(commands, "-q", "lint", "t.policy").exitCode());
        CliRun help = CliRun.run(commands, "lint", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: policyc lint"), help.out());
    }

    @Test
    void aRunNamingNoKnownSubcommandBuildsThemAll() {
        List<SubcommandFactory> commands = ImmutableList.<SubcommandFactory>builder()
                .addAll(TEST_COMMANDS).add(MUST_NOT_BE_BUILT).build();
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"lintt", "x.policy"},
                new String[] {"--help", "lint"}, new String[] {})) {
            CliRun run = CliRun.run(commands, args);
            assertEquals(3, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().contains("a run that names another subcommand built this one"), run.err());
        }
    }

    @Test
    void completionSeesEveryCommandEvenWhenNamedAlone() {
        CliRun run = CliRun.run(Subcommands.BUILT_IN, "completion");
        assertEquals(0, run.exitCode(), run.err());
        for (String command : new String[] {"check", "compile", "verify", "doctor", "help"}) {
            assertTrue(run.out().contains(command), command + " in the completion script");
        }
    }
}
