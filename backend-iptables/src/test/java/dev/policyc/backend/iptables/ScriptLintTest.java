package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden script is POSIX sh: dash parses it ({@code dash -n}) and shellcheck, told to hold
 * it to POSIX sh, finds nothing. Each tool that is missing is reported as a skip with the reason.
 */
class ScriptLintTest {

    /** The golden scripts of both targets, each as {@code DIRECTORY/NAME.sh}. */
    static Set<String> goldenScripts() throws IOException {
        Set<String> scripts = new TreeSet<>();
        for (GoldenDir golden : List.of(GoldenDir.iptables(), GoldenDir.ipset())) {
            golden.files(".sh").forEach(n -> scripts.add(golden.dir().getFileName() + "/" + n));
        }
        return scripts;
    }

    private static String read(String script) throws IOException {
        return Files.readString(GoldenDir.iptables().dir().resolveSibling(script));
    }

    @ParameterizedTest(name = "dash -n {0}")
    @MethodSource("goldenScripts")
    void dashParsesTheScript(String script) throws IOException {
        Optional<String> dash = IptCommand.executable("dash").map(Object::toString);
        Assumptions.assumeTrue(dash.isPresent(), "skipped: dash is not installed");
        IptCommand.Result parsed = IptCommand.run(read(script), List.of(dash.get(), "-n"));
        assertTrue(parsed.ok(), script + ": " + parsed.output());
    }

    @ParameterizedTest(name = "shellcheck {0}")
    @MethodSource("goldenScripts")
    void shellcheckFindsNothing(String script) throws IOException {
        Optional<String> shellcheck = IptCommand.executable("shellcheck").map(Object::toString);
        Assumptions.assumeTrue(shellcheck.isPresent(), "skipped: shellcheck is not installed");
        IptCommand.Result checked = IptCommand.run(read(script),
                List.of(shellcheck.get(), "--shell=sh", "--severity=style", "-"));
        assertTrue(checked.ok(), script + ":\n" + checked.output());
    }
}
