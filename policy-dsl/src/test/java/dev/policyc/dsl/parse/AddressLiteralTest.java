package dev.policyc.dsl.parse;

import static dev.policyc.dsl.parse.ParseTesting.assertSpan;
import static dev.policyc.dsl.parse.ParseTesting.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.RuleDecl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Address literals are lexed permissively and reach the AST as written, valid or not: the
 * checker validates them and explains what is wrong.
 */
class AddressLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "192.0.2.1", "010.0.0.1", "1.2.3.4.5", "1.2.3", "999.1.1.1", "1.2.3.4%eth0",
        "::1", "::", "cafe::1", "ff02::1", "2606:4700:4700::1111", "64:ff9b::1.2.3.4", "::ffff:1.2.3.4",
        "fe80::1%eth0", "2001:db8::", "1.2.3.4:80", "dead:beef:cafe:babe:0:0:0:1",
    })
    void addressesReachTheAstAsWritten(String literal) {
        EndpointNode bare = endpoint("allow out to " + literal);
        assertEquals(new EndpointNode.Host(literal, bare.span()), bare);
        assertSpan(bare.span(), 2, 18, literal.length());
        EndpointNode host = endpoint("allow out to host " + literal);
        assertEquals(new EndpointNode.Host(literal, host.span()), host);
        assertSpan(host.span(), 2, 23, literal.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "10.0.0.0/8", "10.0.0.1/8", "010.0.0.0/8", "0.0.0.0/0", "10.0.0.0/08", "10.0.0.0/", "10/8",
        "10.0.0.0/255.0.0.0", "2001:db8::/32", "::/0", "fe80::1%eth0/64", "::ffff:1.2.3.4/120", "cafe::/16",
    })
    void prefixesReachTheAstAsWritten(String literal) {
        EndpointNode bare = endpoint("allow out to " + literal);
        assertEquals(new EndpointNode.Cidr(literal, bare.span()), bare);
        assertSpan(bare.span(), 2, 18, literal.length());
        EndpointNode cidr = endpoint("allow out to cidr " + literal);
        assertEquals(new EndpointNode.Cidr(literal, cidr.span()), cidr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "cafe::1"})
    void hostWithAPrefixOrCidrWithAnAddressIsLeftToTheChecker(String literal) {
        // the keyword decides the node; AddressSyntax.host / prefix then explain the mismatch
        EndpointNode host = endpoint("allow out to host " + literal);
        assertEquals(EndpointNode.Host.class, host.getClass());
        EndpointNode cidr = endpoint("allow out to cidr " + literal);
        assertEquals(EndpointNode.Cidr.class, cidr.getClass());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cafe::1", "::1", "2606:4700:4700::1111", "64:ff9b::1.2.3.4"})
    void ipv6NextToPunctuationInLists(String literal) {
        RuleDecl r = rule("allow out to {" + literal + "," + literal + "} port 1");
        assertEquals(2, r.peer().orElseThrow().endpoints().size());
        assertEquals(new EndpointNode.Host(literal, r.peer().orElseThrow().endpoints().get(1).span()),
                r.peer().orElseThrow().endpoints().get(1));
    }

    private static EndpointNode endpoint(String ruleText) {
        RuleDecl r = rule(ruleText);
        assertEquals(1, r.peer().orElseThrow().endpoints().size());
        return r.peer().orElseThrow().endpoints().get(0);
    }
}
