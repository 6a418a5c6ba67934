package dev.policyc.dsl.check;

import dev.policyc.core.diag.Diagnostics;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.net.AddressSyntax;
import dev.policyc.core.net.DnsNameSyntax;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.PortItem;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Validates literals (addresses, prefixes, DNS names, port numbers) and turns them into IR
 * values. Each literal is checked once, however many rules reach it through defines, so an
 * error in a define is reported once.
 */
final class Literals {

    /** A port range after checking: first <= last, both in 1-65535. */
    record Ports(int first, int last) {}

    private final Diagnostics diagnostics;
    // By identity: a literal is one node, however many rules reach it; hashing 100,000 nodes
    // by value (text and span) was a tenth of checking them (profile in docs/startup.md).
    private final Map<EndpointNode, Optional<Endpoint>> endpoints = new IdentityHashMap<>();
    private final Map<PortItem, Optional<Ports>> ports = new IdentityHashMap<>();

    Literals(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The IR endpoint of a host, cidr or dns literal; empty (after an error) when it is invalid. */
    Optional<Endpoint> endpoint(EndpointNode node) {
        return endpoints.computeIfAbsent(node, this::checkEndpoint);
    }

    /** The range of a number or range item; empty (after an error) when it is invalid. */
    Optional<Ports> ports(PortItem item) {
        return ports.computeIfAbsent(item, this::checkPorts);
    }

    private Optional<Endpoint> checkEndpoint(EndpointNode node) {
        if (node instanceof EndpointNode.Host host) {
            return address(AddressSyntax.host(host.address()), "host " + host.address(), node);
        }
        if (node instanceof EndpointNode.Cidr cidr) {
            return address(AddressSyntax.prefix(cidr.prefix()), "cidr " + cidr.prefix(), node);
        }
        if (node instanceof EndpointNode.Dns dns) {
            if (AddressSyntax.hostOrPrefix(dns.name()) instanceof AddressSyntax.Ok) {
                diagnostics.error("invalid-dns-name", dns.span(),
                        "\"" + dns.name() + "\" is an address, not a DNS name",
                        "write '" + (dns.name().contains("/") ? "cidr " : "host ") + dns.name() + "'");
                return Optional.empty();
            }
            Optional<String> problem = DnsNameSyntax.problem(dns.name());
            if (problem.isPresent()) {
                String hint = AddressSyntax.hostOrPrefix(dns.name()) instanceof AddressSyntax.Ok
                        ? "'" + dns.name() + "' is an address: write 'host " + dns.name() + "'"
                        : "a DNS name is letters, digits and hyphens in dot-separated labels, like \"api.example.com\"";
                diagnostics.error("invalid-dns-name", dns.span(),
                        "\"" + dns.name() + "\" is not a valid DNS name: " + problem.get(), hint);
                return Optional.empty();
            }
            return Optional.of(new Endpoint.DnsName(DnsNameSyntax.canonical(dns.name()).orElseThrow(), dns.span()));
        }
        throw new IllegalArgumentException("not a literal: " + node);
    }

    private Optional<Endpoint> address(AddressSyntax.Parsed parsed, String origin, EndpointNode node) {
        if (parsed instanceof AddressSyntax.Bad bad) {
            diagnostics.error("invalid-address", node.span(), bad.message(), bad.hint());
            return Optional.empty();
        }
        return Optional.of(new Endpoint.Block(((AddressSyntax.Ok) parsed).address(), origin, node.span()));
    }

    private Optional<Ports> checkPorts(PortItem item) {
        if (item instanceof PortItem.Single single) {
            return number(single.number(), single).map(p -> new Ports(p, p));
        }
        if (item instanceof PortItem.Range range) {
            Optional<Integer> first = number(range.first(), range);
            Optional<Integer> last = number(range.last(), range);
            if (first.isEmpty() || last.isEmpty()) {
                return Optional.empty();
            }
            if (first.get() > last.get()) {
                diagnostics.error("reversed-port-range", range.span(),
                        "port range " + range.first() + "-" + range.last() + " is reversed",
                        "write " + last.get() + "-" + first.get());
                return Optional.empty();
            }
            return Optional.of(new Ports(first.get(), last.get()));
        }
        throw new IllegalArgumentException("not a literal: " + item);
    }

    private Optional<Integer> number(String digits, PortItem where) {
        String trimmed = digits.replaceFirst("^0+(?=\\d)", "");
        boolean numeric = !digits.isEmpty() && digits.chars().allMatch(Character::isDigit);
        int value = numeric && trimmed.length() <= 5 ? Integer.parseInt(trimmed) : -1;
        if (value < 1 || value > 65535) {
            diagnostics.error("port-out-of-range", spanOf(digits, where),
                    "port " + digits + " is out of range", "ports are 1-65535");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static dev.policyc.core.diag.SourceSpan spanOf(String digits, PortItem where) {
        if (where instanceof PortItem.Range range) {
            return digits.equals(range.first()) ? range.firstSpan() : range.lastSpan();
        }
        return where.span();
    }
}
