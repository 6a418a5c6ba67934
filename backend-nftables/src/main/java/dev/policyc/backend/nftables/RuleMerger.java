package dev.policyc.backend.nftables;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds small rules of a chain into {@link MergedRule}s, so that a packet walks fewer rules.
 *
 * <p><b>Why the meaning is kept.</b> A chain holds every deny rule, then every allow rule
 * ({@link TableWriter}), so the rules between two log rules of one verdict form a run in which
 * order decides nothing but which rule counts a packet: whichever of them matches first, the
 * verdict is the same and nothing is logged. Within such a run, the rules of one family that
 * qualify are replaced by one rule, written where the first of them stood, that matches exactly
 * the union of what they matched: its set holds each rule's (address, protocol, port range)
 * product. A log rule ends the run, because moving a rule across it would change which packets
 * are logged.
 *
 * <p><b>Which rules qualify</b> ({@link #qualifies}): no {@code log}; one family; literal
 * addresses (not every address, not a runtime set, which the applier fills); tcp and/or udp only
 * and destination ports, so that {@code meta l4proto . th dport} reads a real port (for tcp and
 * udp, {@code th dport} is the same two bytes {@code tcp dport} and {@code udp dport} read); and
 * at most {@link #MAX_ELEMENTS_PER_RULE} elements. A rule that fails the last test has many
 * addresses, protocols or port ranges and already costs one set lookup of its own; copying its
 * product into the shared set would multiply elements and slow every lookup of the set for
 * little gain. A rule whose elements would overlap ones already in the set is left on its own
 * too: nft refuses most overlaps in a concatenated interval set, and an own rule of the same
 * verdict in the same run decides the same packets anyway.
 *
 * <p>A run is merged only when two rules or more qualify, which is when merging cuts the rule count.
 */
final class RuleMerger {

    /**
     * The most elements (addresses x protocols x port ranges) one rule may add to a merged set:
     * enough for a few hosts on a few services, few enough that the set stays small.
     */
    static final int MAX_ELEMENTS_PER_RULE = 64;

    private static final Set<Protocol> PORTED = Set.of(Protocol.TCP, Protocol.UDP);

    private RuleMerger() {}

    /** True when {@code rule} may become part of a merged rule; see the class comment. */
    static boolean qualifies(NftRule rule) {
        return !rule.source().log()
                && rule.family().isPresent()
                && rule.runtimeSet().isEmpty()
                && !rule.addresses().isEmpty()
                && rule.ports().isPresent()
                && !rule.protocols().isEmpty()
                && PORTED.containsAll(rule.protocols())
                && (long) rule.addresses().size() * rule.protocols().size() * rule.ports().get().closedRanges().size()
                        <= MAX_ELEMENTS_PER_RULE;
    }

    /**
     * The entries of the chain of {@code direction} whose rules, in chain order, are {@code rules}
     * (all of that direction, deny rules before allow rules).
     */
    static ImmutableList<ChainEntry> chain(Direction direction, List<NftRule> rules) {
        List<List<NftRule>> runs = new ArrayList<>();
        List<NftRule> run = new ArrayList<>();
        for (NftRule rule : rules) {
            if (rule.source().direction() != direction) {
                throw new IllegalArgumentException("rule at " + rule.source().span() + " is not of chain " + direction);
            }
            boolean newRun = !run.isEmpty() && (rule.source().verdict() != run.get(0).source().verdict() || run.get(run.size() - 1).source().log());
            if (newRun || rule.source().log()) {
                if (!run.isEmpty()) {
                    runs.add(run);
                }
                run = new ArrayList<>();
            }
            run.add(rule);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        ImmutableList.Builder<ChainEntry> entries = ImmutableList.builder();
        Map<String, Integer> namesUsed = new HashMap<>();
        for (List<NftRule> r : runs) {
            entries.addAll(mergeRun(r, namesUsed));
        }
        return entries.build();
    }

    /** One run's entries: each family's qualifying rules merged where the first of them stood. */
    private static List<ChainEntry> mergeRun(List<NftRule> run, Map<String, Integer> namesUsed) {
        Map<Family, List<NftRule>> members = new EnumMap<>(Family.class);
        Map<Family, ElementIndex> elements = new EnumMap<>(Family.class);
        for (NftRule rule : run) {
            if (!qualifies(rule)) {
                continue;
            }
            Family family = rule.family().orElseThrow();
            ElementIndex taken = elements.computeIfAbsent(family, f -> new ElementIndex());
            ImmutableList<MergedRule.Element> added = MergedRule.elementsOf(rule);
            if (added.stream().noneMatch(taken::overlapsAny)) {
                added.forEach(taken::add);
                members.computeIfAbsent(family, f -> new ArrayList<>()).add(rule);
            }
        }
        members.values().removeIf(m -> m.size() < 2);
        Set<NftRule> merging = Collections.newSetFromMap(new IdentityHashMap<>());
        members.values().forEach(merging::addAll);
        List<ChainEntry> entries = new ArrayList<>();
        for (NftRule rule : run) {
            Family family = rule.family().orElse(null);
            List<NftRule> merged = family == null ? null : members.get(family);
            if (merged == null || !merging.contains(rule)) {
                entries.add(rule);
            } else if (merged.get(0) == rule) {
                Verdict verdict = rule.source().verdict();
                String base = (verdict == Verdict.ALLOW ? "allow" : "deny") + "_" + rule.source().direction().keyword()
                        + "_v" + family.version();
                int n = namesUsed.merge(base, 1, Integer::sum);
                entries.add(new MergedRule(n == 1 ? base : base + "_" + n, rule.source().direction(), verdict, family,
                        ImmutableList.copyOf(merged)));
            }
        }
        return entries;
    }
}
