package dev.policyc.cli;

import dev.policyc.core.ir.PolicyIr;
import dev.policyc.dsl.Frontend;
import dev.policyc.dsl.FrontendResult;
import dev.policyc.dsl.load.SourceReader;
import java.nio.file.Path;
import java.util.List;

/**
 * The policy {@code install} adds to every bundle and {@code doctor --canary} starts a throwaway
 * container under: it allows nothing, so its table in a container's network namespace proves
 * the hook ran, and a packet sent there is refused at once without leaving the machine.
 */
final class CanaryPolicy {

    /** Its name, reserved: a user's policy of that name is refused by {@code install}. */
    static final String NAME = "policyc-canary";

    /** The file name its rules point back to, in comments of the generated rules. */
    static final String FILE = "policyc-canary.policy";

    static final String SOURCE = """
            # Added by 'policyc install' to every bundle; 'policyc doctor --canary' runs a
            # throwaway container under it. It allows nothing.
            policy policyc-canary {
                default deny
            }
            """;

    private CanaryPolicy() {}

    /** The canary policy, checked and lowered like any other. */
    static PolicyIr policy() {
        FrontendResult result = Frontend.reading(path -> new SourceReader.Text(SOURCE, FILE)).compile(List.of(Path.of(FILE)));
        if (result.hasErrors() || result.program().isEmpty()) {
            throw new IllegalStateException("the built-in canary policy does not compile: " + result.diagnostics());
        }
        return result.program().get().policy(NAME).orElseThrow();
    }
}
