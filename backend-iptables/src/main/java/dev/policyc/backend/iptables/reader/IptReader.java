package dev.policyc.backend.iptables.reader;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.policyc.backend.iptables.reader.Syntax.Command;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Family;
import dev.policyc.core.verify.ArtifactMeaning;
import dev.policyc.core.verify.ArtifactReader;
import dev.policyc.core.verify.ArtifactRule;
import dev.policyc.core.verify.ReadResult;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code NAME.v4.rules} and {@code NAME.v6.rules} back into the flows they accept, to verify
 * the {@code iptables} target. It shares no code with the emitter ({@code dev.policyc.backend.iptables}):
 * it has its own tokenizer, parser and simulator for the iptables-restore syntax a policy's files
 * use, so that a mistake in the emitter is not repeated when reading.
 *
 * <p>Read: {@code *filter}, {@code :CHAIN POLICY [packets:bytes]}, {@code -F [CHAIN]},
 * {@code COMMIT}, and {@code -A CHAIN} rules made of {@code -s|-d ADDRESS[/LENGTH]},
 * {@code -p NAME|NUMBER}, {@code -i|-o lo}, {@code -m conntrack --ctstate},
 * {@code -m tcp|udp [--dport N[:M]]}, {@code -m multiport --dports}, {@code -m icmp --icmp-type},
 * {@code -m icmp6 --icmpv6-type}, {@code -m comment --comment}, and
 * {@code -j ACCEPT|DROP|RETURN|LOG [--log-prefix P]|CHAIN}. Anything else is an error at its line.
 *
 * <p>The two files of policy NAME make one meaning: the IPv4 flows from the v4 file (read as
 * iptables-restore reads it), the IPv6 flows from the v6 file (as ip6tables-restore does). Both
 * must be there, or IPv6 (or IPv4) would be left to whatever the system had. The files are read as
 * loaded with {@code --noflush}, as {@code NAME.sh} loads them; the script itself is not read.
 * Rules outside the flow model (loopback, conntrack states without NEW, ICMP types other than
 * echo-request) match no flow of it and so decide nothing.
 */
public final class IptReader implements ArtifactReader {

    /** The target this reads, spelled here rather than taken from the emitter. */
    public static final String TARGET = "iptables";

    /** Text that iptables-restore refuses as syntax: a bad argument, a line outside a table, no COMMIT. */
    public static final String SYNTAX = "ipt-read-syntax";
    /** iptables-restore syntax the reader does not take, or that iptables would bend (octal numbers, masked host bits). */
    public static final String UNSUPPORTED = "ipt-read-unsupported";
    /** Something iptables refuses: a chain that does not exist, a match without its protocol, a port above 65535. */
    public static final String INVALID = "ipt-read-invalid";
    /** A match on something the flow model does not have (the container's own address, source ports, interfaces). */
    public static final String OUTSIDE_MODEL = "ipt-read-outside-model";
    /** Files that do not make one policy's pair, or that leave its chains to what was loaded before. */
    public static final String LAYOUT = "ipt-read-layout";

    private static final String V4_SUFFIX = ".v4.rules";
    private static final String V6_SUFFIX = ".v6.rules";
    private static final String SCRIPT_SUFFIX = ".sh";

    /** For {@link java.util.ServiceLoader}. */
    public IptReader() {}

    @Override
    public String targetId() {
        return TARGET;
    }

    /** The files of one policy; a family maps to empty when its file could not be read. */
    private static final class PolicyFiles {
        final Map<Family, Optional<ChainSimulator.Outcome>> outcomes = new EnumMap<>(Family.class);
        final Map<Family, Artifact> files = new EnumMap<>(Family.class);
        boolean repeated;
    }

    @Override
    public ReadResult read(List<Artifact> artifacts) {
        Diagnostics all = new Diagnostics();
        Map<String, PolicyFiles> byPolicy = new LinkedHashMap<>();
        for (Artifact artifact : artifacts) {
            String name = artifact.path().substring(artifact.path().lastIndexOf('/') + 1);
            if (name.endsWith(SCRIPT_SUFFIX)) {
                continue;
            }
            Family family = name.endsWith(V4_SUFFIX) ? Family.IPV4 : name.endsWith(V6_SUFFIX) ? Family.IPV6 : null;
            String policy = family == null ? "" : name.substring(0, name.length() - V4_SUFFIX.length());
            if (policy.isEmpty()) {
                all.error(LAYOUT, start(artifact), "the iptables reader reads NAME.v4.rules and NAME.v6.rules files, not "
                        + artifact.path());
                continue;
            }
            PolicyFiles files = byPolicy.computeIfAbsent(policy, p -> new PolicyFiles());
            if (files.files.containsKey(family)) {
                all.error(LAYOUT, start(artifact), "a second file holds the IPv" + family.version() + " rules of policy " + policy);
                files.repeated = true;
                continue;
            }
            Diagnostics found = new Diagnostics();
            files.files.put(family, artifact);
            files.outcomes.put(family, read(artifact, family, found));
            all.addAll(found.toList());
        }
        Map<String, ArtifactMeaning> policies = new LinkedHashMap<>();
        byPolicy.forEach((policy, files) -> meaning(policy, files, all).ifPresent(m -> policies.put(policy, m)));
        return new ReadResult(ImmutableMap.copyOf(policies), all.toList());
    }

    /** The meaning of a policy's pair of files, or empty when one is missing, repeated or could not be read. */
    private static Optional<ArtifactMeaning> meaning(String policy, PolicyFiles files, Diagnostics all) {
        if (files.repeated || files.outcomes.values().stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        for (Family family : Family.values()) {
            if (!files.files.containsKey(family)) {
                Family other = family == Family.IPV4 ? Family.IPV6 : Family.IPV4;
                all.error(LAYOUT, start(files.files.get(other)), "policy " + policy + " has no " + policy + ".v" + family.version()
                        + ".rules beside this file, so its IPv" + family.version() + " traffic is left to whatever the system had",
                        "read both files of the policy together");
                return Optional.empty();
            }
        }
        ChainSimulator.Outcome v4 = files.outcomes.get(Family.IPV4).orElseThrow();
        ChainSimulator.Outcome v6 = files.outcomes.get(Family.IPV6).orElseThrow();
        ImmutableList<ArtifactRule> rules = ImmutableList.<ArtifactRule>builder().addAll(v4.rules()).addAll(v6.rules()).build();
        return Optional.of(new ArtifactMeaning(policy, v4.accepted().union(v6.accepted()), rules));
    }

    /** What one file does with the new flows of its family, or empty when it had an error. */
    private static Optional<ChainSimulator.Outcome> read(Artifact artifact, Family family, Diagnostics found) {
        ImmutableList<Command> commands = RestoreParser.parse(artifact.content(), artifact.path(), family, found);
        if (found.hasErrors()) {
            // The table would be built without the lines in error, and report what follows from that.
            return Optional.empty();
        }
        FilterTable table = FilterTable.run(commands, end(artifact), found);
        if (found.hasErrors()) {
            return Optional.empty();
        }
        ChainSimulator.Outcome outcome = ChainSimulator.evaluate(table, family, start(artifact), found);
        return found.hasErrors() ? Optional.empty() : Optional.of(outcome);
    }

    private static SourceSpan start(Artifact artifact) {
        return SourceSpan.at(artifact.path(), 1, 1);
    }

    /** The last line of the file that holds something. */
    private static SourceSpan end(Artifact artifact) {
        String[] lines = artifact.content().split("\n", -1);
        int last = lines.length;
        while (last > 1 && lines[last - 1].isEmpty()) {
            last--;
        }
        return SourceSpan.at(artifact.path(), last, 1);
    }
}
