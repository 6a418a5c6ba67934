package dev.policyc.dsl.format;

import static java.util.stream.Collectors.joining;

import dev.policyc.core.ir.Protocol;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.Located;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical text of one statement, without its comments. Every part is printed as the AST
 * holds it (no direction is implied, no literal is rewritten); only the spelling is canonical:
 * keyword forms for endpoints, one space between tokens, and braces only around lists of two or
 * more items.
 */
final class StatementText {

    private StatementText() {}

    static String include(Include include) {
        return "include " + quoted(include.path());
    }

    static String netDefine(NetDefine define) {
        return "define net " + define.name().text() + " = " + endpoints(define.endpoints());
    }

    static String portsDefine(PortsDefine define) {
        return "define ports " + define.name().text() + " = " + ports(define.ports());
    }

    static String policyHeader(String name) {
        return "policy " + name + " {";
    }

    static String defaultDecl(DefaultDecl decl) {
        StringBuilder text = new StringBuilder("default ").append(decl.verdict().keyword());
        decl.direction().ifPresent(d -> text.append(' ').append(d.keyword()));
        if (decl.log()) {
            text.append(" log");
        }
        return text.toString();
    }

    static String rule(RuleDecl rule) {
        List<String> parts = new ArrayList<>();
        parts.add(rule.verdict().value().keyword());
        rule.direction().ifPresent(d -> parts.add(d.value().keyword()));
        if (!rule.protocols().isEmpty()) {
            parts.add(protocols(rule.protocols()));
        }
        rule.peer().ifPresent(peer -> parts.add(peer.keyword().value().keyword() + " " + endpoints(peer.endpoints())));
        if (!rule.ports().isEmpty()) {
            parts.add("port " + ports(rule.ports()));
        }
        rule.log().ifPresent(at -> parts.add("log"));
        rule.comment().ifPresent(c -> parts.add("comment " + quoted(c.value())));
        return String.join(" ", parts);
    }

    /** {@code tcp}, or {@code {tcp, udp}} without spaces inside the braces, as the spec writes it. */
    private static String protocols(List<Located<Protocol>> protocols) {
        if (protocols.size() == 1) {
            return protocols.get(0).value().keyword();
        }
        return protocols.stream().map(p -> p.value().keyword()).collect(joining(", ", "{", "}"));
    }

    static String endpoints(List<EndpointNode> endpoints) {
        return list(endpoints.stream().map(StatementText::endpoint).toList());
    }

    static String endpoint(EndpointNode endpoint) {
        if (endpoint instanceof EndpointNode.Host host) {
            return "host " + host.address();
        } else if (endpoint instanceof EndpointNode.Cidr cidr) {
            return "cidr " + cidr.prefix();
        } else if (endpoint instanceof EndpointNode.Dns dns) {
            return "dns " + quoted(dns.name());
        } else if (endpoint instanceof EndpointNode.Resolver) {
            return "resolver";
        } else if (endpoint instanceof EndpointNode.Any) {
            return "any";
        } else if (endpoint instanceof EndpointNode.Ref ref) {
            return "$" + ref.name();
        }
        throw new AssertionError("unknown endpoint node " + endpoint);
    }

    static String ports(List<PortItem> ports) {
        return list(ports.stream().map(StatementText::port).toList());
    }

    static String port(PortItem port) {
        if (port instanceof PortItem.Single single) {
            return single.number();
        } else if (port instanceof PortItem.Range range) {
            return range.first() + "-" + range.last();
        } else if (port instanceof PortItem.Ref ref) {
            return "$" + ref.name();
        }
        throw new AssertionError("unknown port item " + port);
    }

    /** One item bare, several as {@code { a, b }} with spaces inside the braces, as the spec writes them. */
    private static String list(List<String> items) {
        return items.size() == 1 ? items.get(0) : "{ " + String.join(", ", items) + " }";
    }

    /**
     * A string literal: {@code \} and {@code "} are the only escapes of the language. The caller
     * has made sure that the text holds no control character, which no literal can carry.
     */
    static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
