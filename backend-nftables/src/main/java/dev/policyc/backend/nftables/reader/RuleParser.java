package dev.policyc.backend.nftables.reader;

import dev.policyc.core.verify.ReadFailure;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Range;
import com.google.common.collect.TreeRangeSet;
import dev.policyc.backend.nftables.reader.Syntax.Match;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Verdict;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses one rule of a chain into its matches and verdict. Every word must be understood: a
 * match or statement the reader does not know abandons the rule with an error rather than being
 * skipped, since skipping a match would widen what the rule decides.
 */
final class RuleParser {

    private static final ImmutableRangeSet<Integer> TCP = ImmutableRangeSet.of(Range.closedOpen(6, 7));
    private static final ImmutableRangeSet<Integer> UDP = ImmutableRangeSet.of(Range.closedOpen(17, 18));
    private static final ImmutableRangeSet<Integer> TCP_UDP = TCP.union(UDP);

    private final Cursor cursor;
    private final List<Match> matches = new ArrayList<>();
    private Optional<Verdict> verdict = Optional.empty();
    /** Whether some match keeps the rule to tcp and udp, the protocols whose ports the flow model has. */
    private boolean portedProtocolsOnly;
    /** Where {@code th dport} is read without a protocol field beside it, if it is. */
    private SourceSpan transportHeaderPort;

    private RuleParser(List<Token> tokens) {
        this.cursor = new Cursor(tokens);
    }

    /**
     * The rule made of {@code tokens} (one statement, ending with END).
     *
     * @throws ReadFailure at the first word that is not understood
     */
    static Syntax.RuleDecl parse(List<Token> tokens, String text) {
        return new RuleParser(tokens).rule(text);
    }

    private Syntax.RuleDecl rule(String text) {
        Token first = cursor.peek();
        while (!cursor.atEnd()) {
            if (verdict.isPresent() && !cursor.peek().isWord("comment")) {
                throw new ReadFailure(NftReader.SYNTAX, cursor.peek().span(),
                        "nothing but a comment may follow the verdict, found " + cursor.peek().shown(), null);
            }
            item(cursor.word("a match or a statement"));
        }
        if (transportHeaderPort != null && !portedProtocolsOnly) {
            throw new ReadFailure(NftReader.OUTSIDE_MODEL, transportHeaderPort,
                    "'th dport' without 'meta l4proto' limited to tcp and udp also matches protocols that have no ports in the flow model",
                    "put 'meta l4proto { tcp, udp }' (or one of them) before it");
        }
        return new Syntax.RuleDecl(first.span(), text, ImmutableList.copyOf(matches), verdict);
    }

    private void item(Token word) {
        switch (word.text()) {
            case "ct" -> {
                cursor.expectWord("state");
                boolean anyNew = false;
                for (Token state : flagValues()) {
                    anyNew |= NftValues.isNewState(state);
                }
                matches.add(new Syntax.CtState(anyNew));
            }
            case "iif", "iifname", "oif", "oifname" -> {
                Token name = cursor.peek().is(Token.Kind.STRING) ? cursor.next() : cursor.word("an interface name");
                matches.add(new Syntax.Interface(name.text(), word.text().startsWith("i"), name.span()));
            }
            case "ip" -> address(word, Family.IPV4);
            case "ip6" -> address(word, Family.IPV6);
            case "meta" -> meta();
            case "tcp" -> port(word, TCP);
            case "udp" -> port(word, UDP);
            case "th" -> {
                // th reads the ports of any protocol; the flow model has them for tcp and udp only.
                if (!addPorts(word, TCP_UDP, true)) {
                    transportHeaderPort = word.span();
                }
            }
            case "icmp" -> icmpType(word, Family.IPV4);
            case "icmpv6" -> icmpType(word, Family.IPV6);
            case "counter" -> { }
            case "log" -> {
                if (cursor.peek().isWord("prefix")) {
                    cursor.next();
                    cursor.expect(Token.Kind.STRING, "a quoted log prefix");
                }
            }
            case "accept" -> verdict = Optional.of(Verdict.ALLOW);
            case "drop" -> verdict = Optional.of(Verdict.DENY);
            case "comment" -> {
                cursor.expect(Token.Kind.STRING, "a quoted comment");
                if (!cursor.atEnd()) {
                    throw new ReadFailure(NftReader.SYNTAX, cursor.peek().span(),
                            "nothing may follow a rule's comment, found " + cursor.peek().shown(), null);
                }
            }
            default -> throw new ReadFailure(NftReader.UNSUPPORTED, word.span(), "the reader does not know " + word.shown(),
                    "the reader takes the matches and statements the nftables backend writes; see NftReader");
        }
    }

    /** {@code ip saddr X}, {@code ip6 daddr { X, Y }}, {@code ip daddr @set}. */
    private void address(Token family, Family f) {
        Token field = cursor.word("saddr or daddr");
        if (!field.text().equals("saddr") && !field.text().equals("daddr")) {
            throw new ReadFailure(NftReader.UNSUPPORTED, field.span(), "the reader does not know '" + family.text() + " " + field.text() + "'",
                    "the reader takes saddr and daddr");
        }
        if (cursor.peek().isWord(".")) {
            concatenation(new Syntax.AddressKey(f, field.text().equals("saddr"), field.span()), family.span());
            return;
        }
        Token value = cursor.peek();
        Syntax.AddressValue addresses;
        if (value.is(Token.Kind.WORD) && value.text().startsWith("@") && value.text().length() > 1) {
            cursor.next();
            addresses = new Syntax.SetReference(value.text().substring(1));
        } else {
            if (value.is(Token.Kind.WORD) && value.text().startsWith("!")) {
                throw new ReadFailure(NftReader.UNSUPPORTED, value.span(), "the reader does not take negated matches", null);
            }
            ImmutableList.Builder<IPAddress> blocks = ImmutableList.builder();
            for (Token t : values()) {
                blocks.add(NftValues.block(t, f));
            }
            addresses = new Syntax.Literal(blocks.build());
        }
        matches.add(new Syntax.Address(f, field.text().equals("saddr"), addresses, field.span()));
    }

    private void meta() {
        Token key = cursor.word("a meta key");
        switch (key.text()) {
            case "nfproto" -> {
                ImmutableSet.Builder<Family> families = ImmutableSet.builder();
                values().forEach(t -> families.add(NftValues.nfproto(t)));
                matches.add(new Syntax.NfProto(families.build()));
            }
            case "l4proto" -> {
                if (cursor.peek().isWord(".")) {
                    concatenation(new Syntax.ProtocolKey(), key.span());
                    return;
                }
                TreeRangeSet<Integer> protocols = TreeRangeSet.create();
                values().forEach(t -> protocols.add(Range.closedOpen(NftValues.protocol(t), NftValues.protocol(t) + 1)));
                portedProtocolsOnly |= TCP_UDP.enclosesAll(protocols);
                matches.add(new Syntax.L4Proto(ImmutableRangeSet.copyOf(protocols)));
            }
            default -> throw new ReadFailure(NftReader.UNSUPPORTED, key.span(), "the reader does not know 'meta " + key.text() + "'",
                    "the reader takes meta nfproto and meta l4proto");
        }
    }

    /** {@code tcp dport ...} or {@code udp dport ...}: these name their protocol. */
    private void port(Token word, ImmutableRangeSet<Integer> protocol) {
        portedProtocolsOnly = true;
        addPorts(word, protocol, false);
    }

    /**
     * {@code dport ...}: only destination ports, which are the ports of the flow model; true when
     * it starts a concatenation rather than being matched alone.
     */
    private boolean addPorts(Token word, ImmutableRangeSet<Integer> protocols, boolean anyProtocol) {
        Token field = dport();
        if (cursor.peek().isWord(".")) {
            concatenation(new Syntax.PortKey(protocols, anyProtocol, word.span()), word.span());
            return true;
        }
        TreeRangeSet<Integer> ports = TreeRangeSet.create();
        values().forEach(t -> ports.add(NftValues.portRange(t)));
        matches.add(new Syntax.Port(protocols, ImmutableRangeSet.copyOf(ports)));
        return false;
    }

    private Token dport() {
        Token field = cursor.word("dport");
        if (field.text().equals("sport")) {
            throw new ReadFailure(NftReader.OUTSIDE_MODEL, field.span(), "source ports are outside the flow model", null);
        }
        if (!field.text().equals("dport")) {
            throw new ReadFailure(NftReader.UNSUPPORTED, field.span(), "the reader does not know " + field.shown(), "the reader takes dport");
        }
        return field;
    }

    /**
     * {@code KEY . KEY ... @set} or {@code KEY . KEY ... { a . b, ... }}, its first key read:
     * addresses ({@code ip|ip6 saddr|daddr}), {@code meta l4proto} and ports
     * ({@code th|tcp|udp dport}), each kind once.
     */
    private void concatenation(Syntax.Key first, SourceSpan span) {
        List<Syntax.Key> keys = new ArrayList<>(List.of(first));
        while (cursor.peek().isWord(".")) {
            cursor.next();
            Syntax.Key key = key(cursor.word("a field of a concatenation"));
            if (keys.stream().anyMatch(k -> k.getClass() == key.getClass())) {
                throw new ReadFailure(NftReader.UNSUPPORTED, cursor.peek().span(), "the reader takes each kind of field once in a concatenation", null);
            }
            keys.add(key);
        }
        keys.stream().filter(k -> k instanceof Syntax.PortKey p && p.anyProtocol()).findFirst()
                .filter(k -> keys.stream().noneMatch(x -> x instanceof Syntax.ProtocolKey))
                .ifPresent(k -> transportHeaderPort = ((Syntax.PortKey) k).span());
        List<Syntax.FieldType> type = keys.stream().map(Syntax.FieldType::of).toList();
        Token value = cursor.peek();
        Syntax.ConcatenationValue looked;
        if (value.is(Token.Kind.WORD) && value.text().startsWith("@") && value.text().length() > 1) {
            cursor.next();
            looked = new Syntax.SetReference(value.text().substring(1));
        } else if (value.is(Token.Kind.LBRACE)) {
            cursor.next();
            ImmutableList.Builder<Syntax.Element> elements = ImmutableList.builder();
            elements.add(ElementSyntax.element(cursor, type));
            while (cursor.peek().is(Token.Kind.COMMA)) {
                cursor.next();
                elements.add(ElementSyntax.element(cursor, type));
            }
            cursor.expect(Token.Kind.RBRACE, "',' or '}'");
            looked = new Syntax.Elements(elements.build());
        } else {
            throw new ReadFailure(NftReader.UNSUPPORTED, value.span(), "the reader takes a concatenation looked up in a set, not " + value.shown(),
                    "write '@set' or '{ a . b, ... }'");
        }
        matches.add(new Syntax.Concatenation(ImmutableList.copyOf(keys), looked, span));
    }

    private Syntax.Key key(Token word) {
        switch (word.text()) {
            case "ip", "ip6" -> {
                Token field = cursor.word("saddr or daddr");
                if (!field.text().equals("saddr") && !field.text().equals("daddr")) {
                    throw new ReadFailure(NftReader.UNSUPPORTED, field.span(), "the reader does not know '" + word.text() + " " + field.text() + "'",
                            "the reader takes saddr and daddr");
                }
                return new Syntax.AddressKey(word.text().equals("ip") ? Family.IPV4 : Family.IPV6, field.text().equals("saddr"), field.span());
            }
            case "meta" -> {
                cursor.expectWord("l4proto");
                return new Syntax.ProtocolKey();
            }
            case "th", "tcp", "udp" -> {
                dport();
                ImmutableRangeSet<Integer> protocols = word.text().equals("tcp") ? TCP : word.text().equals("udp") ? UDP : TCP_UDP;
                if (!word.text().equals("th")) {
                    portedProtocolsOnly = true;
                }
                return new Syntax.PortKey(protocols, word.text().equals("th"), word.span());
            }
            default -> throw new ReadFailure(NftReader.UNSUPPORTED, word.span(), "the reader does not know " + word.shown() + " in a concatenation",
                    "the reader takes ip|ip6 saddr|daddr, meta l4proto and th|tcp|udp dport");
        }
    }

    private void icmpType(Token word, Family family) {
        cursor.expectWord("type");
        boolean echo = false;
        for (Token type : values()) {
            echo |= NftValues.isEchoRequest(type, family);
        }
        matches.add(new Syntax.IcmpType(family, echo, word.span()));
    }

    /** One value, or an anonymous set of them: {@code { a, b }}. */
    private List<Token> values() {
        if (!cursor.peek().is(Token.Kind.LBRACE)) {
            return List.of(cursor.word("a value"));
        }
        cursor.next();
        List<Token> values = commaList();
        cursor.expect(Token.Kind.RBRACE, "',' or '}'");
        return values;
    }

    /** Values of a bit mask such as {@code ct state}: a set, or a list joined by commas. */
    private List<Token> flagValues() {
        return cursor.peek().is(Token.Kind.LBRACE) ? values() : commaList();
    }

    private List<Token> commaList() {
        List<Token> values = new ArrayList<>();
        values.add(cursor.word("a value"));
        while (cursor.peek().is(Token.Kind.COMMA)) {
            cursor.next();
            values.add(cursor.word("a value"));
        }
        return values;
    }
}
