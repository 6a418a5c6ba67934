package dev.policyc.core.eval;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.net.AddressSyntax;
import dev.policyc.core.net.LineWords;
import dev.policyc.core.net.LineWords.Word;
import inet.ipaddr.IPAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The flow syntax of {@code policyc eval} (one flow a line) and {@code policyc explain --flow}:
 * {@code DIRECTION PROTOCOL ADDRESS [PORT]}, words separated by spaces or tabs, for example
 * {@code out tcp 1.1.1.1 53}.
 *
 * <ul>
 *   <li>DIRECTION is {@code in} or {@code out};
 *   <li>PROTOCOL is {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6} or a protocol number
 *       0-255 without leading zeros; 6, 17, 1 and 58 are the same as the names;
 *   <li>ADDRESS is a single address in the policy language's strict syntax; {@code icmp} flows are
 *       IPv4 and {@code icmpv6} flows IPv6, as in policies;
 *   <li>PORT, 1-65535, is required for tcp and udp and forbidden for every other protocol.
 * </ul>
 * As in policy files, {@code #} starts a comment to the end of the line; the CLI skips lines that
 * are blank or only a comment ({@link #isBlankOrComment}).
 */
public final class FlowSyntax {

    /** The code of diagnostics about a malformed flow. */
    public static final String DIAGNOSTIC_CODE = "flow-syntax";

    private static final String SHAPE = "DIRECTION PROTOCOL ADDRESS [PORT]";
    private static final String PROTOCOL_HINT = "write tcp, udp, icmp, icmpv6 or a protocol number 0-255";

    private FlowSyntax() {}

    /** What came of parsing one line: a flow, or what is wrong with it. */
    public sealed interface Result permits Parsed, Malformed {}

    public record Parsed(Flow flow) implements Result {
        public Parsed {
            Objects.requireNonNull(flow, "flow");
        }
    }

    /**
     * Why a line is not a flow.
     *
     * @param message one sentence, lower-case start
     * @param hint    how to fix it, when that is clear
     * @param column  1-based column of the offending word (just past the last word when a word is
     *                missing), in UTF-16 code units like {@link SourceSpan}
     * @param length  how many characters the offending word has, at least 1
     */
    public record Malformed(String message, Optional<String> hint, int column, int length) implements Result {
        public Malformed {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(hint, "hint");
            if (column < 1) {
                throw new IllegalArgumentException("columns are 1-based: " + column);
            }
            length = Math.max(1, length);
        }

        /** This finding as a {@code flow-syntax} error at {@code line} of {@code file}. */
        public Diagnostic toDiagnostic(String file, int line) {
            return Diagnostic.error(DIAGNOSTIC_CODE, new SourceSpan(file, line, column, length), message)
                    .withHint(hint.orElse(null));
        }
    }

    /** True for a line the CLI skips: only whitespace, or a {@code #} comment. */
    public static boolean isBlankOrComment(String line) {
        return LineWords.of(line).isEmpty();
    }

    /** Parses one line (without its line terminator). */
    public static Result parse(String line) {
        List<Word> words = LineWords.of(line);
        if (words.isEmpty()) {
            return new Malformed("no flow on this line: expected " + SHAPE,
                    Optional.of("write a flow such as 'out tcp 192.0.2.1 443'"), 1, 1);
        }
        Word directionWord = words.get(0);
        Direction direction = Direction.ofKeyword(directionWord.text());
        if (direction == null) {
            return bad(directionWord, "'" + directionWord.text() + "' is not a direction", "write 'in' or 'out'");
        }
        if (words.size() < 2) {
            return missing(directionWord, "missing protocol after '" + directionWord.text() + "'", PROTOCOL_HINT);
        }
        Word protocolWord = words.get(1);
        OptionalInt maybeProtocol = protocolNumber(protocolWord.text());
        if (maybeProtocol.isEmpty()) {
            return badProtocol(protocolWord);
        }
        int protocol = maybeProtocol.getAsInt();
        if (words.size() < 3) {
            return missing(protocolWord, "missing address after '" + protocolWord.text() + "'",
                    "write the remote address, such as 192.0.2.1 or 2001:db8::1");
        }
        Word addressWord = words.get(2);
        AddressSyntax.Parsed parsed = AddressSyntax.host(addressWord.text());
        if (parsed instanceof AddressSyntax.Bad badAddress) {
            return new Malformed(badAddress.message(), Optional.ofNullable(badAddress.hint()),
                    addressWord.column(), addressWord.text().length());
        }
        IPAddress address = ((AddressSyntax.Ok) parsed).address();
        Optional<Malformed> wrongFamily = checkFamily(protocolWord, protocol, address);
        if (wrongFamily.isPresent()) {
            return wrongFamily.get();
        }
        boolean hasPorts = protocol == Protocol.TCP.number() || protocol == Protocol.UDP.number();
        OptionalInt port = OptionalInt.empty();
        int next = 3;
        if (hasPorts) {
            if (words.size() < 4) {
                return missing(addressWord, "missing port: " + Protocol.ofNumber(protocol).orElseThrow().keyword() + " flows have a destination port",
                        "add it, as in '" + direction.keyword() + " " + protocolWord.text() + " " + addressWord.text() + " 443'");
            }
            Word portWord = words.get(3);
            port = portNumber(portWord.text());
            if (port.isEmpty()) {
                return badPort(portWord);
            }
            next = 4;
        } else if (words.size() > 3) {
            Word extra = words.get(3);
            return bad(extra, "only tcp and udp flows have a port, '" + protocolWord.text() + "' has none",
                    "remove '" + extra.text() + "'");
        }
        if (words.size() > next) {
            Word extra = words.get(next);
            return bad(extra, "unexpected '" + extra.text() + "' after the flow", "a flow is " + SHAPE);
        }
        return new Parsed(new Flow(direction, protocol, address, port));
    }

    /** The number of a protocol name or of a number 0-255 without leading zeros. */
    private static OptionalInt protocolNumber(String text) {
        Protocol named = Protocol.ofKeyword(text);
        if (named != null) {
            return OptionalInt.of(named.number());
        }
        OptionalInt number = decimal(text);
        return number.isPresent() && number.getAsInt() <= 255 ? number : OptionalInt.empty();
    }

    private static OptionalInt portNumber(String text) {
        OptionalInt number = decimal(text);
        return number.isPresent() && number.getAsInt() >= 1 && number.getAsInt() <= 65535 ? number : OptionalInt.empty();
    }

    /** A decimal number of at most 6 digits without leading zeros (enough for ports and protocols). */
    private static OptionalInt decimal(String text) {
        if (!text.matches("0|[1-9][0-9]{0,5}")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(text));
    }

    private static Malformed badProtocol(Word word) {
        String text = word.text();
        if (Protocol.ofKeyword(text.toLowerCase(Locale.ROOT)) != null) {
            return bad(word, "protocol names are lower case", "write '" + text.toLowerCase(Locale.ROOT) + "'");
        }
        if (text.matches("0[0-9]+")) {
            return bad(word, "protocol number '" + text + "' has a leading zero", "write '" + text.replaceFirst("^0+(?=.)", "") + "'");
        }
        if (text.matches("[0-9]+")) {
            return bad(word, "protocol number " + text + " is out of range", "protocol numbers are 0-255");
        }
        return bad(word, "'" + text + "' is not a protocol", PROTOCOL_HINT);
    }

    private static Malformed badPort(Word word) {
        String text = word.text();
        if (text.matches("0[0-9]+")) {
            return bad(word, "port '" + text + "' has a leading zero", "write '" + text.replaceFirst("^0+(?=.)", "") + "'");
        }
        if (text.matches("[0-9]+")) {
            return bad(word, "port " + text + " is out of range", "ports are 1-65535");
        }
        return bad(word, "'" + text + "' is not a port number", "write a port number 1-65535");
    }

    /** {@code icmp} flows are IPv4 and {@code icmpv6} flows IPv6, as the language defines them. */
    private static Optional<Malformed> checkFamily(Word protocolWord, int protocol, IPAddress address) {
        Optional<Protocol> named = Protocol.ofNumber(protocol);
        Family family = AddressSyntax.familyOf(address);
        if (named.isEmpty() || named.get().existsIn(family)) {
            return Optional.empty();
        }
        Protocol other = named.get() == Protocol.ICMP ? Protocol.ICMPV6 : Protocol.ICMP;
        String version = "IPv" + family.version();
        return Optional.of(bad(protocolWord,
                named.get().keyword() + " is for IPv" + named.get().family().orElseThrow().version() + " only, but "
                        + address.toCanonicalString() + " is an " + version + " address",
                "write '" + other.keyword() + "' for an " + version + " flow"));
    }

    private static Malformed bad(Word word, String message, String hint) {
        return new Malformed(message, Optional.of(hint), word.column(), word.text().length());
    }

    /** A word is missing after {@code last}: point just past it. */
    private static Malformed missing(Word last, String message, String hint) {
        return new Malformed(message, Optional.of(hint), last.end(), 1);
    }
}
