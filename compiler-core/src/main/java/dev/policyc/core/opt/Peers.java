package dev.policyc.core.opt;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Endpoint;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The address sets of rules as the fewest prefix blocks, with endpoints that still say where
 * their addresses came from.
 */
final class Peers {

    /** IPv4 before IPv6, then by first address. */
    static final Comparator<IPAddress> ORDER = Comparator.comparing(IPAddress::isIPv6)
            .thenComparing(a -> a.getLower().getValue());

    private Peers() {}

    /** A source endpoint and its position among the sources. */
    private record Source(int index, Endpoint.Block endpoint) {}

    /**
     * The fewest prefix blocks whose union is exactly the union of {@code blocks}, IPv4 first,
     * each in ascending order, each with its prefix length (a host is {@code /32} or {@code /128}).
     * This is the set of maximal prefix blocks inside the union, which IPAddress computes.
     */
    static ImmutableList<IPAddress> minimalCover(Collection<IPAddress> blocks) {
        if (blocks.isEmpty()) {
            return ImmutableList.of();
        }
        IPAddress.DualIPv4Pv6Arrays merged = IPAddress.mergeToDualPrefixBlocks(blocks.toArray(IPAddress[]::new));
        List<IPAddress> cover = new ArrayList<>();
        for (IPAddress[] family : new IPAddress[][] {merged.addressesIPv4, merged.addressesIPv6}) {
            for (IPAddress block : family) {
                cover.add(block.getNetworkPrefixLength() == null ? block.toPrefixBlock(block.getBitCount()) : block);
            }
        }
        cover.sort(ORDER);
        return ImmutableList.copyOf(cover);
    }

    /**
     * Endpoints for the minimal cover of {@code sources}. A block of the cover that is one of the
     * sources keeps that source's endpoint (the first, if several); a block merged from several
     * sources takes the origin they share ({@code $web}, {@code dns "x"}), or {@code cidr BLOCK}
     * when they differ, and the span of the first of them in {@code sources}.
     */
    static ImmutableList<Endpoint.Block> canonical(List<Endpoint.Block> sources) {
        List<Source> sorted = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            sorted.add(new Source(i, sources.get(i)));
        }
        sorted.sort(Comparator.comparing((Source s) -> s.endpoint.block(), ORDER).thenComparingInt(Source::index));
        ImmutableList.Builder<Endpoint.Block> out = ImmutableList.builder();
        int next = 0;
        for (IPAddress block : minimalCover(sources.stream().map(Endpoint.Block::block).toList())) {
            // Each source lies in exactly one maximal block, and the sources of one block come
            // together in address order.
            List<Source> inside = new ArrayList<>();
            while (next < sorted.size() && contains(block, sorted.get(next).endpoint.block())) {
                inside.add(sorted.get(next++));
            }
            out.add(merged(block, inside));
        }
        return out.build();
    }

    private static Endpoint.Block merged(IPAddress block, List<Source> inside) {
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
     * endpoints in {@link #ORDER}, as {@link #canonical} returns them): the endpoint itself when
     * the block is all of it, else the block with that endpoint's origin and span.
     */
    static ImmutableList<Endpoint.Block> inside(List<IPAddress> blocks, List<Endpoint.Block> within) {
        ImmutableList.Builder<Endpoint.Block> out = ImmutableList.builder();
        for (IPAddress block : blocks) {
            Endpoint.Block around = around(block, within);
            out.add(around.block().equals(block) ? around : new Endpoint.Block(block, around.origin(), around.span()));
        }
        return out.build();
    }

    /** The endpoint of {@code within} that contains {@code block}: binary search on first addresses. */
    private static Endpoint.Block around(IPAddress block, List<Endpoint.Block> within) {
        int low = 0;
        int high = within.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (ORDER.compare(within.get(mid).block(), block) <= 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        Endpoint.Block candidate = within.get(low);
        if (!contains(candidate.block(), block)) {
            throw new IllegalArgumentException(block + " lies in none of " + within);
        }
        return candidate;
    }

    /** {@code 0.0.0.0/0} and {@code ::/0} named {@code any}, for rules that name no peer. */
    static ImmutableList<Endpoint.Block> any(SourceSpan span) {
        return ImmutableList.of(
                new Endpoint.Block(new IPAddressString("0.0.0.0/0").getAddress(), "any", span),
                new Endpoint.Block(new IPAddressString("::/0").getAddress(), "any", span));
    }

    static boolean contains(IPAddress outer, IPAddress inner) {
        return outer.getIPVersion() == inner.getIPVersion() && outer.contains(inner);
    }

    private static String literal(IPAddress block) {
        boolean host = block.getNetworkPrefixLength() != null && block.getNetworkPrefixLength() == block.getBitCount();
        return host ? "host " + block.withoutPrefixLength().toCanonicalString() : "cidr " + block.toCanonicalString();
    }
}
