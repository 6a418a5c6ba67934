package dev.policyc.backend.nftables.reader;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import dev.policyc.backend.nftables.reader.Syntax.ChainDecl;
import dev.policyc.backend.nftables.reader.Syntax.Command;
import dev.policyc.backend.nftables.reader.Syntax.Match;
import dev.policyc.backend.nftables.reader.Syntax.RuleDecl;
import dev.policyc.backend.nftables.reader.Syntax.SetDecl;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a parsed script does with new flows.
 *
 * <p>First the commands run in order, as {@code nft -f} runs them: a table block creates its
 * table if need be and adds sets and chains; {@code delete table} removes one, and fails if there
 * is none. Then, for each surviving table, each base chain is simulated with first-match
 * semantics over flow sets: the flows still undecided before a rule, intersected with what the
 * rule matches, are what it decides; the chain's policy decides the rest. Several base chains on
 * one hook all see a packet, and a drop in any is final, so a direction accepts the flows that
 * every one of its chains accepts (every flow, when it has none).
 */
final class RulesetEvaluator {

    private static final ImmutableRangeSet<Integer> ALL_PROTOCOLS = ImmutableRangeSet.of(Range.closed(0, 255));
    private static final IPAddress EVERY_IPV4 = new IPAddressString("0.0.0.0/0").getAddress();
    private static final IPAddress EVERY_IPV6 = new IPAddressString("::/0").getAddress();
    private static final ImmutableRangeSet<Integer> THE_PORTED =
            ImmutableRangeSet.copyOf(List.of(Range.singleton(6), Range.singleton(17)));
    private static final Range<Integer> FLOW_PORTS = Range.closed(PortSet.MIN, PortSet.MAX);

    /** A table as the script leaves it, set references replaced by the sets' elements. */
    record Table(String name, SourceSpan span, ImmutableList<ChainDecl> chains) {}

    /** The flows a table accepts and the statements that decide them. */
    record Outcome(FlowSet accepted, ImmutableList<ArtifactRule> rules) {}

    private final Diagnostics diagnostics;

    private RulesetEvaluator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The tables left after running {@code commands}, in order of creation. */
    static ImmutableList<Table> tables(List<Command> commands, Diagnostics diagnostics) {
        return new RulesetEvaluator(diagnostics).run(commands);
    }

    /** What {@code table} does with new flows of both directions. */
    static Outcome outcome(Table table, Diagnostics diagnostics) {
        return new RulesetEvaluator(diagnostics).evaluate(table);
    }

    /** The tables of one run; mutable only while the commands run. */
    private static final class TableState {
        final SourceSpan span;
        final Map<String, SetDecl> sets = new LinkedHashMap<>();
        final Set<String> chainNames = new HashSet<>();
        final List<ChainDecl> chains = new ArrayList<>();

        TableState(SourceSpan span) {
            this.span = span;
        }
    }

    private ImmutableList<Table> run(List<Command> commands) {
        Map<String, TableState> tables = new LinkedHashMap<>();
        for (Command command : commands) {
            if (command instanceof Syntax.DeleteTable delete) {
                if (tables.remove(delete.name()) == null) {
                    diagnostics.error(NftReader.INVALID, delete.span(), "table inet " + delete.name() + " does not exist here, so nft -f fails",
                            "declare it first with 'table inet " + delete.name() + " {}'");
                }
            } else if (command instanceof Syntax.TableBlock block) {
                TableState table = tables.computeIfAbsent(block.name(), n -> new TableState(block.span()));
                for (Syntax.TableItem item : block.items()) {
                    add(table, item);
                }
            }
        }
        ImmutableList.Builder<Table> out = ImmutableList.builder();
        tables.forEach((name, state) -> out.add(new Table(name, state.span, ImmutableList.copyOf(state.chains))));
        return out.build();
    }

    private void add(TableState table, Syntax.TableItem item) {
        if (item instanceof SetDecl set) {
            if (table.sets.putIfAbsent(set.name(), set) != null) {
                diagnostics.error(NftReader.INVALID, set.span(), "set " + set.name() + " is declared twice in its table");
            }
        } else if (item instanceof ChainDecl chain) {
            if (!table.chainNames.add(chain.name())) {
                diagnostics.error(NftReader.UNSUPPORTED, chain.span(), "chain " + chain.name() + " is declared twice in its table",
                        "declare each chain once, with all its rules");
                return;
            }
            ImmutableList<RuleDecl> rules = chain.rules().stream()
                    .map(rule -> resolve(rule, table.sets))
                    .collect(ImmutableList.toImmutableList());
            table.chains.add(new ChainDecl(chain.name(), chain.span(), chain.direction(), chain.policy(), chain.policySpan(),
                    chain.header(), rules));
        }
    }

    /** {@code rule} with its set references replaced by the elements of the sets declared so far. */
    private RuleDecl resolve(RuleDecl rule, Map<String, SetDecl> sets) {
        ImmutableList.Builder<Match> matches = ImmutableList.builder();
        for (Match match : rule.matches()) {
            if (match instanceof Syntax.Address address && address.value() instanceof Syntax.SetReference ref) {
                ImmutableList<Syntax.Element> elements = lookUp(ref, List.of(Syntax.FieldType.address(address.family())), address.span(), sets);
                ImmutableList<IPAddress> blocks = elements.stream()
                        .map(e -> ((Syntax.AddressField) e.fields().get(0)).block())
                        .collect(ImmutableList.toImmutableList());
                matches.add(new Syntax.Address(address.family(), address.source(), new Syntax.Literal(blocks), address.span()));
            } else if (match instanceof Syntax.Concatenation concatenation && concatenation.value() instanceof Syntax.SetReference ref) {
                List<Syntax.FieldType> type = concatenation.keys().stream().map(Syntax.FieldType::of).toList();
                ImmutableList<Syntax.Element> elements = lookUp(ref, type, concatenation.span(), sets);
                matches.add(new Syntax.Concatenation(concatenation.keys(), new Syntax.Elements(elements), concatenation.span()));
            } else {
                matches.add(match);
            }
        }
        return new RuleDecl(rule.span(), rule.text(), matches.build(), rule.verdict());
    }

    /** The elements of set {@code ref}, which must exist and be of {@code type}; none (reported) otherwise. */
    private ImmutableList<Syntax.Element> lookUp(Syntax.SetReference ref, List<Syntax.FieldType> type, SourceSpan at,
            Map<String, SetDecl> sets) {
        SetDecl set = sets.get(ref.name());
        if (set == null) {
            diagnostics.error(NftReader.INVALID, at, "there is no set @" + ref.name() + " in this table at this point",
                    "declare the set before the chain that uses it");
            return ImmutableList.of();
        }
        if (!set.type().equals(type)) {
            diagnostics.error(NftReader.INVALID, at, "set @" + ref.name() + " holds " + typeName(set.type())
                    + " but is matched against " + typeName(type));
            return ImmutableList.of();
        }
        return set.elements();
    }

    private static String typeName(List<Syntax.FieldType> type) {
        return String.join(" . ", type.stream().map(Syntax.FieldType::nftName).toList());
    }

    private Outcome evaluate(Table table) {
        ImmutableList.Builder<ArtifactRule> rules = ImmutableList.builder();
        FlowSet accepted = FlowSet.empty();
        for (Direction direction : Direction.values()) {
            FlowSet acceptedHere = universe(direction);
            for (ChainDecl chain : table.chains()) {
                if (chain.direction() == direction) {
                    acceptedHere = acceptedHere.intersection(chain(chain, rules));
                }
            }
            accepted = accepted.union(acceptedHere);
        }
        return new Outcome(accepted, rules.build());
    }

    /** The flows one base chain accepts; adds what each of its statements decides to {@code rules}. */
    private FlowSet chain(ChainDecl chain, ImmutableList.Builder<ArtifactRule> rules) {
        FlowSet undecided = universe(chain.direction());
        FlowSet accepted = FlowSet.empty();
        for (RuleDecl rule : chain.rules()) {
            FlowSet matched = matched(rule, chain.direction());
            if (rule.verdict().isEmpty()) {
                continue;
            }
            FlowSet decided = undecided.intersection(matched);
            rules.add(new ArtifactRule(rule.span(), rule.text(), rule.verdict().get(), decided));
            if (rule.verdict().get() == Verdict.ALLOW) {
                accepted = accepted.union(decided);
            }
            undecided = undecided.difference(decided);
        }
        rules.add(new ArtifactRule(chain.policySpan(), chain.header(), chain.policy(), undecided));
        return chain.policy() == Verdict.ALLOW ? accepted.union(undecided) : accepted;
    }

    /** The new flows of {@code direction} that every match of {@code rule} holds for. */
    private FlowSet matched(RuleDecl rule, Direction direction) {
        FlowSet flows = universe(direction);
        for (Match match : rule.matches()) {
            flows = flows.intersection(matched(match, direction));
        }
        return flows;
    }

    private FlowSet matched(Match match, Direction direction) {
        if (match instanceof Syntax.CtState ct) {
            // Every flow of the model opens a connection: conntrack calls it new.
            return ct.includesNew() ? universe(direction) : FlowSet.empty();
        }
        if (match instanceof Syntax.Interface iface) {
            return loopback(iface, direction);
        }
        if (match instanceof Syntax.Address address) {
            return remote(address, direction);
        }
        if (match instanceof Syntax.NfProto nfproto) {
            return box(direction, ALL_PROTOCOLS, nfproto.families().stream().map(RulesetEvaluator::every).toList(), Optional.empty());
        }
        if (match instanceof Syntax.L4Proto l4proto) {
            return box(direction, l4proto.protocols(), List.of(EVERY_IPV4, EVERY_IPV6), Optional.empty());
        }
        if (match instanceof Syntax.Port port) {
            ImmutableRangeSet<Integer> ports = port.ports().subRangeSet(FLOW_PORTS);
            return ports.isEmpty() ? FlowSet.empty()
                    : box(direction, port.protocols(), List.of(EVERY_IPV4, EVERY_IPV6), Optional.of(new PortSet(ports)));
        }
        if (match instanceof Syntax.Concatenation concatenation) {
            return concatenation(concatenation, direction);
        }
        Syntax.IcmpType icmp = (Syntax.IcmpType) match;
        // ICMP flows of the model are echo requests; other types (neighbour discovery...) match none.
        int protocol = icmp.family() == Family.IPV4 ? 1 : 58;
        return icmp.echoRequest()
                ? box(direction, ImmutableRangeSet.of(Range.singleton(protocol)), List.of(every(icmp.family())), Optional.empty())
                : FlowSet.empty();
    }

    /**
     * The flows whose fields, joined, are an element: the union over the elements of the flows
     * each matches. A field that is not a key leaves its dimension whole; a port key keeps to the
     * protocols whose ports it reads ({@code tcp dport}: tcp).
     */
    private FlowSet concatenation(Syntax.Concatenation concatenation, Direction direction) {
        List<FlowSet> matched = new ArrayList<>();
        for (Syntax.Element element : ((Syntax.Elements) concatenation.value()).elements()) {
            ImmutableRangeSet<Integer> protocols = ALL_PROTOCOLS;
            List<IPAddress> addresses = List.of(EVERY_IPV4, EVERY_IPV6);
            Optional<PortSet> ports = Optional.empty();
            boolean empty = false;
            for (int i = 0; i < concatenation.keys().size(); i++) {
                Syntax.Key key = concatenation.keys().get(i);
                Syntax.FieldValue value = element.fields().get(i);
                if (key instanceof Syntax.AddressKey address) {
                    if (address.source() != (direction == Direction.IN)) {
                        outsideModel(address.source(), direction, address.span());
                        return FlowSet.empty();
                    }
                    addresses = List.of(((Syntax.AddressField) value).block());
                } else if (key instanceof Syntax.ProtocolKey) {
                    int protocol = ((Syntax.ProtocolField) value).protocol();
                    protocols = protocols.subRangeSet(Range.singleton(protocol));
                    if (concatenation.keys().stream().anyMatch(k -> k instanceof Syntax.PortKey p && p.anyProtocol())
                            && !THE_PORTED.contains(protocol)) {
                        diagnostics.error(NftReader.OUTSIDE_MODEL, element.span(), "'th dport' of protocol " + protocol
                                + ", which has no ports in the flow model", "keep th dport elements to tcp and udp");
                        return FlowSet.empty();
                    }
                } else {
                    Syntax.PortKey port = (Syntax.PortKey) key;
                    protocols = protocols.intersection(port.protocols());
                    Range<Integer> range = ((Syntax.PortField) value).ports();
                    ImmutableRangeSet<Integer> inFlows = ImmutableRangeSet.of(range).subRangeSet(FLOW_PORTS);
                    if (inFlows.isEmpty()) {
                        empty = true;
                    } else {
                        ports = Optional.of(new PortSet(inFlows));
                    }
                }
            }
            if (!empty && !protocols.isEmpty()) {
                matched.add(box(direction, protocols, addresses, ports));
            }
        }
        return FlowSet.unionAll(matched);
    }

    /** Loopback traffic is outside the flow model; any other interface would split flows the model cannot. */
    private FlowSet loopback(Syntax.Interface iface, Direction direction) {
        if (iface.input() != (direction == Direction.IN)) {
            diagnostics.error(NftReader.UNSUPPORTED, iface.span(), "the reader does not take "
                    + (iface.input() ? "an input" : "an output") + " interface match in "
                    + (direction == Direction.IN ? "an input" : "an output") + " chain", null);
        } else if (!iface.name().equals("lo")) {
            diagnostics.error(NftReader.OUTSIDE_MODEL, iface.span(),
                    "interface \"" + iface.name() + "\" is outside the flow model, which knows only loopback and the rest", null);
        }
        return FlowSet.empty();
    }

    /** The remote address is the source of an incoming flow and the destination of an outgoing one. */
    private FlowSet remote(Syntax.Address address, Direction direction) {
        if (address.source() != (direction == Direction.IN)) {
            outsideModel(address.source(), direction, address.span());
            return FlowSet.empty();
        }
        return box(direction, ALL_PROTOCOLS, ((Syntax.Literal) address.value()).blocks(), Optional.empty());
    }

    private void outsideModel(boolean source, Direction direction, SourceSpan span) {
        diagnostics.error(NftReader.OUTSIDE_MODEL, span, "the container's own address ("
                + (source ? "saddr" : "daddr") + " in " + (direction == Direction.IN ? "an input" : "an output")
                + " chain) is outside the flow model", "match the remote address: saddr in input, daddr in output");
    }

    private static FlowSet universe(Direction direction) {
        return box(direction, ALL_PROTOCOLS, List.of(EVERY_IPV4, EVERY_IPV6), Optional.empty());
    }

    private static FlowSet box(Direction direction, ImmutableRangeSet<Integer> protocols, List<IPAddress> addresses,
            Optional<PortSet> ports) {
        return FlowSet.box(Set.of(direction), protocols, addresses, ports);
    }

    private static IPAddress every(Family family) {
        return family == Family.IPV4 ? EVERY_IPV4 : EVERY_IPV6;
    }
}
