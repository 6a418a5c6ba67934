package dev.policyc.core.lint;

import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.Rule;
import dev.policyc.core.net.PrefixBlocks.Key;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds, among a list of bound rules, those whose addresses may meet a given rule's, by their
 * prefix blocks alone: two prefix blocks meet exactly when one contains the other. The blocks
 * inside a query block are a run of the blocks sorted by first address; the blocks around it
 * are its own prefixes, looked up by value. So a query costs a few lookups per query block plus
 * one step per hit, not one step per rule.
 */
final class PeerIndex {

    /** A block by its first address (blocks are compared on primitive keys: there may be 100,000). */
    private record Entry(Key key, int position) {}

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::key);

    private final int size;
    private final List<Entry> byFirstAddress = new ArrayList<>();
    private final Map<IPAddress, List<Integer>> byBlock = new HashMap<>();
    private final List<Integer> withoutPeer = new ArrayList<>();

    PeerIndex(List<Rule> rules) {
        this.size = rules.size();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).peer().isEmpty()) {
                withoutPeer.add(i);
                continue;
            }
            for (Endpoint e : rules.get(i).peer().get()) {
                IPAddress block = ((Endpoint.Block) e).block();
                byFirstAddress.add(new Entry(Key.of(block), i));
                byBlock.computeIfAbsent(block, b -> new ArrayList<>()).add(i);
            }
        }
        byFirstAddress.sort(ORDER);
    }

    /**
     * The positions, ascending, of the rules that name no peer or have a block meeting one of
     * {@code rule}'s blocks; every position when {@code rule} names no peer. Direction,
     * protocols and ports are not looked at: the caller checks the candidates exactly.
     */
    TreeSet<Integer> candidates(Rule rule) {
        TreeSet<Integer> found = new TreeSet<>(withoutPeer);
        if (rule.peer().isEmpty()) {
            for (int i = 0; i < size; i++) {
                found.add(i);
            }
            return found;
        }
        for (Endpoint e : rule.peer().get()) {
            IPAddress block = ((Endpoint.Block) e).block();
            addInside(block, found);
            int length = block.getNetworkPrefixLength() == null ? block.getBitCount() : block.getNetworkPrefixLength();
            for (int shorter = 0; shorter < length; shorter++) {
                found.addAll(byBlock.getOrDefault(block.toPrefixBlock(shorter), List.of()));
            }
        }
        return found;
    }

    /** Adds the rules with a block that starts inside {@code block}, hence lies inside it. */
    private void addInside(IPAddress block, TreeSet<Integer> found) {
        Key query = Key.of(block);
        Entry from = new Entry(query, -1);
        int low = 0;
        int high = byFirstAddress.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ORDER.compare(byFirstAddress.get(mid), from) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        for (int i = low; i < byFirstAddress.size(); i++) {
            Entry e = byFirstAddress.get(i);
            Key k = e.key();
            if (k.ipv6() != query.ipv6() || Key.compare(k.firstHi(), k.firstLo(), query.lastHi(), query.lastLo()) > 0) {
                break;
            }
            found.add(e.position);
        }
    }
}
