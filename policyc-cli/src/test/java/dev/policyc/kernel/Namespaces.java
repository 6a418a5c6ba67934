package dev.policyc.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Names and clean-up of the network namespaces the kernel tests make. Every name starts with
 * {@code policyc-kt-} and a random part of its own, so a test only ever deletes what it created,
 * never a namespace of the host, of another test run or of another program.
 */
final class Namespaces {

    static final String PREFIX = "policyc-kt-";

    private Namespaces() {}

    /** A fresh name, {@code policyc-kt-1a2b3c4d-ROLE}, for one namespace or for a family of them. */
    static String uniqueName(String role) {
        return PREFIX + UUID.randomUUID().toString().substring(0, 8) + "-" + role;
    }

    /** The namespaces whose name starts with {@code prefix} (which must be one of {@link #uniqueName}'s). */
    static List<String> existing(KernelTools tools, String prefix) {
        if (!prefix.startsWith(PREFIX) || prefix.length() <= PREFIX.length() + 8) {
            throw new IllegalArgumentException("not a prefix of this test's own: " + prefix);
        }
        Command listed = Command.run(List.of(tools.ip().toString(), "netns", "list"), "", KernelTools.SHORT);
        if (!listed.ok()) {
            throw new AssertionError(listed.describe());
        }
        List<String> found = new ArrayList<>();
        for (String line : listed.stdout().split("\n")) {
            String name = line.trim().split("\\s+")[0];
            if (name.startsWith(prefix)) {
                found.add(name);
            }
        }
        return found;
    }

    /** Deletes {@code name}; a failure to do so fails the test, since it would leave state behind. */
    static void delete(KernelTools tools, String name) {
        if (!name.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a namespace of this test's own: " + name);
        }
        Command deleted = Command.run(List.of(tools.ip().toString(), "netns", "delete", name), "", KernelTools.SHORT);
        if (!deleted.ok()) {
            throw new AssertionError("could not delete namespace " + name + ": " + deleted.describe());
        }
    }

    /**
     * Runs a clean-up step even when this thread was interrupted (jqwik interrupts a try that
     * outlives its shrinking bound), which would otherwise stop every command at once and leave
     * the namespaces behind; the interrupt is kept for the caller.
     */
    static void withoutInterrupt(Runnable cleanUp) {
        boolean interrupted = Thread.interrupted();
        try {
            cleanUp.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Deletes every namespace left with {@code prefix}: the backstop after a test that died half-way. */
    static void deleteAll(KernelTools tools, String prefix) {
        existing(tools, prefix).forEach(name -> delete(tools, name));
    }
}
