package dev.policyc.dsl.expect;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import com.google.common.collect.TreeRangeSet;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.eval.FlowSyntax;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.PortSet;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.net.AddressSyntax;
import dev.policyc.dsl.expect.ExpectTokens.Token;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A whole set of flows, described in the words of the policy language:
 * {@code DIRECTION [PROTOCOLS] [to|from [not|outside] ENDPOINTS] [port [not] PORTS]}, for
 * example {@code in tcp from outside 10.0.0.0/8 port 22} or {@code out to 169.254.169.254}.
 *
 * <ul>
 *   <li>DIRECTION is {@code in} or {@code out}; {@code to} implies {@code out} and {@code from}
 *       {@code in}, as in rules;
 *   <li>PROTOCOLS is {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6}, a number 0-255, or
 *       a list in braces; none means every protocol, or tcp and udp when ports are given;
 *       {@code icmp} flows are IPv4 only and {@code icmpv6} flows IPv6 only;
 *   <li>ENDPOINTS is {@code any}, {@code host A}, {@code cidr P}, a bare address or prefix, or a
 *       list in braces; none means every address of both families; {@code not} (or its synonym
 *       {@code outside}) takes every address of both families <em>except</em> those;
 *   <li>PORTS is a port, a range {@code 1-1023} or a list in braces; {@code not} takes every
 *       other port 1-65535; ports always mean tcp and udp flows only.
 * </ul>
 * A description that holds no flow at all ({@code out icmp to 2001:db8::1}) is malformed: an
 * expectation about it could never fail.
 */
public final class FlowSetSyntax {

    /** The code of diagnostics about a malformed flow-set description. */
    public static final String DIAGNOSTIC_CODE = "expect-syntax";

    private static final List<IPAddress> EVERY_ADDRESS = List.of(
            new IPAddressString("0.0.0.0/0").getAddress(), new IPAddressString("::/0").getAddress());
    private static final String SHAPE = "DIRECTION [PROTOCOLS] [to|from [not] ENDPOINTS] [port [not] PORTS]";

    private FlowSetSyntax() {}

    /** What came of parsing a description: its flows, or what is wrong with it. */
    public sealed interface Result permits Parsed, Malformed {}

    /** @param flows never empty */
    public record Parsed(FlowSet flows) implements Result {
        public Parsed {
            Objects.requireNonNull(flows, "flows");
        }
    }

    /**
     * Why a text is not a flow-set description: the same shape of finding as a malformed flow
     * (message, hint, 1-based column and length, counted in the text given to {@link #parse}),
     * reported under this class's own code.
     */
    public record Malformed(FlowSyntax.Malformed problem) implements Result {
        public Malformed {
            Objects.requireNonNull(problem, "problem");
        }

        public String message() {
            return problem.message();
        }

        public Optional<String> hint() {
            return problem.hint();
        }

        public int column() {
            return problem.column();
        }

        public int length() {
            return problem.length();
        }

        /** This finding as an {@code expect-syntax} error at {@code line} of {@code file}. */
        public Diagnostic toDiagnostic(String file, int line) {
            return Diagnostic.error(DIAGNOSTIC_CODE, new SourceSpan(file, line, column(), length()), message())
                    .withHint(hint().orElse(null));
        }
    }

    /** Parses a whole description, such as {@code in tcp from outside 10.0.0.0/8 port 22}. */
    public static Result parse(String text) {
        return parse(text, 0);
    }

    /** Parses {@code text} whose first character is at column {@code offset + 1} of its line. */
    static Result parse(String text, int offset) {
        ImmutableList<Token> tokens = ExpectTokens.of(text, offset);
        try {
            return new Parsed(new Parser(tokens, offset + 1).parse());
        } catch (Stop stop) {
            return stop.malformed;
        }
    }

    /** Ends a parse at the first problem; never leaves this class. */
    private static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Malformed malformed;

        Stop(Malformed malformed) {
            super(malformed.message(), null, false, false);
            this.malformed = malformed;
        }
    }

    private static final class Parser {
        private final List<Token> tokens;
        private final int startColumn;
        private int pos;
        private Direction direction;
        private final Set<Integer> protocols = new LinkedHashSet<>();
        private List<IPAddress> blocks;
        private boolean outside;
        private Optional<PortSet> ports = Optional.empty();

        Parser(List<Token> tokens, int startColumn) {
            this.tokens = tokens;
            this.startColumn = startColumn;
        }

        FlowSet parse() throws Stop {
            if (tokens.isEmpty()) {
                throw stop(startColumn, 1, "no flows described: expected " + SHAPE,
                        "write a description such as 'in tcp from outside 10.0.0.0/8 port 22'");
            }
            Token first = tokens.get(0);
            if (first.is("in") || first.is("out")) {
                direction = Direction.ofKeyword(first.text());
                pos++;
            }
            if (peek().map(t -> t.is("{") || isProtocolWord(t.text())).orElse(false)) {
                parseProtocols();
            }
            if (peek().map(t -> t.is("to") || t.is("from")).orElse(false)) {
                parsePeer();
            }
            if (peek().map(t -> t.is("port")).orElse(false)) {
                parsePorts();
            }
            if (pos < tokens.size()) {
                Token extra = tokens.get(pos);
                throw stop(extra, "unexpected '" + extra.text() + "'", expectedAfter());
            }
            if (direction == null) {
                throw stop(first, "say in or out: which direction do these flows go",
                        "start with 'in' or 'out', or name the peer with 'to' (out) or 'from' (in)");
            }
            FlowSet flows = build();
            if (flows.isEmpty()) {
                Token last = tokens.get(tokens.size() - 1);
                throw stop(first.column(), last.end() - first.column(), "this describes no flow at all",
                        outside ? "'not' leaves no address here" : "icmp flows are IPv4 only and icmpv6 flows IPv6 only");
            }
            return flows;
        }

        private String expectedAfter() {
            if (ports.isPresent()) {
                return "nothing may follow the ports; a description is " + SHAPE;
            }
            if (blocks != null) {
                return "only 'port PORTS' may follow the endpoints";
            }
            return "a description is " + SHAPE;
        }

        private void parseProtocols() throws Stop {
            if (peek().orElseThrow().is("{")) {
                List<Token> items = braced("protocol");
                for (Token t : items) {
                    protocols.add(protocol(t));
                }
            } else {
                protocols.add(protocol(next()));
            }
        }

        private int protocol(Token t) throws Stop {
            Protocol named = Protocol.ofKeyword(t.text());
            if (named != null) {
                return named.number();
            }
            if (t.text().matches("0|[1-9][0-9]{0,2}") && Integer.parseInt(t.text()) <= 255) {
                return Integer.parseInt(t.text());
            }
            throw stop(t, "'" + t.text() + "' is not a protocol", "write tcp, udp, icmp, icmpv6 or a protocol number 0-255");
        }

        private static boolean isProtocolWord(String text) {
            return Protocol.ofKeyword(text) != null || text.matches("[0-9]+");
        }

        private void parsePeer() throws Stop {
            Token keyword = next();
            Direction implied = keyword.is("to") ? Direction.OUT : Direction.IN;
            if (direction != null && direction != implied) {
                throw stop(keyword, "'" + direction.keyword() + " ... " + keyword.text() + "' contradicts itself: '"
                        + keyword.text() + "' names the peer of " + implied.keyword() + " flows",
                        "write '" + (implied == Direction.OUT ? "from" : "to") + "' for " + direction.keyword() + " flows");
            }
            direction = implied;
            if (peek().map(t -> t.is("not") || t.is("outside")).orElse(false)) {
                outside = true;
                pos++;
            }
            blocks = new ArrayList<>();
            if (peek().map(t -> t.is("{")).orElse(false)) {
                pos++;
                endpointList();
            } else {
                endpoint();
            }
        }

        /** {@code endpoint (',' endpoint)* '}'} after the opening brace. */
        private void endpointList() throws Stop {
            while (true) {
                endpoint();
                Token sep = expect("',' or '}'", "close the list with '}'");
                if (sep.is("}")) {
                    return;
                }
                if (!sep.is(",")) {
                    throw stop(sep, "expected ',' or '}' in the list of endpoints, not '" + sep.text() + "'",
                            "separate endpoints with ','");
                }
            }
        }

        private void endpoint() throws Stop {
            Token t = expect("an endpoint", "write an address, a prefix, 'host A', 'cidr P' or 'any'");
            switch (t.text()) {
                case "any" -> blocks.addAll(EVERY_ADDRESS);
                case "host" -> blocks.add(address(expect("an address after 'host'", "write 'host 192.0.2.1'"), false));
                case "cidr" -> blocks.add(address(expect("a prefix after 'cidr'", "write 'cidr 10.0.0.0/8'"), true));
                case "dns" -> throw stop(t, "expectations name addresses, not dns names",
                        "write the addresses the name stands for (those of the --hosts file)");
                case "resolver" -> throw stop(t, "expectations name addresses, not 'resolver'",
                        "write the nameserver's address, as given with --resolver");
                default -> {
                    if (t.text().startsWith("$")) {
                        throw stop(t, "defines of the policy cannot be used in expectations",
                                "write the addresses themselves: an expectation should not change when the policy does");
                    }
                    blocks.add(bare(t));
                }
            }
        }

        private IPAddress address(Token t, boolean prefix) throws Stop {
            return ok(t, prefix ? AddressSyntax.prefix(t.text()) : AddressSyntax.host(t.text()));
        }

        private IPAddress bare(Token t) throws Stop {
            return ok(t, AddressSyntax.hostOrPrefix(t.text()));
        }

        private IPAddress ok(Token t, AddressSyntax.Parsed parsed) throws Stop {
            if (parsed instanceof AddressSyntax.Bad bad) {
                throw stop(t, bad.message(), bad.hint());
            }
            return ((AddressSyntax.Ok) parsed).address();
        }

        private void parsePorts() throws Stop {
            Token keyword = next();
            boolean not = false;
            if (peek().map(t -> t.is("not")).orElse(false)) {
                not = true;
                pos++;
            }
            List<PortSet> items = new ArrayList<>();
            if (peek().map(t -> t.is("{")).orElse(false)) {
                pos++;
                while (true) {
                    items.add(portItem());
                    Token sep = expect("',' or '}'", "close the list with '}'");
                    if (sep.is("}")) {
                        break;
                    }
                    if (!sep.is(",")) {
                        throw stop(sep, "expected ',' or '}' in the list of ports, not '" + sep.text() + "'",
                                "separate ports with ','");
                    }
                }
            } else {
                items.add(portItem());
            }
            for (int p : protocols) {
                if (p != Protocol.TCP.number() && p != Protocol.UDP.number()) {
                    throw stop(keyword, "'port' needs every protocol to be tcp or udp",
                            "write tcp, udp or {tcp, udp}, or name no protocol: ports alone mean tcp and udp");
                }
            }
            PortSet set = PortSet.union(items);
            if (not) {
                TreeRangeSet<Integer> rest = TreeRangeSet.create();
                rest.add(Range.closed(PortSet.MIN, PortSet.MAX));
                rest.removeAll(set.ranges());
                if (rest.isEmpty()) {
                    throw stop(keyword, "'port not' leaves no port", "leave the ports out to mean every port");
                }
                set = new PortSet(ImmutableRangeSet.copyOf(rest));
            }
            ports = Optional.of(set);
        }

        private PortSet portItem() throws Stop {
            Token first = expect("a port", "write a port 1-65535 or a range such as 1-1023");
            int low = port(first);
            if (!peek().map(t -> t.is("-")).orElse(false)) {
                return PortSet.of(low);
            }
            pos++;
            Token second = expect("the end of the port range", "write a range such as 1-1023");
            int high = port(second);
            if (high < low) {
                throw stop(first.column(), second.end() - first.column(), "port range " + low + "-" + high + " is reversed",
                        "write '" + high + "-" + low + "'");
            }
            return PortSet.range(low, high);
        }

        /** A port number; leading zeros are allowed, as in policies. */
        private int port(Token t) throws Stop {
            if (t.text().startsWith("$")) {
                throw stop(t, "defines of the policy cannot be used in expectations", "write the ports themselves");
            }
            if (!t.text().matches("[0-9]{1,9}")) {
                throw stop(t, "'" + t.text() + "' is not a port number", "write a port number 1-65535");
            }
            int value = Integer.parseInt(t.text());
            if (value < PortSet.MIN || value > PortSet.MAX) {
                throw stop(t, "port " + t.text() + " is out of range", "ports are 1-65535");
            }
            return value;
        }

        private List<Token> braced(String what) throws Stop {
            next();
            List<Token> items = new ArrayList<>();
            while (true) {
                items.add(expect("a " + what, "write a " + what + " or close the list with '}'"));
                Token sep = expect("',' or '}'", "close the list with '}'");
                if (sep.is("}")) {
                    return items;
                }
                if (!sep.is(",")) {
                    throw stop(sep, "expected ',' or '}' in the list, not '" + sep.text() + "'", "separate items with ','");
                }
            }
        }

        private FlowSet build() {
            List<FlowSet> parts = new ArrayList<>();
            for (Family family : Family.values()) {
                TreeRangeSet<Integer> numbers = TreeRangeSet.create();
                if (protocols.isEmpty()) {
                    if (ports.isPresent()) {
                        numbers.add(Range.singleton(Protocol.TCP.number()));
                        numbers.add(Range.singleton(Protocol.UDP.number()));
                    } else {
                        numbers.add(Range.closed(0, 255));
                    }
                } else {
                    for (int p : protocols) {
                        if (Protocol.ofNumber(p).map(named -> named.existsIn(family)).orElse(true)) {
                            numbers.add(Range.singleton(p));
                        }
                    }
                }
                List<IPAddress> ofFamily = (blocks == null ? EVERY_ADDRESS : blocks).stream()
                        .filter(b -> AddressSyntax.familyOf(b) == family)
                        .toList();
                List<IPAddress> everyOfFamily = EVERY_ADDRESS.stream().filter(b -> AddressSyntax.familyOf(b) == family).toList();
                FlowSet named = FlowSet.box(Set.of(direction), numbers, ofFamily, ports);
                parts.add(outside ? FlowSet.box(Set.of(direction), numbers, everyOfFamily, ports).difference(named) : named);
            }
            return FlowSet.unionAll(parts);
        }

        private Optional<Token> peek() {
            return pos < tokens.size() ? Optional.of(tokens.get(pos)) : Optional.empty();
        }

        private Token next() {
            return tokens.get(pos++);
        }

        /** The next token, or a "missing ..." error just past the last one. */
        private Token expect(String what, String hint) throws Stop {
            if (pos >= tokens.size()) {
                int column = tokens.isEmpty() ? startColumn : tokens.get(tokens.size() - 1).end();
                throw stop(column, 1, "missing " + what + " at the end", hint);
            }
            return next();
        }

        private static Stop stop(Token t, String message, String hint) {
            return stop(t.column(), t.text().length(), message, hint);
        }

        private static Stop stop(int column, int length, String message, String hint) {
            return new Stop(new Malformed(new FlowSyntax.Malformed(message, Optional.ofNullable(hint), column, length)));
        }
    }
}
