package dev.policyc.backend.iptables;

import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hashing;
import dev.policyc.core.ir.Family;
import inet.ipaddr.IPAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ipset sets of one policy for the {@code iptables-ipset} target: one {@code hash:net} set
 * for each distinct family and list of address blocks that its rules match by set, in the order
 * both rules files first use them (IPv4 file first). Identical lists share one set.
 *
 * <p>A set is named after its content ({@link PolicyChains#set}): the first hex digits of a
 * SHA-256 of its {@link #hashedText family word and elements}. So a new version of a policy never
 * changes a set its loaded rules use: what changed gets a new name, the new rules switch to it in
 * their own transaction, and the script destroys the old one after.
 */
final class AddressSets {

    /**
     * One set.
     *
     * @param blocks ascending, disjoint, of {@code family}, none of prefix length 0
     * @param users  where the rules that match it come from ({@code file:line}), in order, once each
     */
    record AddressSet(String name, Family family, ImmutableList<IPAddress> blocks, ImmutableList<String> users) {}

    private final PolicyChains chains;
    private final Map<String, AddressSet> byName = new LinkedHashMap<>();
    private final List<String> clashes = new ArrayList<>();

    /** The sets of the policy of {@code chains}, none yet. */
    AddressSets(PolicyChains chains) {
        this.chains = chains;
    }

    /**
     * Whether {@code blocks} can go into a {@code hash:net} set: ipset refuses a block of prefix
     * length 0, so a rule with one stays inline.
     */
    static boolean canHold(List<IPAddress> blocks) {
        return blocks.stream().noneMatch(b -> IptSyntax.prefixLength(b) == 0);
    }

    /**
     * The name of the set of {@code blocks} in {@code family}, made on first use; {@code user} is
     * the rule that matches it.
     *
     * @param blocks ascending, disjoint, of {@code family}, as {@link #canHold} allows
     */
    String nameFor(Family family, List<IPAddress> blocks, String user) {
        if (!canHold(blocks)) {
            throw new IllegalArgumentException("a hash:net set cannot hold a block of prefix length 0");
        }
        ImmutableList<IPAddress> elements = ImmutableList.copyOf(blocks);
        String hash = Hashing.sha256().hashString(hashedText(family, elements), StandardCharsets.UTF_8).toString();
        String name = chains.set(hash.substring(0, PolicyChains.SET_HEX_DIGITS));
        AddressSet known = byName.get(name);
        if (known == null) {
            byName.put(name, new AddressSet(name, family, elements, ImmutableList.of(user)));
        } else if (known.family() != family || !known.blocks().equals(elements)) {
            clashes.add(name);
        } else if (!known.users().contains(user)) {
            byName.put(name, new AddressSet(name, family, elements,
                    ImmutableList.<String>builder().addAll(known.users()).add(user).build()));
        }
        return name;
    }

    /** The sets made so far, in order of first use. */
    ImmutableList<AddressSet> sets() {
        return ImmutableList.copyOf(byName.values());
    }

    /** Names two different lists hashed to (32 bits each: in practice never), for an error. */
    ImmutableList<String> clashes() {
        return ImmutableList.copyOf(clashes);
    }

    /** What a set's name hashes: its family word ({@code inet}, {@code inet6}), then each element, one a line. */
    static String hashedText(Family family, List<IPAddress> blocks) {
        StringBuilder text = new StringBuilder(IpsetFile.familyWord(family));
        for (IPAddress block : blocks) {
            text.append('\n').append(IpsetFile.element(block));
        }
        return text.toString();
    }
}
