package dev.policyc.backend.nftables.reader;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.policyc.backend.nftables.reader.Syntax.Command;
import dev.policyc.core.backend.Artifact;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.verify.ArtifactMeaning;
import dev.policyc.core.verify.ArtifactReader;
import dev.policyc.core.verify.ReadResult;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code .nft} files back into the flows they accept, to verify the {@code nftables}
 * target. It shares no code with the emitter ({@code dev.policyc.backend.nftables}): it has its
 * own lexer, parser and evaluator for the nft syntax a policy's ruleset uses, so that a mistake
 * in the emitter is not repeated when reading.
 *
 * <p>Read: {@code table inet NAME { ... }} and {@code delete table inet NAME}; sets of
 * {@code type ipv4_addr|ipv6_addr}, or of concatenations of those with {@code inet_proto} and
 * {@code inet_service} ({@code type ipv4_addr . inet_proto . inet_service}), with
 * {@code flags interval}, {@code counter}, {@code comment} and {@code elements} (fields joined by
 * {@code  . }, prefixes and port ranges, each element optionally with {@code counter [packets N
 * bytes N]} and {@code comment}); base chains {@code type filter hook input|output priority N;
 * policy accept|drop;}; rules made of {@code ct state}, {@code iif|oif|iifname|oifname "lo"},
 * {@code ip|ip6 saddr|daddr} (an address, a prefix, an anonymous set or {@code @set}),
 * {@code meta nfproto}, {@code meta l4proto}, {@code tcp|udp|th dport}, concatenations of
 * {@code ip|ip6 saddr|daddr}, {@code meta l4proto} and {@code th|tcp|udp dport} looked up in
 * {@code @set} or an anonymous set, {@code icmp|icmpv6 type}, {@code counter}, {@code log prefix},
 * {@code accept}, {@code drop} and {@code comment}. Anything else is an error at its line.
 *
 * <p>Each file must leave exactly one table, {@code policyc_NAME}, whose meaning is that of
 * policy NAME. Rules outside the flow model (loopback, {@code ct state} without {@code new},
 * ICMP types other than echo-request) match no flow of it and so decide nothing.
 */
public final class NftReader implements ArtifactReader {

    /** The target this reads, spelled here rather than taken from the emitter. */
    public static final String TARGET = "nftables";

    /** Text that is not nft syntax as read here. */
    public static final String SYNTAX = "nft-read-syntax";
    /** nft syntax the reader does not take. */
    public static final String UNSUPPORTED = "nft-read-unsupported";
    /** Something nft itself would refuse: a bad address, a missing set, a table deleted that does not exist. */
    public static final String INVALID = "nft-read-invalid";
    /** A match on something the flow model does not have (the container's own address, source ports, interfaces). */
    public static final String OUTSIDE_MODEL = "nft-read-outside-model";
    /** Files that do not hold one policy's table each. */
    public static final String LAYOUT = "nft-read-layout";

    private static final String TABLE_PREFIX = "policyc_";

    /** For {@link java.util.ServiceLoader}. */
    public NftReader() {}

    @Override
    public String targetId() {
        return TARGET;
    }

    @Override
    public ReadResult read(List<Artifact> artifacts) {
        Diagnostics all = new Diagnostics();
        Map<String, ArtifactMeaning> policies = new LinkedHashMap<>();
        Set<String> repeated = new HashSet<>();
        for (Artifact artifact : artifacts) {
            Diagnostics found = new Diagnostics();
            Optional<ArtifactMeaning> meaning = read(artifact, found);
            all.addAll(found.toList());
            if (meaning.isEmpty()) {
                continue;
            }
            String policy = meaning.get().policy();
            if (repeated.contains(policy) || policies.containsKey(policy)) {
                all.error(LAYOUT, start(artifact), "a second file holds the table of policy " + policy);
                policies.remove(policy);
                repeated.add(policy);
            } else {
                policies.put(policy, meaning.get());
            }
        }
        return new ReadResult(ImmutableMap.copyOf(policies), all.toList());
    }

    /** The meaning of one file, or empty when it had an error. */
    private static Optional<ArtifactMeaning> read(Artifact artifact, Diagnostics found) {
        if (!artifact.path().endsWith(".nft")) {
            found.error(LAYOUT, start(artifact), "the nftables reader reads .nft files, not " + artifact.path());
            return Optional.empty();
        }
        List<Token> tokens = NftLexer.tokens(artifact.content(), artifact.path(), found);
        ImmutableList<Command> commands = NftParser.parse(tokens, List.of(artifact.content().split("\n", -1)), found);
        ImmutableList<RulesetEvaluator.Table> tables = RulesetEvaluator.tables(commands, found);
        if (tables.size() != 1) {
            found.error(LAYOUT, tables.isEmpty() ? start(artifact) : tables.get(1).span(),
                    "a policy's file leaves exactly one table, this one leaves " + tables.size());
            return Optional.empty();
        }
        RulesetEvaluator.Table table = tables.get(0);
        if (!table.name().startsWith(TABLE_PREFIX) || table.name().length() == TABLE_PREFIX.length()) {
            found.error(LAYOUT, table.span(), "table " + table.name() + " is not named after a policy",
                    "a policy's table is " + TABLE_PREFIX + "NAME");
            return Optional.empty();
        }
        RulesetEvaluator.Outcome outcome = RulesetEvaluator.outcome(table, found);
        if (found.hasErrors()) {
            return Optional.empty();
        }
        String policy = table.name().substring(TABLE_PREFIX.length());
        return Optional.of(new ArtifactMeaning(policy, outcome.accepted(), outcome.rules()));
    }

    private static SourceSpan start(Artifact artifact) {
        return SourceSpan.at(artifact.path(), 1, 1);
    }
}
