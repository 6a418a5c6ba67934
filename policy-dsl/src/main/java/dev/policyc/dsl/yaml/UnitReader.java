package dev.policyc.dsl.yaml;

import com.google.common.collect.ImmutableList;
import dev.policyc.dsl.ast.DefaultDecl;
import dev.policyc.dsl.ast.EndpointNode;
import dev.policyc.dsl.ast.Include;
import dev.policyc.dsl.ast.Name;
import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.PolicyDecl;
import dev.policyc.dsl.ast.PolicyItem;
import dev.policyc.dsl.ast.PortItem;
import dev.policyc.dsl.ast.PortsDefine;
import dev.policyc.dsl.ast.SourceUnit;
import dev.policyc.dsl.ast.TopLevel;
import dev.policyc.dsl.ast.Trivia;
import dev.policyc.dsl.yaml.ValueShapes.Items;
import dev.policyc.dsl.yaml.YamlNode.Entry;
import dev.policyc.dsl.yaml.YamlNode.Mapping;
import dev.policyc.dsl.yaml.YamlNode.Scalar;
import dev.policyc.dsl.yaml.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the policy format from a {@link YamlNode} tree: the file's keys, defines and policies.
 * Items come out in the order their keys are written, and each kind in its list's order.
 */
final class UnitReader {

    static final List<String> FILE_KEYS = List.of("include", "nets", "ports", "policies");
    static final List<String> POLICY_KEYS = List.of("nets", "ports", "default", "rules");

    private final String file;
    private final SchemaProblems problems;
    private final PolicyWords words;
    private final ValueShapes shapes;
    private final RuleReader rules;

    UnitReader(String file, SchemaProblems problems) {
        this.file = file;
        this.problems = problems;
        this.words = new PolicyWords(problems);
        this.shapes = new ValueShapes(problems);
        this.rules = new RuleReader(problems, words, shapes);
    }

    SourceUnit read(Optional<YamlNode> root) {
        List<TopLevel> items = new ArrayList<>();
        root.ifPresent(node -> readFile(node, items));
        return new SourceUnit(file, ImmutableList.copyOf(items), ImmutableList.of());
    }

    private void readFile(YamlNode root, List<TopLevel> items) {
        if (root instanceof Scalar scalar && scalar.isNothing()) {
            return;
        }
        if (!(root instanceof Mapping mapping)) {
            problems.wrongType(root, "a policy file", "a mapping with the keys " + String.join(", ", FILE_KEYS),
                    "start with policies: and the policy names under it");
            return;
        }
        for (Entry entry : mapping.entries()) {
            switch (entry.key().text()) {
                case "include" -> readIncludes(entry.value(), items);
                case "nets" -> readNets(entry.value(), "nets", items::add);
                case "ports" -> readPorts(entry.value(), "ports", items::add);
                case "policies" -> readPolicies(entry.value(), items);
                default -> problems.unknownKey(entry.key(), "at the top of the file", FILE_KEYS);
            }
        }
    }

    private void readIncludes(YamlNode value, List<TopLevel> items) {
        List<YamlNode> paths = value instanceof Sequence sequence ? sequence.items() : List.of(value);
        for (YamlNode path : paths) {
            if (path instanceof Scalar scalar) {
                shapes.lineOfText(scalar, "include")
                        .ifPresent(text -> items.add(new Include(text, scalar.span(), scalar.span(), Trivia.NONE)));
            } else {
                problems.wrongType(path, "include", "a path or a list of paths", "include: [common.policy]");
            }
        }
    }

    private void readNets(YamlNode value, String what, Consumer<NetDefine> sink) {
        for (Entry entry : shapes.entries(value, what, "a mapping from names to endpoints")) {
            Scalar key = entry.key();
            words.checkDefineName(key);
            Items<EndpointNode> endpoints =
                    shapes.items(entry.value(), "net " + key.text(), "endpoint", words::endpoint);
            // A define keeps the endpoints that could be read, so that its $name still resolves.
            if (!endpoints.values().isEmpty()) {
                sink.accept(new NetDefine(name(key), endpoints.values(), key.span(), Trivia.NONE));
            }
        }
    }

    private void readPorts(YamlNode value, String what, Consumer<PortsDefine> sink) {
        for (Entry entry : shapes.entries(value, what, "a mapping from names to ports")) {
            Scalar key = entry.key();
            words.checkDefineName(key);
            Items<PortItem> ports = shapes.items(entry.value(), "ports " + key.text(), "port", words::port);
            if (!ports.values().isEmpty()) {
                sink.accept(new PortsDefine(name(key), ports.values(), key.span(), Trivia.NONE));
            }
        }
    }

    private void readPolicies(YamlNode value, List<TopLevel> items) {
        for (Entry entry : shapes.entries(value, "policies", "a mapping from policy names to policies")) {
            Scalar key = entry.key();
            words.checkPolicyName(key);
            List<PolicyItem> body = new ArrayList<>();
            YamlNode policy = entry.value();
            if (policy instanceof Mapping mapping) {
                readPolicyBody(key.text(), mapping, body);
            } else if (!(policy instanceof Scalar scalar && scalar.isNothing())) {
                problems.wrongType(policy, "policy " + key.text(),
                        "a mapping with the keys " + String.join(", ", POLICY_KEYS), null);
            }
            items.add(new PolicyDecl(name(key), ImmutableList.copyOf(body), ImmutableList.of(), key.span(),
                    Trivia.NONE));
        }
    }

    private void readPolicyBody(String policy, Mapping mapping, List<PolicyItem> body) {
        for (Entry entry : mapping.entries()) {
            switch (entry.key().text()) {
                case "nets" -> readNets(entry.value(), "nets", body::add);
                case "ports" -> readPorts(entry.value(), "ports", body::add);
                case "default" -> {
                    if (!(entry.value() instanceof Scalar s && s.isNothing())) {
                        Items<DefaultDecl> defaults =
                                shapes.items(entry.value(), "default", "default", words::defaultDecl);
                        body.addAll(defaults.values());
                    }
                }
                case "rules" -> readRules(entry.value(), body);
                default -> problems.unknownKey(entry.key(), "in policy " + policy, POLICY_KEYS);
            }
        }
    }

    private void readRules(YamlNode value, List<PolicyItem> body) {
        if (value instanceof Scalar scalar && scalar.isNothing()) {
            return;
        }
        if (!(value instanceof Sequence sequence)) {
            problems.wrongType(value, "rules", "a list of rules", "start each rule with \"- \", as in - allow: out");
            return;
        }
        for (YamlNode item : sequence.items()) {
            if (item instanceof Mapping rule) {
                rules.read(rule).ifPresent(body::add);
            } else {
                problems.wrongType(item, "a rule", "a mapping such as {allow: out, proto: tcp, port: 443}",
                        item instanceof Scalar ? "rules are written as keys, for example - allow: out" : null);
            }
        }
    }

    private static Name name(Scalar key) {
        return new Name(key.text(), key.span());
    }
}
