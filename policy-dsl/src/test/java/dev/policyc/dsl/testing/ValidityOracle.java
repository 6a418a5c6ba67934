package dev.policyc.dsl.testing;

import com.google.common.collect.Sets;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Family;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.net.AddressSyntax;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.Define;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Located;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.RuleDecl;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.TopLevel;
import dev.policyc.dsl.ast.Trivia;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An independent reading of the spec's validity rules, written from the spec rather than from
 * {@link UnitBuilder}, to check that {@link AstArbitraries} only generates valid units. It lists
 * every violation it finds; an empty list means valid. It is no checker: it assumes the shapes the
 * generator uses (no includes) and gives terse messages for test failures.
 */
final class ValidityOracle {

    private static final Pattern POLICY_NAME = Pattern.compile("[a-z][a-z0-9-]{0,23}");
    private static final Pattern DEFINE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    /** What a define stands for: {@code net} with the families of its endpoints, or {@code ports}. */
    private record Meaning(boolean isNet, Set<Family> families, boolean onlyLiterals) {}

    private final List<String> violations = new ArrayList<>();
    private final Set<String> defineNames = new HashSet<>();
    private final Set<String> policyNames = new HashSet<>();

    private ValidityOracle() {}

    static List<String> violations(SourceUnit unit) {
        ValidityOracle oracle = new ValidityOracle();
        oracle.unit(unit);
        return oracle.violations;
    }

    private void unit(SourceUnit unit) {
        Map<String, Meaning> fileScope = new HashMap<>();
        for (TopLevel item : unit.items()) {
            trivia(item.trivia());
            if (item instanceof Define define) {
                define(define, fileScope);
            } else if (item instanceof PolicyDecl policy) {
                policy(policy, new HashMap<>(fileScope));
            } else {
                violations.add("unexpected top-level item " + item);
            }
        }
        unit.endComments().forEach(this::comment);
    }

    private void policy(PolicyDecl policy, Map<String, Meaning> scope) {
        String name = policy.name().text();
        expect(POLICY_NAME.matcher(name).matches() && !LiteralArbitraries.KEYWORDS.contains(name), "bad policy name " + name);
        expect(policyNames.add(name), "duplicate policy " + name);
        Set<Direction> defaulted = EnumSet.noneOf(Direction.class);
        for (PolicyItem item : policy.items()) {
            trivia(item.trivia());
            if (item instanceof Define define) {
                define(define, scope);
            } else if (item instanceof DefaultDecl decl) {
                Set<Direction> sets = decl.direction().map(EnumSet::of).orElse(EnumSet.allOf(Direction.class));
                expect(Sets.intersection(sets, defaulted).isEmpty(), "second default for " + sets);
                defaulted.addAll(sets);
            } else if (item instanceof RuleDecl rule) {
                rule(rule, scope);
            }
        }
        policy.closingComments().forEach(this::comment);
    }

    private void define(Define define, Map<String, Meaning> scope) {
        String name = define.name().text();
        expect(DEFINE_NAME.matcher(name).matches() && !LiteralArbitraries.KEYWORDS.contains(name), "bad define name " + name);
        expect(defineNames.add(name), "duplicate or shadowing define " + name);
        if (define instanceof NetDefine net) {
            expect(!net.endpoints().isEmpty(), "empty net define " + name);
            scope.put(name, endpoints(net.endpoints(), scope));
        } else {
            PortsDefine ports = (PortsDefine) define;
            expect(!ports.ports().isEmpty(), "empty ports define " + name);
            ports(ports.ports(), scope);
            scope.put(name, new Meaning(false, Set.of(), false));
        }
    }

    private void rule(RuleDecl rule, Map<String, Meaning> scope) {
        Optional<Direction> direction = rule.direction().map(Located::value);
        expect(direction.isPresent() || rule.peer().isPresent(), "rule without direction");
        rule.peer().ifPresent(peer -> expect(
                direction.isEmpty() || direction.get() == peer.keyword().value().impliedDirection(),
                "direction contradicts " + peer.keyword().value()));
        List<Protocol> protocols = rule.protocols().stream().map(Located::value).toList();
        expect(Set.copyOf(protocols).size() == protocols.size(), "repeated protocol");
        expect(rule.ports().isEmpty() == rule.portKeyword().isEmpty(), "port keyword and ports disagree");
        if (!rule.ports().isEmpty()) {
            expect(!protocols.isEmpty() && protocols.stream().allMatch(p -> p == Protocol.TCP || p == Protocol.UDP),
                    "port without tcp/udp: " + protocols);
            ports(rule.ports(), scope);
        }
        rule.comment().ifPresent(c -> string(c.value()));
        if (rule.peer().isEmpty()) {
            return;
        }
        for (EndpointNode endpoint : rule.peer().get().endpoints()) {
            Meaning meaning = endpoints(List.of(endpoint), scope);
            for (Protocol protocol : protocols) {
                protocol.family().ifPresent(only -> expect(endpoint instanceof EndpointNode.Any
                                || meaning.onlyLiterals() && meaning.families().equals(Set.of(only)),
                        protocol.keyword() + " with " + endpoint));
            }
        }
    }

    private Meaning endpoints(List<EndpointNode> endpoints, Map<String, Meaning> scope) {
        Set<Family> families = EnumSet.noneOf(Family.class);
        boolean onlyLiterals = true;
        for (EndpointNode endpoint : endpoints) {
            if (endpoint instanceof EndpointNode.Host host) {
                families.add(address(AddressSyntax.host(host.address()), host.address()));
            } else if (endpoint instanceof EndpointNode.Cidr cidr) {
                families.add(address(AddressSyntax.prefix(cidr.prefix()), cidr.prefix()));
            } else if (endpoint instanceof EndpointNode.Ref ref) {
                Meaning meaning = scope.get(ref.name());
                expect(meaning != null && meaning.isNet(), "bad net reference $" + ref.name());
                if (meaning != null) {
                    families.addAll(meaning.families());
                    onlyLiterals &= meaning.onlyLiterals();
                }
            } else {
                if (endpoint instanceof EndpointNode.Dns dns) {
                    dnsName(dns.name());
                }
                families.addAll(EnumSet.allOf(Family.class));
                onlyLiterals = false;
            }
        }
        return new Meaning(true, families, onlyLiterals);
    }

    private Family address(AddressSyntax.Parsed parsed, String text) {
        if (parsed instanceof AddressSyntax.Ok ok) {
            return AddressSyntax.familyOf(ok.address());
        }
        violations.add("bad address " + text + ": " + parsed);
        return Family.IPV4;
    }

    private void ports(List<PortItem> ports, Map<String, Meaning> scope) {
        for (PortItem port : ports) {
            if (port instanceof PortItem.Single single) {
                portNumber(single.number());
            } else if (port instanceof PortItem.Range range) {
                portNumber(range.first());
                portNumber(range.last());
                expect(Integer.parseInt(range.first()) <= Integer.parseInt(range.last()), "reversed range " + range);
            } else {
                String name = ((PortItem.Ref) port).name();
                expect(scope.containsKey(name) && !scope.get(name).isNet(), "bad ports reference $" + name);
            }
        }
    }

    private void portNumber(String text) {
        expect(text.matches("[1-9][0-9]{0,4}") && Integer.parseInt(text) <= 65535, "bad port " + text);
    }

    private void dnsName(String name) {
        String[] labels = name.split("\\.", -1);
        boolean valid = name.length() <= 253;
        for (String label : labels) {
            valid &= DNS_LABEL.matcher(label).matches();
        }
        // a last label of digits would read as an address
        expect(valid && Character.isLetter(labels[labels.length - 1].charAt(0)), "bad dns name " + name);
    }

    private void string(String text) {
        expect(text.chars().noneMatch(Character::isISOControl), "control character in " + text);
    }

    private void trivia(Trivia trivia) {
        trivia.leading().forEach(this::comment);
        trivia.trailing().ifPresent(this::comment);
    }

    private void comment(String text) {
        expect(text.equals(text.stripTrailing()) && text.chars().noneMatch(Character::isISOControl), "bad comment " + text);
    }

    private void expect(boolean condition, String violation) {
        if (!condition) {
            violations.add(violation);
        }
    }
}
