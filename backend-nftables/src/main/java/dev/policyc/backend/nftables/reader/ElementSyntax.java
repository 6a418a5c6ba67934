package dev.policyc.backend.nftables.reader;

import com.google.common.collect.ImmutableList;
import dev.policyc.backend.nftables.reader.Syntax.Element;
import dev.policyc.backend.nftables.reader.Syntax.FieldType;
import dev.policyc.backend.nftables.reader.Syntax.FieldValue;
import dev.policyc.core.ir.Family;
import dev.policyc.core.verify.ReadFailure;
import java.util.List;

/**
 * One set element: its fields joined by {@code .} (each a word of its own, as nft writes them),
 * then what nft keeps beside an element and that decides nothing: {@code counter} (with
 * {@code packets N bytes N} as {@code nft list} prints it) and {@code comment "..."}.
 */
final class ElementSyntax {

    private ElementSyntax() {}

    /** The element at the cursor, which is left at the {@code ,} or {@code }} after it. */
    static Element element(Cursor s, List<FieldType> type) {
        Token first = s.peek();
        ImmutableList.Builder<FieldValue> fields = ImmutableList.builder();
        for (int i = 0; i < type.size(); i++) {
            if (i > 0 && (s.peek().is(Token.Kind.COMMA) || s.peek().is(Token.Kind.RBRACE))) {
                throw new ReadFailure(NftReader.INVALID, s.peek().span(), "this element has fewer fields than its set's type", null);
            }
            if (i > 0) {
                s.expectWord(".");
            }
            fields.add(field(s.word("an element"), type.get(i)));
        }
        if (s.peek().isWord(".")) {
            throw new ReadFailure(NftReader.INVALID, s.peek().span(), "this element has more fields than its set's type", null);
        }
        if (s.peek().isWord("counter")) {
            s.next();
            if (s.peek().isWord("packets")) {
                s.next();
                s.word("a packet count");
                s.expectWord("bytes");
                s.word("a byte count");
            }
        }
        if (s.peek().isWord("comment")) {
            s.next();
            s.expect(Token.Kind.STRING, "a quoted comment");
        }
        if (!s.peek().is(Token.Kind.COMMA) && !s.peek().is(Token.Kind.RBRACE)) {
            throw new ReadFailure(NftReader.UNSUPPORTED, s.peek().span(), "the reader does not know " + s.peek().shown() + " in an element",
                    "the reader takes an element's fields joined by ' . ', then counter and comment");
        }
        return new Element(fields.build(), first.span());
    }

    private static FieldValue field(Token t, FieldType type) {
        return switch (type) {
            case IPV4_ADDR, IPV6_ADDR -> {
                if (t.text().contains("-")) {
                    throw new ReadFailure(NftReader.UNSUPPORTED, t.span(), "the reader does not take address ranges such as " + t.shown(),
                            "write prefixes");
                }
                yield new Syntax.AddressField(NftValues.block(t, type == FieldType.IPV4_ADDR ? Family.IPV4 : Family.IPV6));
            }
            case INET_PROTO -> new Syntax.ProtocolField(NftValues.protocol(t));
            case INET_SERVICE -> new Syntax.PortField(NftValues.portRange(t));
        };
    }
}
