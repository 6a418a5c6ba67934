package dev.policyc.backend.nftables.reader;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Range;
import dev.policyc.backend.nftables.reader.Syntax.AddressField;
import dev.policyc.backend.nftables.reader.Syntax.Element;
import dev.policyc.backend.nftables.reader.Syntax.FieldType;
import dev.policyc.backend.nftables.reader.Syntax.FieldValue;
import dev.policyc.backend.nftables.reader.Syntax.PortField;
import dev.policyc.backend.nftables.reader.Syntax.ProtocolField;
import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.verify.ReadFailure;
import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The body of a named set, read one statement at a time: {@code type} (one data type, or several
 * joined by {@code .}), {@code flags interval}, {@code size}, {@code counter}, {@code comment} and
 * {@code elements}. Elements are read once the type is known, since it says what each field holds.
 */
final class SetBody {

    private final Token name;
    private final Diagnostics diagnostics;
    private ImmutableList<FieldType> type;
    private boolean interval;
    /** The {@code size} statement's number and where it is, if there is one. */
    private Optional<Token> size = Optional.empty();
    private Optional<List<Token>> elements = Optional.empty();

    SetBody(Token name, Diagnostics diagnostics) {
        this.name = name;
        this.diagnostics = diagnostics;
    }

    /** Reads one statement of the body (ending with END); errors are reported and the statement skipped. */
    void statement(List<Token> statement) {
        Cursor s = new Cursor(statement);
        try {
            Token head = s.word("a set property");
            switch (head.text()) {
                case "type" -> type = type(s);
                case "flags" -> interval = flags(s);
                case "counter" -> { }
                case "size" -> size = Optional.of(size(s));
                case "comment" -> s.expect(Token.Kind.STRING, "a quoted comment");
                case "elements" -> {
                    elements = Optional.of(statement);
                    return;
                }
                default -> throw new ReadFailure(NftReader.UNSUPPORTED, head.span(),
                        "the reader does not know the set property " + head.shown(),
                        "the reader takes type, flags, size, counter, comment, elements");
            }
            endOf(s);
        } catch (ReadFailure e) {
            diagnostics.add(e.diagnostic());
        }
    }

    /** The set, or empty when it has no type (reported). */
    Optional<Syntax.SetDecl> build() {
        if (type == null) {
            diagnostics.error(NftReader.INVALID, name.span(), "set " + name.text() + " has no type",
                    "add 'type ipv4_addr' or 'type ipv6_addr'");
            return Optional.empty();
        }
        List<Element> read = new ArrayList<>();
        elements.ifPresent(statement -> {
            try {
                elements(new Cursor(statement), read);
            } catch (ReadFailure e) {
                diagnostics.add(e.diagnostic());
            }
        });
        reportOverlaps(read);
        reportOverSize(read.size());
        return Optional.of(new Syntax.SetDecl(name.text(), name.span(), type, ImmutableList.copyOf(read)));
    }

    /**
     * {@code elements = { a, b . c, ... }}, possibly empty. An element that cannot be read is
     * reported and left out; broken punctuation abandons the rest.
     */
    private void elements(Cursor s, List<Element> read) {
        s.expectWord("elements");
        s.expect(Token.Kind.EQUALS, "'='");
        s.expect(Token.Kind.LBRACE, "'{'");
        if (s.peek().is(Token.Kind.RBRACE)) {
            s.next();
            endOf(s);
            return;
        }
        while (true) {
            try {
                Element element = ElementSyntax.element(s, type);
                checkInterval(element);
                read.add(element);
            } catch (ReadFailure e) {
                diagnostics.add(e.diagnostic());
                while (!s.atEnd() && !s.peek().is(Token.Kind.COMMA) && !s.peek().is(Token.Kind.RBRACE)) {
                    s.next();
                }
            }
            if (!s.peek().is(Token.Kind.COMMA)) {
                break;
            }
            s.next();
            if (s.peek().is(Token.Kind.RBRACE)) {
                break; // nft takes a comma after the last element
            }
        }
        s.expect(Token.Kind.RBRACE, "',' or '}'");
        endOf(s);
    }

    /** {@code ipv4_addr} or {@code ipv4_addr . inet_proto . inet_service}; each type once at most. */
    private static ImmutableList<FieldType> type(Cursor s) {
        List<FieldType> fields = new ArrayList<>();
        while (true) {
            Token t = s.word("a set type");
            FieldType field = null;
            for (FieldType f : FieldType.values()) {
                if (f.nftName().equals(t.text())) {
                    field = f;
                }
            }
            if (field == null) {
                throw new ReadFailure(NftReader.UNSUPPORTED, t.span(), "the reader does not know the set type " + t.shown(),
                        "the reader takes ipv4_addr, ipv6_addr, inet_proto and inet_service, joined by '.'");
            }
            if (fields.contains(field) || (field == FieldType.IPV4_ADDR && fields.contains(FieldType.IPV6_ADDR))
                    || (field == FieldType.IPV6_ADDR && fields.contains(FieldType.IPV4_ADDR))) {
                throw new ReadFailure(NftReader.UNSUPPORTED, t.span(), "the reader takes each kind of field once in a concatenation", null);
            }
            fields.add(field);
            if (!s.peek().isWord(".")) {
                return ImmutableList.copyOf(fields);
            }
            s.next();
        }
    }

    /** {@code size N}: the most elements the set may hold, a positive decimal number. */
    private static Token size(Cursor s) {
        Token number = s.word("the size of the set");
        if (!number.text().matches("[1-9][0-9]{0,9}")) {
            throw new ReadFailure(NftReader.INVALID, number.span(), "set size " + number.shown() + " is not a positive number",
                    "write 'size N' with N at least the number of elements");
        }
        return number;
    }

    /** A set with more elements than its size: nft refuses to load it. */
    private void reportOverSize(int count) {
        size.filter(n -> Long.parseLong(n.text()) < count).ifPresent(n -> diagnostics.error(NftReader.INVALID, n.span(),
                "set " + name.text() + " holds " + count + " elements, more than its size " + n.text(),
                "raise the size to at least " + count + ", or remove it"));
    }

    /** {@code flags interval}: true, the only flag read. */
    private static boolean flags(Cursor s) {
        while (true) {
            Token flag = s.word("a set flag");
            if (!flag.text().equals("interval")) {
                throw new ReadFailure(NftReader.UNSUPPORTED, flag.span(), "the reader does not know the set flag " + flag.shown(),
                        "the reader takes 'flags interval'");
            }
            if (!s.peek().is(Token.Kind.COMMA)) {
                return true;
            }
            s.next();
        }
    }

    private void checkInterval(Element element) {
        if (interval) {
            return;
        }
        for (FieldValue field : element.fields()) {
            boolean multiple = field instanceof AddressField a ? a.block().isMultiple()
                    : field instanceof PortField p && !p.ports().lowerEndpoint().equals(p.ports().upperEndpoint());
            if (multiple) {
                throw new ReadFailure(NftReader.INVALID, element.span(), "a prefix or range in set " + name.text()
                        + ", which has no 'flags interval'", "nft refuses prefixes and ranges in a set without 'flags interval'");
            }
        }
    }

    /**
     * nft refuses interval sets whose elements overlap, so such a set is no ruleset nft would load.
     * (For concatenations the kernel takes some nestings when added in some order; policyc never
     * writes them, so any overlap is reported.)
     */
    private void reportOverlaps(List<Element> read) {
        if (type.size() == 1 && type.get(0) != FieldType.INET_PROTO && type.get(0) != FieldType.INET_SERVICE) {
            reportAddressOverlaps(read.stream().map(e -> ((AddressField) e.fields().get(0)).block()).toList());
            return;
        }
        for (int i = 0; i < read.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (overlap(read.get(i), read.get(j))) {
                    diagnostics.error(NftReader.INVALID, read.get(i).span(), "set " + name.text()
                            + " has overlapping elements at " + read.get(j).span().position() + " and here",
                            "nft refuses overlapping elements: split or merge them");
                    break;
                }
            }
        }
    }

    private static boolean overlap(Element a, Element b) {
        for (int f = 0; f < a.fields().size(); f++) {
            FieldValue x = a.fields().get(f);
            FieldValue y = b.fields().get(f);
            boolean meet;
            if (x instanceof AddressField ax) {
                IPAddress ay = ((AddressField) y).block();
                meet = ax.block().contains(ay) || ay.contains(ax.block());
            } else if (x instanceof ProtocolField px) {
                meet = px.protocol() == ((ProtocolField) y).protocol();
            } else {
                Range<Integer> py = ((PortField) y).ports();
                Range<Integer> qx = ((PortField) x).ports();
                meet = qx.isConnected(py) && !qx.intersection(py).isEmpty();
            }
            if (!meet) {
                return false;
            }
        }
        return true;
    }

    private void reportAddressOverlaps(List<IPAddress> blocks) {
        List<IPAddress> sorted = new ArrayList<>(blocks);
        sorted.sort(Comparator.comparing((IPAddress a) -> a.getLower().getValue()));
        for (int i = 1; i < sorted.size(); i++) {
            BigInteger previousEnd = sorted.get(i - 1).getUpper().getValue();
            if (sorted.get(i).getLower().getValue().compareTo(previousEnd) <= 0) {
                diagnostics.error(NftReader.INVALID, name.span(), "set " + name.text() + " has overlapping elements "
                        + sorted.get(i - 1).toCanonicalString() + " and " + sorted.get(i).toCanonicalString(),
                        "nft refuses overlapping elements: merge them");
            }
        }
    }

    private static void endOf(Cursor s) {
        if (!s.atEnd()) {
            throw new ReadFailure(NftReader.SYNTAX, s.peek().span(), "expected the end of the statement, found " + s.peek().shown(), null);
        }
    }
}
