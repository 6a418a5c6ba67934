package dev.policyc.core.opt;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.net.PrefixBlocks;
import dev.policyc.core.net.PrefixBlocks.Key;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The address sets of rules as the fewest prefix blocks, with endpoints that still say where
 * their addresses came from.
 *
 * <p>Policies fed from blocklists name 100,000 blocks in a rule, so blocks are sorted and
 * compared by their first and last addresses as primitive keys ({@link PrefixBlocks.Key}),
 * computed once per block, never by comparing {@link IPAddress} objects.
 */
final class Peers {

    private Peers() {}

    /** A source endpoint, its key and its position among the sources. */
    private record Source(int index, Endpoint.Block endpoint, Key key) {}

    /**
     * The fewest prefix blocks whose union is exactly the union of {@code blocks}, IPv4 first,
     * each in ascending order, each with its prefix length (a host is {@code /32} or {@code /128}).
     * This is the set of maximal prefix blocks inside the union ({@link PrefixBlocks#minimalCover}).
     */
    static ImmutableList<IPAddress> minimalCover(Collection<IPAddress> blocks) {
        return PrefixBlocks.minimalCover(blocks);
    }

    /**
     * Endpoints for the minimal cover of {@code sources}. A block of the cover that is one of the
     * sources keeps that source's endpoint (the first, if several); a block merged from several
     * sources takes the origin they share ({@code $web}, {@code dns "x"}), or {@code cidr BLOCK}
     * when they differ, and the span of the first of them in {@code sources}.
     */
    static ImmutableList<Endpoint.Block> canonical(List<Endpoint.Block> sources) {
        List<IPAddress> blocks = sources.stream().map(Endpoint.Block::block).toList();
        if (PrefixBlocks.isMinimalCover(blocks)) {
            // Already canonical, as every peer is after the first round of the optimizer.
            return ImmutableList.copyOf(sources);
        }
        ImmutableList<IPAddress> cover = minimalCover(blocks);
        List<Source> sorted = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            sorted.add(new Source(i, sources.get(i), Key.of(sources.get(i).block())));
        }
        sorted.sort(Comparator.comparing(Source::key).thenComparingInt(Source::index));
        ImmutableList.Builder<Endpoint.Block> out = ImmutableList.builder();
        int next = 0;
        for (IPAddress block : cover) {
            // Each source lies in exactly one maximal block, and the sources of one block come
            // together in address order.
            Key key = Key.of(block);
            List<Source> inside = new ArrayList<>();
            while (next < sorted.size() && key.contains(sorted.get(next).key())) {
                inside.add(sorted.get(next++));
            }
            out.add(merged(block, inside));
        }
        return out.build();
    }

    private static Endpoint.Block merged(IPAddress block, List<Source> inside) {
        if (inside.size() == 1) {
            // The common case, without the sorting below.
            Endpoint.Block only = inside.get(0).endpoint;
            return only.block().equals(block) ? only : new Endpoint.Block(block, only.origin(), only.span());
        }
        List<Source> inOrder = inside.stream().sorted(Comparator.comparingInt(Source::index)).toList();
        for (Source s : inOrder) {
            if (s.endpoint.block().equals(block)) {
                return s.endpoint;
            }
        }
        Source first = inOrder.get(0);
        String origin = first.endpoint.origin();
        boolean shared = inside.stream().allMatch(s -> s.endpoint.origin().equals(origin));
        return new Endpoint.Block(block, shared ? origin : literal(block), first.endpoint.span());
    }

    /**
     * Endpoints for {@code blocks}, each of which lies inside one of {@code within} (disjoint
     * endpoints in {@link PrefixBlocks#ORDER}, as {@link #canonical} returns them): the endpoint itself when
     * the block is all of it, else the block with that endpoint's origin and span.
     */
    static ImmutableList<Endpoint.Block> inside(List<IPAddress> blocks, List<Endpoint.Block> within) {
        List<Key> keys = within.stream().map(e -> Key.of(e.block())).toList();
        ImmutableList.Builder<Endpoint.Block> out = ImmutableList.builder();
        for (IPAddress block : blocks) {
            Endpoint.Block around = around(block, Key.of(block), within, keys);
            out.add(around.block().equals(block) ? around : new Endpoint.Block(block, around.origin(), around.span()));
        }
        return out.build();
    }

    /** The endpoint of {@code within} that contains {@code block}: binary search on first addresses. */
    private static Endpoint.Block around(IPAddress block, Key key, List<Endpoint.Block> within, List<Key> keys) {
        int low = 0;
        int high = within.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (keys.get(mid).compareTo(key) <= 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        if (!keys.get(low).contains(key)) {
            throw new IllegalArgumentException(block + " lies in none of " + within);
        }
        return within.get(low);
    }

    /** {@code 0.0.0.0/0} and {@code ::/0} named {@code any}, for rules that name no peer. */
    static ImmutableList<Endpoint.Block> any(SourceSpan span) {
        return ImmutableList.of(
                new Endpoint.Block(new IPAddressString("0.0.0.0/0").getAddress(), "any", span),
                new Endpoint.Block(new IPAddressString("::/0").getAddress(), "any", span));
    }

    private static String literal(IPAddress block) {
        boolean host = block.getNetworkPrefixLength() != null && block.getNetworkPrefixLength() == block.getBitCount();
        return host ? "host " + block.withoutPrefixLength().toCanonicalString() : "cidr " + block.toCanonicalString();
    }
}
