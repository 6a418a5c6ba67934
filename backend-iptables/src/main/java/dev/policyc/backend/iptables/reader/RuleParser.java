package dev.policyc.backend.iptables.reader;

import dev.policyc.core.verify.ReadFailure;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Range;
import dev.policyc.backend.iptables.reader.Syntax.Match;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the arguments of one {@code -A CHAIN} line into matches and a target. Every argument
 * must be understood: an option or match the reader does not know abandons the rule with an
 * error rather than being skipped, since skipping a match would widen what the rule decides. The
 * options of a match must follow its {@code -m NAME}, and {@code -j} comes last, as
 * iptables-save prints them.
 */
final class RuleParser {

    /** Targets of iptables extensions the reader does not take, so that they are not taken for chains. */
    private static final ImmutableSet<String> OTHER_TARGETS = ImmutableSet.of("REJECT", "NFLOG", "NFQUEUE", "QUEUE", "MARK",
            "CONNMARK", "CT", "NOTRACK", "TRACE", "AUDIT", "CLASSIFY", "DNAT", "SNAT", "MASQUERADE", "REDIRECT", "TCPMSS",
            "ULOG", "SET", "CHECKSUM", "TEE", "TPROXY", "SECMARK", "CONNSECMARK", "DSCP", "TOS", "TTL", "HL", "LED", "IDLETIMER");

    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMP = 1;
    private static final int ICMPV6 = 58;

    private final List<Word> words;
    private final Family family;
    private final String chain;
    /** The sets of the policy's set file; empty for the {@code iptables} target, whose files have none. */
    private final Optional<Map<String, SetFile.DeclaredSet>> sets;
    private final List<Match> matches = new ArrayList<>();
    private final Set<String> options = new HashSet<>();
    private final Set<String> modules = new HashSet<>();
    /** Each match that needs {@code -p}, by module name, with its {@code -m} word; checked once every option is read. */
    private final Map<String, Word> needProtocol = new LinkedHashMap<>();
    private ImmutableRangeSet<Integer> protocols = ImmutableRangeSet.of(Range.closed(0, 255));
    private ImmutableRangeSet<Integer> destinationPorts;
    private Syntax.Target target = new Syntax.Continue();
    private int at;

    private RuleParser(List<Word> words, Family family, String chain, Optional<Map<String, SetFile.DeclaredSet>> sets) {
        this.words = words;
        this.family = family;
        this.chain = chain;
        this.sets = sets;
    }

    /**
     * The rule made of {@code words}, the arguments after {@code -A CHAIN}, in the file of
     * {@code family}; {@code -m set} matches sets of {@code sets} when given, and is refused otherwise.
     *
     * @throws ReadFailure at the first argument that is not understood
     */
    static Syntax.Rule parse(List<Word> words, Family family, String chain, Optional<Map<String, SetFile.DeclaredSet>> sets,
            SourceSpan span, String text) {
        return new RuleParser(words, family, chain, sets).rule(span, text);
    }

    private Syntax.Rule rule(SourceSpan span, String text) {
        while (at < words.size()) {
            Word word = words.get(at++);
            if (word.quoted()) {
                throw badArgument(word);
            }
            switch (word.text()) {
                case "-s", "-d" -> {
                    once(word);
                    matches.add(new Syntax.Address(word.text().equals("-s"), IptValues.block(value(word), family), word.span()));
                }
                case "-p" -> {
                    once(word);
                    protocols = IptValues.protocols(value(word));
                    matches.add(new Syntax.Protocols(protocols));
                }
                case "-i", "-o" -> interfaceMatch(word);
                case "-m" -> module(value(word));
                case "-j" -> {
                    target(value(word));
                    nothingAfterTheTarget();
                }
                case "!" -> throw new ReadFailure(IptReader.UNSUPPORTED, word.span(), "the reader does not take negated matches");
                case "-g" -> throw new ReadFailure(IptReader.UNSUPPORTED, word.span(), "the reader does not take -g (goto)", "use -j");
                default -> throw word.text().startsWith("-")
                        ? new ReadFailure(IptReader.UNSUPPORTED, word.span(), "the reader does not know the option " + word.shown(),
                                "the reader takes -s, -d, -p, -i, -o, -m and -j, then the options of the match or target just named")
                        : badArgument(word);
            }
        }
        checkProtocols();
        if (destinationPorts != null) {
            matches.add(new Syntax.Ports(protocols.span().lowerEndpoint(), destinationPorts));
        }
        return new Syntax.Rule(span, text, ImmutableList.copyOf(matches), target);
    }

    /** iptables takes matches after the target too; the reader, like iptables-save, wants the target last. */
    private void nothingAfterTheTarget() {
        if (at < words.size()) {
            Word after = words.get(at);
            if (after.quoted() || !after.text().startsWith("-")) {
                throw badArgument(after);
            }
            throw new ReadFailure(IptReader.UNSUPPORTED, after.span(), "the reader takes nothing after the target and its options, found "
                    + after.shown(), "put matches before -j, as iptables-save prints them");
        }
    }

    /** What iptables calls a bad argument: a word where an option should be. */
    private static ReadFailure badArgument(Word word) {
        return new ReadFailure(IptReader.SYNTAX, word.span(), "iptables takes no argument " + word.shown() + " here");
    }

    private void interfaceMatch(Word word) {
        once(word);
        Word name = value(word);
        boolean input = word.text().equals("-i");
        if ((input && chain.equals("OUTPUT")) || (!input && chain.equals("INPUT"))) {
            throw new ReadFailure(IptReader.INVALID, word.span(), "iptables refuses " + word.text() + " in chain " + chain
                    + ", which sees no " + (input ? "input" : "output") + " interface");
        }
        matches.add(new Syntax.Interface(name.text(), input, name.span()));
    }

    private void module(Word name) {
        if (!modules.add(name.text())) {
            throw new ReadFailure(IptReader.UNSUPPORTED, name.span(), "match " + name.shown() + " appears twice in this rule",
                    "the reader takes each match once per rule");
        }
        switch (name.text()) {
            case "conntrack" -> matches.add(new Syntax.CtState(IptValues.includesNew(
                    required(name, options(name, Set.of("--ctstate"), Set.of())).get("--ctstate"))));
            case "tcp", "udp" -> {
                needProtocol.put(name.text(), name);
                Word port = options(name, Set.of("--dport"), Set.of("--sport")).get("--dport");
                if (port != null) {
                    ports(ImmutableRangeSet.of(IptValues.portRange(port)));
                }
            }
            case "multiport" -> {
                needProtocol.put(name.text(), name);
                Word ports = required(name, options(name, Set.of("--dports"), Set.of("--sports", "--ports"))).get("--dports");
                ports(IptValues.portList(ports));
            }
            case "icmp", "icmp6" -> {
                Family own = name.text().equals("icmp") ? Family.IPV4 : Family.IPV6;
                if (own != family) {
                    throw new ReadFailure(IptReader.INVALID, name.span(), (family == Family.IPV4 ? "iptables" : "ip6tables")
                            + " has no match " + name.shown(), "use -m " + (family == Family.IPV4 ? "icmp" : "icmp6"));
                }
                needProtocol.put(name.text(), name);
                String option = own == Family.IPV4 ? "--icmp-type" : "--icmpv6-type";
                Word type = required(name, options(name, Set.of(option), Set.of())).get(option);
                matches.add(new Syntax.IcmpEcho(IptValues.isEchoRequest(type, family)));
            }
            case "set" -> {
                if (sets.isEmpty()) {
                    throw unknownMatch(name);
                }
                setMatch(name);
            }
            case "comment" -> {
                Word comment = required(name, options(name, Set.of("--comment"), Set.of())).get("--comment");
                limit(comment, IptValues.MAX_COMMENT_BYTES, "comment");
            }
            default -> throw unknownMatch(name);
        }
    }

    private ReadFailure unknownMatch(Word name) {
        return new ReadFailure(IptReader.UNSUPPORTED, name.span(), "the reader does not know the match " + name.shown(),
                "the reader takes conntrack, tcp, udp, multiport, icmp, icmp6" + (sets.isPresent() ? ", set" : "") + " and comment");
    }

    /** {@code -m set --match-set NAME dst|src}: the remote address in a set of the set file, of this file's family. */
    private void setMatch(Word module) {
        Word name = required(module, options(module, Set.of("--match-set"), Set.of())).get("--match-set");
        if (at >= words.size() || words.get(at).quoted() || words.get(at).text().startsWith("-")) {
            throw new ReadFailure(IptReader.INVALID, name.span(), "--match-set needs the set's name and its flags (dst or src)");
        }
        Word flags = words.get(at++);
        if (!flags.text().equals("dst") && !flags.text().equals("src")) {
            throw new ReadFailure(IptReader.UNSUPPORTED, flags.span(), "the reader takes one flag, dst or src, not " + flags.shown(),
                    "match the remote address alone: dst going out, src coming in");
        }
        SetFile.DeclaredSet set = sets.orElseThrow().get(name.text());
        if (set == null) {
            throw new ReadFailure(IptReader.INVALID, name.span(), "there is no set " + name.text() + " in the policy's set file",
                    "create it in NAME.ipset, or match a set that file creates");
        }
        if (set.family() != family) {
            throw new ReadFailure(IptReader.INVALID, name.span(), "set " + name.text() + " is of family "
                    + (set.family() == Family.IPV4 ? "inet" : "inet6") + ", which " + (family == Family.IPV4 ? "iptables" : "ip6tables")
                    + " cannot match", "match a set of family " + (family == Family.IPV4 ? "inet" : "inet6") + " in this file");
        }
        matches.add(new Syntax.AddressSet(flags.text().equals("src"), set.name(), set.blocks(), flags.span()));
    }

    /** Adds a destination-port match; with two in one rule, both must hold. */
    private void ports(ImmutableRangeSet<Integer> ports) {
        destinationPorts = destinationPorts == null ? ports : destinationPorts.intersection(ports);
    }

    /**
     * The options that follow a match or a target, by name: as long as the next argument is an
     * unquoted {@code --NAME}, it must be one of {@code known}; {@code outsideModel} names options
     * that match what the flow model does not have.
     */
    private Map<String, Word> options(Word owner, Set<String> known, Set<String> outsideModel) {
        Map<String, Word> found = new LinkedHashMap<>();
        while (at < words.size() && !words.get(at).quoted() && words.get(at).text().startsWith("--")) {
            Word option = words.get(at++);
            if (outsideModel.contains(option.text())) {
                throw new ReadFailure(IptReader.OUTSIDE_MODEL, option.span(), option.shown() + " matches source ports, which are outside the flow model");
            }
            if (!known.contains(option.text())) {
                throw new ReadFailure(IptReader.UNSUPPORTED, option.span(), "the reader does not know the option " + option.shown()
                        + " of " + owner.shown(), "the reader takes " + String.join(", ", known) + " here");
            }
            if (found.put(option.text(), value(option)) != null) {
                throw new ReadFailure(IptReader.INVALID, option.span(), "iptables takes " + option.shown() + " once per rule");
            }
        }
        return found;
    }

    /** {@code found}, which must hold the option {@code owner} cannot do without (iptables refuses it alone). */
    private static Map<String, Word> required(Word owner, Map<String, Word> found) {
        if (found.isEmpty()) {
            throw new ReadFailure(IptReader.INVALID, owner.span(), "iptables refuses " + owner.shown() + " without its option");
        }
        return found;
    }

    private void target(Word name) {
        switch (name.text()) {
            case "ACCEPT" -> target = new Syntax.Decide(Verdict.ALLOW);
            case "DROP" -> target = new Syntax.Decide(Verdict.DENY);
            case "RETURN" -> target = new Syntax.Return();
            case "LOG" -> {
                Word prefix = options(name, Set.of("--log-prefix"), Set.of()).get("--log-prefix");
                if (prefix != null) {
                    limit(prefix, IptValues.MAX_LOG_PREFIX_BYTES, "log prefix");
                }
                target = new Syntax.Continue();
            }
            default -> {
                if (OTHER_TARGETS.contains(name.text())) {
                    throw new ReadFailure(IptReader.UNSUPPORTED, name.span(), "the reader does not take the target " + name.shown(),
                            "the reader takes ACCEPT, DROP, RETURN, LOG and jumps to user chains");
                }
                target = new Syntax.Jump(name.text(), name.span());
            }
        }
    }

    /** The protocol each match that needs one requires, as iptables checks it. */
    private void checkProtocols() {
        Integer only = protocols.asRanges().size() == 1 && protocols.span().lowerEndpoint().equals(protocols.span().upperEndpoint())
                ? protocols.span().lowerEndpoint() : null;
        for (Map.Entry<String, Word> need : needProtocol.entrySet()) {
            Word module = need.getValue();
            switch (need.getKey()) {
                case "tcp" -> requireProtocol(module, only, TCP, "-p tcp");
                case "udp" -> requireProtocol(module, only, UDP, "-p udp");
                case "icmp" -> requireProtocol(module, only, ICMP, "-p icmp");
                case "icmp6" -> requireProtocol(module, only, ICMPV6, "-p ipv6-icmp");
                default -> {
                    if (only != null && (only == 33 || only == 132 || only == 136)) {
                        throw new ReadFailure(IptReader.OUTSIDE_MODEL, module.span(),
                                "ports of protocol " + only + " are outside the flow model, which has them for tcp and udp only");
                    }
                    requireProtocol(module, only, only != null && only == UDP ? UDP : TCP, "-p tcp or -p udp");
                }
            }
        }
    }

    private static void requireProtocol(Word module, Integer only, int needed, String option) {
        if (only == null || only != needed) {
            throw new ReadFailure(IptReader.INVALID, module.span(), "iptables refuses match " + module.shown() + " without " + option);
        }
    }

    private static void limit(Word text, int maxBytes, String what) {
        if (IptValues.bytes(text.text()) > maxBytes) {
            throw new ReadFailure(IptReader.UNSUPPORTED, text.span(), "this " + what + " is longer than " + maxBytes
                    + " bytes, which iptables-legacy refuses and iptables-nft cuts", "shorten it");
        }
    }

    private void once(Word option) {
        if (!options.add(option.text())) {
            throw new ReadFailure(IptReader.INVALID, option.span(), "iptables takes " + option.shown() + " once per rule");
        }
    }

    /** The argument after {@code option}. */
    private Word value(Word option) {
        if (at >= words.size()) {
            throw new ReadFailure(IptReader.INVALID, option.span(), option.shown() + " needs a value");
        }
        return words.get(at++);
    }
}
