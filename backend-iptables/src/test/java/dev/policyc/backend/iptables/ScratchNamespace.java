package dev.policyc.backend.iptables;

import dev.policyc.core.ir.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A network namespace of the test's own, deleted on {@link #close}: the only place where tests
 * load rules, so that the host's ruleset is never touched. Use it in try-with-resources or close
 * it in an after-hook, so that it goes away when a test fails too.
 */
final class ScratchNamespace implements AutoCloseable {

    private final String name;

    private ScratchNamespace(String name) {
        this.name = name;
    }

    /** A new, empty namespace; fails the test when it cannot be made. */
    static ScratchNamespace create() {
        String name = "policyc-ipt-" + UUID.randomUUID().toString().substring(0, 8);
        IptCommand.Result added = IptCommand.run("", List.of(IptCommand.path("ip"), "netns", "add", name));
        if (!added.ok()) {
            throw new AssertionError("cannot create network namespace " + name + ": " + added.output());
        }
        return new ScratchNamespace(name);
    }

    String name() {
        return name;
    }

    /** {@code command} run inside this namespace, with {@code stdin} as input. */
    IptCommand.Result exec(String stdin, List<String> command) {
        List<String> full = new ArrayList<>(List.of(IptCommand.path("ip"), "netns", "exec", name));
        full.addAll(command);
        return IptCommand.run(stdin, full);
    }

    /** {@code iptables-restore} or {@code ip6tables-restore} of {@code rules}, with {@code options} first. */
    IptCommand.Result restore(Family family, String rules, String... options) {
        List<String> command = new ArrayList<>(List.of(IptCommand.path(IptSyntax.restoreTool(family))));
        command.addAll(List.of(options));
        return exec(rules, command);
    }

    /** The filter table of {@code family} as {@code iptables-save} prints it, without counters. */
    String saveFilter(Family family) {
        String tool = family == Family.IPV4 ? "iptables-save" : "ip6tables-save";
        IptCommand.Result saved = exec("", List.of(IptCommand.path(tool), "-t", "filter"));
        if (!saved.ok()) {
            throw new AssertionError(tool + " failed in " + name + ": " + saved.output());
        }
        return saved.stdout();
    }

    @Override
    public void close() {
        IptCommand.Result deleted = IptCommand.run("", List.of(IptCommand.path("ip"), "netns", "delete", name));
        if (!deleted.ok()) {
            throw new AssertionError("could not delete network namespace " + name + ": " + deleted.output());
        }
    }
}
