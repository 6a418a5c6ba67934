package dev.policyc.backend.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.core.backend.Artifact;
import dev.policyc.core.ir.Family;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.stream.Collectors;

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

    /** Runs {@code script} as a program (by its {@code #!} line) inside this namespace. */
    IptCommand.Result runScript(Path script) {
        return exec("", List.of(script.toString()));
    }

    /** Runs {@code script}, which must succeed quietly. */
    void assertRuns(Path script) {
        IptCommand.Result run = runScript(script);
        assertEquals(0, run.exitCode(), () -> script + " failed:\n" + run.output());
        assertEquals("", run.stderr(), "a successful run is quiet");
    }

    /** Both filter tables, IPv4 then IPv6, without the dated comment lines of iptables-save. */
    List<String> savedRulesets() {
        return List.of(Family.IPV4, Family.IPV6).stream()
                .map(family -> saveFilter(family).lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")))
                .toList();
    }

    /** Writes {@code artifacts} into {@code dir}, the executable ones with mode 755, the others 644. */
    static void write(Path dir, List<Artifact> artifacts) throws IOException {
        for (Artifact artifact : artifacts) {
            Path file = dir.resolve(artifact.path());
            Files.writeString(file, artifact.content(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file,
                    PosixFilePermissions.fromString(artifact.executable() ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    /** {@code ipset} with {@code arguments}, reading {@code stdin}. */
    IptCommand.Result ipset(String stdin, String... arguments) {
        List<String> command = new ArrayList<>(List.of(IptCommand.path("ipset")));
        command.addAll(List.of(arguments));
        return exec(stdin, command);
    }

    /**
     * The ipset sets of this namespace as {@code ipset save} prints them, by name: the family, and
     * the elements (in no particular order, as the hash keeps them). The hash's seed, which
     * changes each time a set is made, is left out.
     */
    SortedMap<String, Set<String>> savedSets() {
        IptCommand.Result saved = ipset("", "save");
        if (!saved.ok()) {
            throw new AssertionError("ipset save failed in " + name + ": " + saved.output());
        }
        return IpsetText.sets(saved.stdout());
    }

    /** The filter table of {@code family} as {@code iptables-save} prints it, without counters. */
    String saveFilter(Family family) {
        return saveFilter(family == Family.IPV4 ? "iptables-save" : "ip6tables-save");
    }

    /** The filter table as {@code tool} (an iptables-save of one family and back end) prints it. */
    String saveFilter(String tool) {
        IptCommand.Result saved = exec("", List.of(IptCommand.path(tool), "-t", "filter"));
        if (!saved.ok()) {
            throw new AssertionError(tool + " failed in " + name + ": " + saved.output());
        }
        return saved.stdout();
    }

    /**
     * Gives the namespace an {@code ifb} device as its only link besides loopback and routes every
     * IPv4 and IPv6 address into it: packets the rules accept go nowhere, packets the output chain
     * drops make the sending call fail with EPERM. Fails the test when the kernel has no ifb.
     */
    void routeEverythingIntoABlackHole() {
        String ip = IptCommand.path("ip");
        for (List<String> step : List.of(
                List.of(ip, "-n", name, "link", "set", "lo", "up"),
                List.of(ip, "-n", name, "link", "add", "d0", "type", "ifb"),
                List.of(ip, "-n", name, "link", "set", "d0", "up"),
                List.of(ip, "-n", name, "route", "add", "default", "dev", "d0"),
                List.of(ip, "-n", name, "-6", "route", "add", "default", "dev", "d0"))) {
            IptCommand.Result done = IptCommand.run("", step);
            if (!done.ok()) {
                throw new AssertionError("cannot set up the black hole in " + name + ": " + step + ": " + done.output());
            }
        }
    }

    @Override
    public void close() {
        IptCommand.Result deleted = IptCommand.run("", List.of(IptCommand.path("ip"), "netns", "delete", name));
        if (!deleted.ok()) {
            throw new AssertionError("could not delete network namespace " + name + ": " + deleted.output());
        }
    }
}
