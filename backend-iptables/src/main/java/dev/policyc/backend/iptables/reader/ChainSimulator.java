package dev.policyc.backend.iptables.reader;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import dev.policyc.backend.iptables.reader.Syntax.Match;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Verdict;
import dev.policyc.core.verify.ArtifactRule;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What table filter does with the new flows of one family, simulated over flow sets as netfilter
 * runs packets through it: a packet the container receives walks chain INPUT (an incoming flow,
 * whose remote address is the source), one it sends walks OUTPUT (an outgoing flow, remote address
 * the destination). In a chain, the flows still walking before a rule, intersected with what the
 * rule matches, are what it acts on: ACCEPT and DROP end their walk; RETURN sends them back to
 * the calling chain; a jump walks them through a user chain, from which those it returns, or that
 * reach its end, come back to the next rule; LOG, or no target, lets them go on. What leaves a
 * built-in chain, by RETURN or by its end, gets the chain's policy.
 */
final class ChainSimulator {

    private static final ImmutableRangeSet<Integer> ALL_PROTOCOLS = ImmutableRangeSet.of(Range.closed(0, 255));
    private static final Range<Integer> FLOW_PORTS = Range.closed(PortSet.MIN, PortSet.MAX);

    /** The flows a file accepts and the statements that decide them. */
    record Outcome(FlowSet accepted, ImmutableList<ArtifactRule> rules) {}

    /** What a walk through one chain does with the flows that enter it. */
    private record Walk(FlowSet accepted, FlowSet returned) {}

    private final FilterTable table;
    private final Family family;
    private final IPAddress everyAddress;
    /** Findings at rules, kept once each however often a rule is walked. */
    private final Set<Diagnostic> findings = new LinkedHashSet<>();
    private final Map<Syntax.Rule, FlowSet> decided = new LinkedHashMap<>();
    private final Map<Direction, Map<Syntax.Rule, FlowSet>> matchedCache = new HashMap<>();

    private ChainSimulator(FilterTable table, Family family) {
        this.table = table;
        this.family = family;
        this.everyAddress = new IPAddressString(family == Family.IPV4 ? "0.0.0.0/0" : "::/0").getAddress();
    }

    /**
     * The new flows of {@code family} that {@code table} accepts. Chains INPUT and OUTPUT must have
     * their earlier rules flushed by the file, and either their policy set or no flow reaching their
     * end; otherwise, and for matches outside the flow model, there are errors and the outcome
     * means nothing.
     *
     * @param start where the file starts, for what the file lacks
     */
    static Outcome evaluate(FilterTable table, Family family, SourceSpan start, Diagnostics diagnostics) {
        return new ChainSimulator(table, family).run(start, diagnostics);
    }

    private Outcome run(SourceSpan start, Diagnostics diagnostics) {
        FlowSet accepted = FlowSet.empty();
        ImmutableList.Builder<ArtifactRule> policies = ImmutableList.builder();
        for (Direction direction : Direction.values()) {
            FilterTable.Chain hook = table.chains().get(direction == Direction.IN ? "INPUT" : "OUTPUT");
            if (!known(hook, start, diagnostics)) {
                continue;
            }
            Walk walk = walk(hook, universe(direction), direction);
            accepted = accepted.union(walk.accepted());
            if (hook.policy().isPresent()) {
                Verdict policy = hook.policy().get();
                Syntax.DeclareChain line = hook.policyLine().orElseThrow();
                policies.add(new ArtifactRule(line.span(), line.text(), policy, walk.returned()));
                if (policy == Verdict.ALLOW) {
                    accepted = accepted.union(walk.returned());
                }
            } else if (!walk.returned().isEmpty() || !decidesEveryPacket(hook)) {
                // The flow model covers new flows only; a packet outside it (an ICMP error, say)
                // must not reach an unknown policy either, hence the check of the rules' shape.
                diagnostics.error(IptReader.LAYOUT, start, (walk.returned().isEmpty() ? "packets" : "new "
                        + (direction == Direction.IN ? "incoming" : "outgoing") + " flows") + " can reach the end of chain "
                        + hook.name() + ", whose policy the file does not set, so they get whatever it was",
                        "end the chain it jumps to with a rule without matches that accepts or drops, or declare :"
                        + hook.name() + " DROP [0:0] (or ACCEPT)");
            }
        }
        diagnostics.addAll(findings);
        ImmutableList.Builder<ArtifactRule> rules = ImmutableList.builder();
        rules.addAll(policies.build());
        decided.forEach((rule, flows) -> rules.add(new ArtifactRule(rule.span(), rule.text(),
                ((Syntax.Decide) rule.target()).verdict(), flows)));
        ImmutableList<ArtifactRule> inFileOrder = rules.build().stream()
                .sorted(Comparator.comparingInt(r -> r.location().line()))
                .collect(ImmutableList.toImmutableList());
        return new Outcome(accepted, inFileOrder);
    }

    /**
     * Whether the file says all there is to know of the rules of a built-in chain that new flows
     * walk. Its policy may stay unknown (the file need not set it) as long as no flow reaches it.
     */
    private boolean known(FilterTable.Chain hook, SourceSpan start, Diagnostics diagnostics) {
        if (hook.rulesKnown()) {
            return true;
        }
        diagnostics.error(IptReader.LAYOUT, start, "the file does not empty chain " + hook.name() + " before adding to it, so with "
                + "--noflush the rules it held stay ahead of the file's", "put -F " + hook.name() + " before its rules");
        return false;
    }

    /**
     * Whether no packet at all, in the flow model or not, leaves {@code chain} without a verdict:
     * a rule without matches accepts or drops, or jumps to a chain of which this holds, and no
     * RETURN comes before it. (A chain it jumps to earlier returns here, to the next rule.)
     * FilterTable has refused loops of jumps, so the recursion ends.
     */
    private boolean decidesEveryPacket(FilterTable.Chain chain) {
        for (Syntax.Rule rule : chain.rules()) {
            if (rule.target() instanceof Syntax.Return) {
                return false;
            }
            if (rule.matches().isEmpty()) {
                if (rule.target() instanceof Syntax.Decide) {
                    return true;
                }
                if (rule.target() instanceof Syntax.Jump jump && decidesEveryPacket(table.chains().get(jump.chain()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Walks {@code flows} through {@code chain}; records what each ACCEPT and DROP decides. */
    private Walk walk(FilterTable.Chain chain, FlowSet flows, Direction direction) {
        FlowSet walking = flows;
        FlowSet accepted = FlowSet.empty();
        FlowSet returned = FlowSet.empty();
        for (Syntax.Rule rule : chain.rules()) {
            FlowSet hit = walking.intersection(matched(rule, direction));
            Syntax.Target target = rule.target();
            if (target instanceof Syntax.Decide decide) {
                decided.merge(rule, hit, FlowSet::union);
                if (decide.verdict() == Verdict.ALLOW) {
                    accepted = accepted.union(hit);
                }
                walking = walking.difference(hit);
            } else if (target instanceof Syntax.Return) {
                returned = returned.union(hit);
                walking = walking.difference(hit);
            } else if (target instanceof Syntax.Jump jump) {
                // Walked even when no flow gets there, so that its findings do not depend on the flows.
                Walk inner = walk(table.chains().get(jump.chain()), hit, direction);
                accepted = accepted.union(inner.accepted());
                walking = walking.difference(hit).union(inner.returned());
            }
        }
        return new Walk(accepted, returned.union(walking));
    }

    /** The new flows of {@code direction} and this file's family that every match of {@code rule} holds for. */
    private FlowSet matched(Syntax.Rule rule, Direction direction) {
        Map<Syntax.Rule, FlowSet> cache = matchedCache.computeIfAbsent(direction, d -> new HashMap<>());
        FlowSet known = cache.get(rule);
        if (known != null) {
            return known;
        }
        FlowSet flows = universe(direction);
        for (Match match : rule.matches()) {
            flows = flows.intersection(matched(match, direction));
        }
        cache.put(rule, flows);
        return flows;
    }

    private FlowSet matched(Match match, Direction direction) {
        if (match instanceof Syntax.Address address) {
            return remote(address.source(), List.of(address.block()), address.span(), direction, "-s", "-d");
        }
        if (match instanceof Syntax.AddressSet set) {
            return remote(set.source(), set.blocks(), set.span(), direction, "src", "dst");
        }
        if (match instanceof Syntax.Protocols protocols) {
            return box(direction, protocols.numbers(), Optional.empty());
        }
        if (match instanceof Syntax.Interface iface) {
            return loopback(iface, direction);
        }
        if (match instanceof Syntax.CtState ct) {
            // Every flow of the model opens a connection: conntrack calls it NEW.
            return ct.includesNew() ? universe(direction) : FlowSet.empty();
        }
        if (match instanceof Syntax.Ports ports) {
            ImmutableRangeSet<Integer> inModel = ports.ports().subRangeSet(FLOW_PORTS);
            return inModel.isEmpty() ? FlowSet.empty()
                    : box(direction, ImmutableRangeSet.of(Range.singleton(ports.protocol())), Optional.of(new PortSet(inModel)));
        }
        // ICMP flows of the model are echo requests; other types (neighbour discovery...) match none.
        return ((Syntax.IcmpEcho) match).echoRequest() ? universe(direction) : FlowSet.empty();
    }

    /** The remote address is the source of an incoming flow and the destination of an outgoing one. */
    private FlowSet remote(boolean source, List<IPAddress> blocks, SourceSpan span, Direction direction, String sourceWord,
            String destinationWord) {
        if (source != (direction == Direction.IN)) {
            findings.add(Diagnostic.error(IptReader.OUTSIDE_MODEL, span, "the container's own address ("
                    + (source ? sourceWord : destinationWord) + " in a chain walked by " + (direction == Direction.IN ? "incoming" : "outgoing")
                    + " packets) is outside the flow model").withHint("match the remote address: " + sourceWord + " for INPUT, "
                    + destinationWord + " for OUTPUT"));
            return FlowSet.empty();
        }
        return blocks.isEmpty() ? FlowSet.empty() : FlowSet.box(Set.of(direction), ALL_PROTOCOLS, blocks, Optional.empty());
    }

    /** Loopback traffic is outside the flow model; any other interface would split flows the model cannot. */
    private FlowSet loopback(Syntax.Interface iface, Direction direction) {
        if (iface.input() != (direction == Direction.IN)) {
            findings.add(Diagnostic.error(IptReader.UNSUPPORTED, iface.span(), "the reader does not take "
                    + (iface.input() ? "an input (-i)" : "an output (-o)") + " interface in a chain walked by "
                    + (direction == Direction.IN ? "incoming" : "outgoing") + " packets"));
        } else if (!iface.name().equals("lo")) {
            findings.add(Diagnostic.error(IptReader.OUTSIDE_MODEL, iface.span(),
                    "interface " + iface.name() + " is outside the flow model, which knows only loopback and the rest"));
        }
        return FlowSet.empty();
    }

    private FlowSet universe(Direction direction) {
        return box(direction, ALL_PROTOCOLS, Optional.empty());
    }

    private FlowSet box(Direction direction, ImmutableRangeSet<Integer> protocols, Optional<PortSet> ports) {
        return FlowSet.box(Set.of(direction), protocols, List.of(everyAddress), ports);
    }
}
