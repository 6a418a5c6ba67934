package dev.policyc.backend.iptables.reader;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.policyc.backend.iptables.reader.Syntax.Command;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Family;
import dev.policyc.core.verify.ArtifactMeaning;
import dev.policyc.core.verify.ArtifactRule;
import dev.policyc.core.verify.ReadResult;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link IptReader} and {@link IptSetReader} share: files grouped by policy, each pair of
 * rules files read into one meaning. With sets, a policy's {@code NAME.ipset} is read first
 * ({@link SetFile}) and its rules may match the remote address in those sets; a policy without a
 * set file has no sets, so a rule that matches one is an error.
 */
final class PolicyFilesReader {

    private static final String V4_SUFFIX = ".v4.rules";
    private static final String V6_SUFFIX = ".v6.rules";
    private static final String SETS_SUFFIX = ".ipset";
    private static final String SCRIPT_SUFFIX = ".sh";

    private final boolean withSets;

    /** The files of one policy. */
    private static final class PolicyFiles {
        final Map<Family, Artifact> files = new EnumMap<>(Family.class);
        Optional<Artifact> sets = Optional.empty();
        boolean repeated;
    }

    private PolicyFilesReader(boolean withSets) {
        this.withSets = withSets;
    }

    /** The meaning of each policy of {@code artifacts}; with {@code withSets}, {@code NAME.ipset} files are read too. */
    static ReadResult read(List<Artifact> artifacts, boolean withSets) {
        return new PolicyFilesReader(withSets).readAll(artifacts);
    }

    private ReadResult readAll(List<Artifact> artifacts) {
        Diagnostics all = new Diagnostics();
        Map<String, PolicyFiles> byPolicy = new LinkedHashMap<>();
        for (Artifact artifact : artifacts) {
            String name = artifact.path().substring(artifact.path().lastIndexOf('/') + 1);
            if (name.endsWith(SCRIPT_SUFFIX)) {
                continue;
            }
            if (withSets && name.endsWith(SETS_SUFFIX) && name.length() > SETS_SUFFIX.length()) {
                PolicyFiles files = byPolicy.computeIfAbsent(name.substring(0, name.length() - SETS_SUFFIX.length()), p -> new PolicyFiles());
                if (files.sets.isPresent()) {
                    all.error(IptReader.LAYOUT, start(artifact), "a second file holds the sets of policy "
                            + name.substring(0, name.length() - SETS_SUFFIX.length()));
                    files.repeated = true;
                }
                files.sets = Optional.of(artifact);
                continue;
            }
            Family family = name.endsWith(V4_SUFFIX) ? Family.IPV4 : name.endsWith(V6_SUFFIX) ? Family.IPV6 : null;
            String policy = family == null ? "" : name.substring(0, name.length() - V4_SUFFIX.length());
            if (policy.isEmpty()) {
                all.error(IptReader.LAYOUT, start(artifact), "the " + (withSets ? IptSetReader.TARGET : IptReader.TARGET)
                        + " reader reads NAME.v4.rules" + (withSets ? ", NAME.v6.rules and NAME.ipset" : " and NAME.v6.rules")
                        + " files, not " + artifact.path());
                continue;
            }
            PolicyFiles files = byPolicy.computeIfAbsent(policy, p -> new PolicyFiles());
            if (files.files.containsKey(family)) {
                all.error(IptReader.LAYOUT, start(artifact), "a second file holds the IPv" + family.version() + " rules of policy " + policy);
                files.repeated = true;
                continue;
            }
            files.files.put(family, artifact);
        }
        Map<String, ArtifactMeaning> policies = new LinkedHashMap<>();
        byPolicy.forEach((policy, files) -> meaning(policy, files, all).ifPresent(m -> policies.put(policy, m)));
        return new ReadResult(ImmutableMap.copyOf(policies), all.toList());
    }

    /** The meaning of a policy's files, or empty when one is missing, repeated or could not be read. */
    private Optional<ArtifactMeaning> meaning(String policy, PolicyFiles files, Diagnostics all) {
        Optional<Map<String, SetFile.DeclaredSet>> sets = Optional.empty();
        boolean failed = files.repeated;
        if (withSets) {
            Diagnostics found = new Diagnostics();
            sets = Optional.of(files.sets.map(a -> (Map<String, SetFile.DeclaredSet>) SetFile.parse(a.content(), a.path(), found))
                    .orElse(Map.of()));
            all.addAll(found.toList());
            failed |= found.hasErrors();
        }
        Map<Family, Optional<ChainSimulator.Outcome>> outcomes = new EnumMap<>(Family.class);
        for (Map.Entry<Family, Artifact> file : files.files.entrySet()) {
            Diagnostics found = new Diagnostics();
            outcomes.put(file.getKey(), read(file.getValue(), file.getKey(), sets, found));
            all.addAll(found.toList());
        }
        if (failed || outcomes.values().stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        for (Family family : Family.values()) {
            if (!files.files.containsKey(family)) {
                Family other = family == Family.IPV4 ? Family.IPV6 : Family.IPV4;
                Artifact present = files.files.containsKey(other) ? files.files.get(other) : files.sets.orElseThrow();
                all.error(IptReader.LAYOUT, start(present), "policy " + policy + " has no " + policy + ".v" + family.version()
                        + ".rules beside this file, so its IPv" + family.version() + " traffic is left to whatever the system had",
                        "read both files of the policy together");
                return Optional.empty();
            }
        }
        ChainSimulator.Outcome v4 = outcomes.get(Family.IPV4).orElseThrow();
        ChainSimulator.Outcome v6 = outcomes.get(Family.IPV6).orElseThrow();
        ImmutableList<ArtifactRule> rules = ImmutableList.<ArtifactRule>builder().addAll(v4.rules()).addAll(v6.rules()).build();
        return Optional.of(new ArtifactMeaning(policy, v4.accepted().union(v6.accepted()), rules));
    }

    /** What one file does with the new flows of its family, or empty when it had an error. */
    private static Optional<ChainSimulator.Outcome> read(Artifact artifact, Family family, Optional<Map<String, SetFile.DeclaredSet>> sets,
            Diagnostics found) {
        ImmutableList<Command> commands = RestoreParser.parse(artifact.content(), artifact.path(), family, sets, found);
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
