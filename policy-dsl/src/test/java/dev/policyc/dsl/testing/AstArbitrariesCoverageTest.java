package dev.policyc.dsl.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.policyc.core.ir.Protocol;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.Define;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generator reaches the boundaries and shapes it promises. Each feature below has a
 * probability of a few percent per unit or more, so missing one in 400 units means it is never
 * generated, not bad luck.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AstArbitrariesCoverageTest {

    private List<SourceUnit> sample;
    private final Set<String> hosts = new HashSet<>();
    private final Set<String> prefixEnds = new HashSet<>();
    private final Set<String> ports = new HashSet<>();

    @BeforeAll
    void generate() {
        sample = AstArbitraries.sourceUnits().sampleStream().limit(400).toList();
        for (SourceUnit unit : sample) {
            AstWalk.endpoints(unit).forEach(endpoint -> {
                if (endpoint instanceof EndpointNode.Host host) {
                    hosts.add(host.address());
                } else if (endpoint instanceof EndpointNode.Cidr cidr) {
                    prefixEnds.add((cidr.prefix().contains(":") ? "v6" : "v4") + cidr.prefix().substring(cidr.prefix().indexOf('/')));
                }
            });
            AstWalk.portItems(unit).forEach(port -> {
                if (port instanceof PortItem.Single single) {
                    ports.add(single.number());
                }
            });
        }
    }

    @Test
    void reachesAddressAndPrefixBoundaries() {
        assertTrue(hosts.containsAll(Set.of("0.0.0.0", "255.255.255.255", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")),
                hosts::toString);
        assertTrue(hosts.stream().anyMatch(h -> h.startsWith("0000:")) && hosts.stream().anyMatch(h -> h.matches(".*[A-F].*")),
                "full and upper-case IPv6 spellings");
        assertTrue(prefixEnds.containsAll(Set.of("v4/0", "v4/1", "v4/31", "v4/32", "v6/0", "v6/1", "v6/127", "v6/128")),
                prefixEnds::toString);
    }

    @Test
    void reachesPortAndNameBoundaries() {
        assertTrue(ports.containsAll(Set.of("1", "65535")), ports::toString);
        assertTrue(anyPort(p -> p instanceof PortItem.Range), "port ranges");
        assertTrue(anyPort(p -> p instanceof PortItem.Ref), "port references");
        assertTrue(anyEndpoint(e -> e instanceof EndpointNode.Dns dns && dns.name().length() == 253), "253-character dns names");
        assertTrue(anyItem(i -> i instanceof Define d && d.name().text().length() == 32), "32-character define names");
        assertTrue(sample.stream().flatMap(u -> u.policies().stream()).anyMatch(p -> p.name().text().length() == 24),
                "24-character policy names");
    }

    @Test
    void reachesEveryRuleShape() {
        assertTrue(anyRule(r -> r.direction().isPresent() && r.peer().isEmpty()), "direction keyword only");
        assertTrue(anyRule(r -> r.direction().isPresent() && r.peer().isPresent()), "direction keyword and peer");
        assertTrue(anyRule(r -> r.direction().isEmpty()), "direction implied by peer");
        assertTrue(anyRule(r -> r.protocols().size() > 1 && !r.ports().isEmpty()), "several protocols with ports");
        assertTrue(anyRule(r -> hasProtocol(r, Protocol.ICMP) && r.peer().isPresent()), "icmp with a peer");
        assertTrue(anyRule(r -> hasProtocol(r, Protocol.ICMPV6) && r.peer().isPresent()), "icmpv6 with a peer");
        assertTrue(anyRule(r -> r.log().isPresent() && r.comment().isPresent()), "log and comment");
        assertTrue(anyRule(r -> r.comment().filter(c -> c.value().contains("\"") && c.value().contains("\\")).isPresent()),
                "comments with quotes and backslashes");
        assertTrue(anyEndpoint(e -> e instanceof EndpointNode.Ref), "endpoint references");
        assertTrue(anyEndpoint(e -> e instanceof EndpointNode.Resolver), "resolver");
        assertTrue(anyItem(i -> i instanceof DefaultDecl d && d.direction().isEmpty()), "default for both directions");
        assertTrue(anyItem(i -> i instanceof PortsDefine), "local ports defines");
    }

    @Test
    void reachesComments() {
        assertTrue(sample.stream().anyMatch(u -> !u.endComments().isEmpty()), "end comments");
        assertTrue(sample.stream().flatMap(u -> u.policies().stream()).anyMatch(p -> !p.closingComments().isEmpty()),
                "closing comments");
        assertTrue(anyItem(i -> i.trivia().trailing().isPresent() && i.trivia().blankLineBefore()), "trailing comments");
    }

    private boolean anyItem(Predicate<PolicyItem> predicate) {
        return sample.stream().flatMap(u -> u.policies().stream()).map(PolicyDecl::items).flatMap(List::stream)
                .anyMatch(predicate);
    }

    private boolean anyRule(Predicate<RuleDecl> predicate) {
        return sample.stream().flatMap(AstWalk::rules).anyMatch(predicate);
    }

    private boolean anyEndpoint(Predicate<EndpointNode> predicate) {
        return sample.stream().flatMap(AstWalk::endpoints).anyMatch(predicate);
    }

    private boolean anyPort(Predicate<PortItem> predicate) {
        return sample.stream().flatMap(AstWalk::portItems).anyMatch(predicate);
    }

    private static boolean hasProtocol(RuleDecl rule, Protocol protocol) {
        return rule.protocols().stream().anyMatch(p -> p.value() == protocol);
    }
}
