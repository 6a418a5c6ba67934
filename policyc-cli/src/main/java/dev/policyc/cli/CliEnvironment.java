package dev.policyc.cli;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line reads from the process around it besides its arguments: environment
 * variables and whether standard error is a terminal. An interface so that tests can decide
 * both without touching the real process.
 */
public interface CliEnvironment {

    /** The value of environment variable {@code name}, if set. */
    Optional<String> variable(String name);

    /** True when standard error goes to a terminal (so colour codes would be shown, not stored). */
    boolean stderrIsTerminal();

    /** True when variable {@code name} is set to a non-empty value. */
    default boolean isSet(String name) {
        return variable(name).filter(value -> !value.isEmpty()).isPresent();
    }

    /** The environment of this JVM. */
    static CliEnvironment system() {
        return new CliEnvironment() {
            @Override
            public Optional<String> variable(String name) {
                return Optional.ofNullable(System.getenv(name));
            }

            @Override
            public boolean stderrIsTerminal() {
                return SystemTerminal.stderrIsTerminal();
            }
        };
    }

    /** A fixed environment, for tests and for embedding policyc in another program. */
    static CliEnvironment of(Map<String, String> variables, boolean stderrIsTerminal) {
        ImmutableMap<String, String> copy = ImmutableMap.copyOf(variables);
        return new CliEnvironment() {
            @Override
            public Optional<String> variable(String name) {
                return Optional.ofNullable(copy.get(name));
            }

            @Override
            public boolean stderrIsTerminal() {
                return stderrIsTerminal;
            }
        };
    }

    /** How the real process finds out whether file descriptor 2 is a terminal. */
    final class SystemTerminal {

        private SystemTerminal() {}

        /**
         * Java has no isatty. On Linux, {@code /proc/self/fd/2} names the device behind standard
         * error, which answers the question for stderr itself; elsewhere fall back to
         * {@link System#console()}, which tells whether stdin and stdout are a terminal.
         */
        static boolean stderrIsTerminal() {
            Path fd2 = Path.of("/proc/self/fd/2");
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
                        || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return System.console() != null;
            }
        }
    }
}
