package dev.policyc.dsl.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.eval.Flow;
import dev.policyc.core.eval.FlowSyntax;
import dev.policyc.core.flowset.FlowSet;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Descriptions of flow sets: what each part means, and what a mistake in one says. */
class FlowSetSyntaxTest {

    private static FlowSet set(String text) {
        FlowSetSyntax.Result result = FlowSetSyntax.parse(text);
        if (result instanceof FlowSetSyntax.Malformed bad) {
            throw new AssertionError(text + ": " + bad);
        }
        return ((FlowSetSyntax.Parsed) result).flows();
    }

    private static Flow flow(String text) {
        return ((FlowSyntax.Parsed) FlowSyntax.parse(text)).flow();
    }

    @ParameterizedTest(name = "{0} holds {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "in tcp from outside 10.0.0.0/8 port 22 | in tcp 11.0.0.0 22           | true",
        "in tcp from outside 10.0.0.0/8 port 22 | in tcp 9.255.255.255 22      | true",
        "in tcp from outside 10.0.0.0/8 port 22 | in tcp 2001:db8::1 22        | true",
        "in tcp from outside 10.0.0.0/8 port 22 | in tcp 10.255.255.255 22     | false",
        "in tcp from outside 10.0.0.0/8 port 22 | in udp 11.0.0.0 22           | false",
        "in tcp from outside 10.0.0.0/8 port 22 | in tcp 11.0.0.0 23           | false",
        "in tcp from outside 10.0.0.0/8 port 22 | out tcp 11.0.0.0 22          | false",
        "in from not { 10.0.0.0/8, 192.168.0.0/16 } port 22 | in udp 192.169.0.0 22 | true",
        "in from not { 10.0.0.0/8, 192.168.0.0/16 } port 22 | in tcp 192.168.3.3 22 | false",
        "out to any port 22                     | out udp 2001:db8::1 22       | true",
        "out to any port 22                     | out icmp 192.0.2.1           | false",
        "out to 169.254.169.254                 | out tcp 169.254.169.254 80   | true",
        "out to 169.254.169.254                 | out icmp 169.254.169.254     | true",
        "out to 169.254.169.254                 | out 47 169.254.169.254       | true",
        "out to 169.254.169.254                 | out tcp 169.254.169.253 80   | false",
        "out {tcp, udp} to { host 1.1.1.1, cidr 2606:4700::/32 } port { 53, 80-81 } | out udp 2606:4700::1 81 | true",
        "out {tcp, udp} to { host 1.1.1.1, cidr 2606:4700::/32 } port { 53, 80-81 } | out tcp 1.1.1.1 82      | false",
        "out icmp                               | out icmp 192.0.2.1           | true",
        "out icmp                               | out icmpv6 2001:db8::1       | false",
        "out {icmp, icmpv6} to { 192.0.2.0/24, 2001:db8::/32 } | out icmpv6 2001:db8::1 | true",
        "in port not 8080                       | in tcp 192.0.2.1 8081        | true",
        "in port not 8080                       | in tcp 192.0.2.1 8080        | false",
        "in port not 8080                       | in icmp 192.0.2.1            | false",
        "in port 080                            | in tcp 192.0.2.1 80          | true",
        "in 47                                  | in 47 192.0.2.1              | true",
        "in                                     | in 200 2001:db8::1           | true",
        "to 1.1.1.1                             | out tcp 1.1.1.1 443          | true",
    })
    void eachPartMeansWhatTheLanguageSays(String description, String flow, boolean contained) {
        assertEquals(contained, set(description).contains(flow(flow)));
    }

    @Test
    void portsAloneMeanTcpAndUdp() {
        assertEquals(set("out {tcp, udp} port 22"), set("out port 22"));
        assertEquals(set("in from any"), set("in"));
        assertEquals(set("in from outside 10.0.0.0/8"), set("in").difference(set("in from 10.0.0.0/8")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tcp port 22                       | 1  | 3 | say in or out",
        "in tcp to 1.1.1.1                 | 8  | 2 | 'in ... to' contradicts itself",
        "out icmp port 22                  | 10 | 4 | 'port' needs every protocol to be tcp or udp",
        "out port not 1-65535              | 5  | 4 | 'port not' leaves no port",
        "out tcp port 10-5                 | 14 | 4 | port range 10-5 is reversed",
        "out tcp port 0                    | 14 | 1 | port 0 is out of range",
        "out to $web                       | 8  | 4 | defines of the policy cannot be used in expectations",
        "out to dns \"x.example\"          | 8  | 3 | expectations name addresses, not dns names",
        "out to 10.0.0.1/8                 | 8  | 10| '10.0.0.1/8' has host bits set",
        "out to { 1.1.1.1, 2.2.2.2         | 26 | 1 | missing ',' or '}' at the end",
        "out to { 1.1.1.1 2.2.2.2 }        | 18 | 7 | expected ',' or '}' in the list of endpoints",
        "out icmp to 2001:db8::1           | 1  | 23| this describes no flow at all",
        "in from not any                   | 1  | 15| this describes no flow at all",
        "out tcp 1.1.1.1                   | 9  | 7 | unexpected '1.1.1.1'",
        "out gre                           | 5  | 3 | unexpected 'gre'",
        "out 256                           | 5  | 3 | '256' is not a protocol",
    })
    void mistakesArePointedAt(String text, int column, int length, String message) {
        FlowSetSyntax.Malformed bad = assertInstanceOf(FlowSetSyntax.Malformed.class, FlowSetSyntax.parse(text));
        assertTrue(bad.message().startsWith(message), bad.message());
        assertEquals(column, bad.column(), bad::toString);
        assertEquals(length, bad.length(), bad::toString);
        assertTrue(bad.hint().isPresent(), bad::toString);
    }

    @Test
    void aBlankDescriptionIsRefused() {
        FlowSetSyntax.Malformed bad = assertInstanceOf(FlowSetSyntax.Malformed.class, FlowSetSyntax.parse("   # only a comment"));
        assertTrue(bad.message().startsWith("no flows described"), bad.message());
        assertEquals(1, bad.column());
    }

    @Test
    void columnsCountFromTheOffsetOfTheLine() {
        FlowSetSyntax.Malformed bad = assertInstanceOf(FlowSetSyntax.Malformed.class,
                FlowSetSyntax.parse("out tcp port 0", 12));
        assertEquals(26, bad.column());
        assertEquals("expect-syntax", bad.toDiagnostic("f.expect", 3).code());
        assertEquals(Optional.of("f.expect:3:26"), bad.toDiagnostic("f.expect", 3).location().map(s -> s.position()));
        assertFalse(set("out").isEmpty());
    }
}
