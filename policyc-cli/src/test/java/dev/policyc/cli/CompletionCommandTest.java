package dev.policyc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/** {@code policyc completion}, and the help page of every command. */
class CompletionCommandTest {

    @TempDir
    Path tmp;

    /** The command tree that policyc parses with, to compare the script and the help with. */
    private static CommandLine tree() {
        return new Main(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new ByteArrayInputStream(new byte[0]), CliEnvironment.of(Map.of(), false), Subcommands.BUILT_IN)
                .commandTree();
    }

    private static List<CommandLine> everyCommand(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            all.addAll(everyCommand(sub));
        }
        return all;
    }

    private static String script() {
        CliRun run = CliRun.run(Subcommands.BUILT_IN, "completion");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        return run.out();
    }

    @Test
    void theScriptMentionsEveryCommandAndOption() {
        String script = script();
        assertTrue(script.startsWith("#!/usr/bin/env bash"), script);
        assertTrue(script.contains("complete -F _complete_policyc"), "registers a completion for policyc");
        Collection<CommandLine> commands = everyCommand(tree());
        assertTrue(commands.size() >= 8, "root and its subcommands: " + commands.size());
        for (CommandLine command : commands) {
            String name = command.getCommandName();
            assertTrue(script.contains("_picocli_" + command.getCommandSpec().qualifiedName("_") + "()"),
                    "a completion function for " + command.getCommandSpec().qualifiedName());
            if (command.getParent() != null) {
                assertTrue(script.matches("(?s).*local commands=\"[^\"]*\\b" + name + "\\b.*"), name);
            }
            for (OptionSpec option : command.getCommandSpec().options()) {
                for (String optionName : option.names()) {
                    assertTrue(script.contains("'" + optionName + "'"),
                            optionName + " of " + command.getCommandSpec().qualifiedName());
                }
            }
        }
    }

    @Test
    void theScriptOffersEnumValuesOfOptions() {
        String script = script();
        assertTrue(script.contains("(\"text\" \"json\")"), "--format values");
        assertTrue(script.contains("(\"dsl\" \"yaml\")"), "fmt --to values");
    }

    /** Runs the script's completion function in a real bash, as pressing TAB would. */
    @Test
    void bashCompletesCommandsOptionsValuesAndFiles() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs /bin/bash to run the script");
        Path script = tmp.resolve("policyc.bash");
        Files.writeString(script, script());
        Files.writeString(tmp.resolve("webapp.policy"), "policy webapp {\n}\n");
        assertEquals("", bash(script, "bash -n \"$SCRIPT\""), "the script is valid bash");
        assertEquals("check", complete(script, "policyc", "ch"));
        assertEquals("completion", complete(script, "policyc", "compl"));
        assertEquals("--format", complete(script, "policyc", "check", "--fo"));
        assertEquals("json", complete(script, "policyc", "explain", "--format", "j"));
        assertEquals("webapp.policy", complete(script, "policyc", "check", "web"));
        assertEquals("--resolve\n--resolver", complete(script, "policyc", "eval", "--resolv"));
    }

    /** The sorted candidates the completion function offers for the last word. */
    private static String complete(Path script, String... words) throws IOException, InterruptedException {
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append('\'').append(word).append("' ");
        }
        String commands = "compopt() { :; }\n" // only defined while bash itself completes
                + "source \"$SCRIPT\"\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"\n"
                + "_complete_policyc\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\" | sort\n";
        return bash(script, commands).strip();
    }

    private static String bash(Path script, String commands) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-c", commands)
                .directory(script.getParent().toFile())
                .redirectErrorStream(true);
        builder.environment().put("SCRIPT", script.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "bash finished");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void everyCommandHasADescriptionAndExamplesInItsHelp() {
        for (CommandLine command : tree().getSubcommands().values()) {
            String name = command.getCommandName();
            UsageMessageSpec usage = command.getCommandSpec().usageMessage();
            assertTrue(usage.description().length > 0, name + " has a description");
            CliRun run = CliRun.run(Subcommands.BUILT_IN, name, "--help");
            assertEquals(0, run.exitCode(), name);
            int examples = run.out().indexOf("\n\nExamples:\n");
            assertTrue(examples > 0 && run.out().indexOf("policyc " + name, examples) > 0, name + ": " + run.out());
            for (String line : usage.footer()) {
                // picocli wraps longer footer lines at the width, in the middle of a word.
                assertTrue(line.length() <= usage.width(), name + ": example wider than " + usage.width() + ": " + line);
            }
        }
    }

    @Test
    void completionHelpSaysHowToLoadTheScript() {
        CliRun run = CliRun.run(Subcommands.BUILT_IN, "completion", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: policyc completion [-hq]"), run.out());
        assertTrue(run.out().contains("source <(policyc completion)"), run.out());
    }

    @Test
    void completionTakesNoArguments() {
        CliRun run = CliRun.run(Subcommands.BUILT_IN, "completion", "fish");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("policyc completion: unexpected argument 'fish'"), run.err());
    }
}
