package dev.policyc.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Severity;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlowSyntaxTest {

    private static Flow flow(String line) {
        FlowSyntax.Result result = FlowSyntax.parse(line);
        return assertInstanceOf(FlowSyntax.Parsed.class, result, () -> line + " -> " + result).flow();
    }

    private static FlowSyntax.Malformed malformed(String line) {
        FlowSyntax.Result result = FlowSyntax.parse(line);
        return assertInstanceOf(FlowSyntax.Malformed.class, result, () -> line + " -> " + result);
    }

    @Test
    void parsesTheSpecExample() {
        Flow f = flow("out tcp 1.1.1.1 53");
        assertEquals(Direction.OUT, f.direction());
        assertEquals(6, f.protocol());
        assertEquals("1.1.1.1", f.address().toCanonicalString());
        assertEquals(OptionalInt.of(53), f.port());
        assertEquals("out tcp 1.1.1.1 53", f.toString());
    }

    @Test
    void parsesEveryProtocolAndBothFamilies() {
        assertEquals(17, flow("in udp 2001:db8::1 5353").protocol());
        assertEquals(Family.IPV6, flow("in udp 2001:db8::1 5353").family());
        assertEquals(OptionalInt.empty(), flow("out icmp 192.0.2.1").port());
        assertEquals(58, flow("out icmpv6 2001:db8::1").protocol());
        assertEquals(47, flow("out 47 192.0.2.1").protocol());
        assertEquals(0, flow("out 0 192.0.2.1").protocol());
        assertEquals(255, flow("out 255 ::1").protocol());
    }

    @ParameterizedTest
    @CsvSource({
        "out 6 192.0.2.1 80, out tcp 192.0.2.1 80",
        "out 17 192.0.2.1 53, out udp 192.0.2.1 53",
        "in 1 192.0.2.1, in icmp 192.0.2.1",
        "in 58 2001:db8::1, in icmpv6 2001:db8::1"})
    void protocolNumbersOfNamedProtocolsAreTheSame(String numbered, String named) {
        assertEquals(flow(named), flow(numbered));
    }

    @Test
    void extraWhitespaceTabsAndTrailingCommentsAreAllowed() {
        assertEquals(flow("out tcp 1.1.1.1 53"), flow("  out\ttcp   1.1.1.1 53   # dns over tcp"));
    }

    @Test
    void portEnds() {
        assertEquals(OptionalInt.of(1), flow("out tcp 192.0.2.1 1").port());
        assertEquals(OptionalInt.of(65535), flow("out udp 192.0.2.1 65535").port());
    }

    @Test
    void blankAndCommentLines() {
        assertTrue(FlowSyntax.isBlankOrComment(""));
        assertTrue(FlowSyntax.isBlankOrComment("   \t"));
        assertTrue(FlowSyntax.isBlankOrComment("# a comment"));
        assertTrue(FlowSyntax.isBlankOrComment("   # indented comment"));
        assertFalse(FlowSyntax.isBlankOrComment("out icmp 192.0.2.1"));
        assertFalse(FlowSyntax.isBlankOrComment("nonsense"));
        assertEquals(1, malformed("").column());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // line                        | column | length | message fragment
        "sideways tcp 1.1.1.1 53       | 1  | 8 | 'sideways' is not a direction",
        "OUT tcp 1.1.1.1 53            | 1  | 3 | 'OUT' is not a direction",
        "out                           | 4  | 1 | missing protocol",
        "out sctp 1.1.1.1              | 5  | 4 | 'sctp' is not a protocol",
        "out TCP 1.1.1.1 53            | 5  | 3 | protocol names are lower case",
        "out 256 1.1.1.1               | 5  | 3 | protocol number 256 is out of range",
        "out 006 1.1.1.1 53            | 5  | 3 | leading zero",
        "out -1 1.1.1.1                | 5  | 2 | '-1' is not a protocol",
        "out tcp                       | 8  | 1 | missing address",
        "out tcp 1.1.1.256 53          | 9  | 9 | not a valid IP address",
        "out tcp 010.0.0.1 53          | 9  | 9 | leading zero",
        "out tcp 10.0.0.0/8 53         | 9  | 10 | is a prefix",
        "out tcp ::ffff:1.2.3.4 53     | 9  | 14 | IPv4-mapped",
        "out tcp fe80::1%eth0 53       | 9  | 12 | zone id",
        "out tcp 1.1.1.1               | 16 | 1 | missing port",
        "out udp 1.1.1.1 0             | 17 | 1 | port 0 is out of range",
        "out udp 1.1.1.1 65536         | 17 | 5 | port 65536 is out of range",
        "out udp 1.1.1.1 053           | 17 | 3 | leading zero",
        "out udp 1.1.1.1 dns           | 17 | 3 | 'dns' is not a port number",
        "out icmp 1.1.1.1 8            | 18 | 1 | only tcp and udp flows have a port",
        "out 47 1.1.1.1 8              | 16 | 1 | only tcp and udp flows have a port",
        "out tcp 1.1.1.1 53 54         | 20 | 2 | unexpected '54'",
        "out icmp 2001:db8::1          | 5  | 4 | icmp is for IPv4 only",
        "out 1 2001:db8::1             | 5  | 1 | icmp is for IPv4 only",
        "in icmpv6 192.0.2.1           | 4  | 6 | icmpv6 is for IPv6 only"})
    void malformedLinesPointAtTheOffendingWord(String line, int column, int length, String fragment) {
        FlowSyntax.Malformed m = malformed(line);
        assertEquals(column, m.column(), m::toString);
        assertEquals(length, m.length(), m::toString);
        assertTrue(m.message().contains(fragment), m::toString);
        assertTrue(Character.isLowerCase(m.message().charAt(0)) || m.message().startsWith("'"), m::toString);
        assertTrue(m.hint().isPresent(), m::toString);
    }

    @Test
    void hintsNameTheFix() {
        assertEquals(Optional.of("write 'in' or 'out'"), malformed("up tcp 1.1.1.1 53").hint());
        assertEquals(Optional.of("write 'tcp'"), malformed("out TCP 1.1.1.1 53").hint());
        assertEquals(Optional.of("write '6'"), malformed("out 006 1.1.1.1 53").hint());
        assertEquals(Optional.of("write '53'"), malformed("out udp 1.1.1.1 053").hint());
        assertEquals(Optional.of("write 'icmpv6' for an IPv6 flow"), malformed("out icmp ::1").hint());
        assertEquals(Optional.of("add it, as in 'out tcp 1.1.1.1 443'"), malformed("out tcp 1.1.1.1").hint());
        assertEquals(Optional.of("remove '8'"), malformed("out icmp 1.1.1.1 8").hint());
    }

    @Test
    void malformedBecomesAFlowSyntaxDiagnostic() {
        Diagnostic d = malformed("out tcp 1.1.1.1 99999").toDiagnostic("<stdin>", 3);
        assertEquals(Severity.ERROR, d.severity());
        assertEquals(FlowSyntax.DIAGNOSTIC_CODE, d.code());
        assertEquals(new SourceSpan("<stdin>", 3, 17, 5), d.span());
        assertEquals("ports are 1-65535", d.hint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"out tcp 1.1.1.1 53", "in udp 2001:db8::1 5353", "out icmp 192.0.2.1", "out 47 ::", "in 0 0.0.0.0"})
    void parsingWhatAFlowPrintsGivesTheSameFlow(String line) {
        Flow f = flow(line);
        assertEquals(f, flow(f.toString()));
    }
}
