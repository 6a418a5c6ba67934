package dev.policyc.kernel;

import dev.policyc.core.ir.DefaultAction;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Endpoint;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Rule;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A bound policy written in the policy language, for failure messages: a generated policy is
 * easier to read, and to paste into a file for {@code policyc}, than its records.
 */
final class PolicyText {

    private PolicyText() {}

    static String of(PolicyIr policy) {
        List<String> lines = new ArrayList<>();
        lines.add("policy " + policy.name() + " {");
        for (Direction direction : Direction.values()) {
            DefaultAction byDefault = policy.defaultFor(direction);
            lines.add("    default " + byDefault.verdict().keyword() + " " + direction.keyword() + (byDefault.log() ? " log" : ""));
        }
        for (Rule rule : policy.rules()) {
            lines.add("    " + rule(rule));
        }
        lines.add("}");
        return String.join("\n", lines);
    }

    static String rule(Rule rule) {
        List<String> words = new ArrayList<>(List.of(rule.verdict().keyword(), rule.direction().keyword()));
        if (!rule.protocols().isEmpty()) {
            words.add(braced(rule.protocols().stream().map(Protocol::keyword).toList()));
        }
        rule.peer().ifPresent(peer -> {
            words.add(rule.direction() == Direction.OUT ? "to" : "from");
            words.add(braced(peer.stream().map(PolicyText::endpoint).toList()));
        });
        rule.ports().ifPresent(ports -> words.add("port " + (ports.closedRanges().size() > 1 ? "{" + ports + "}" : ports)));
        if (rule.log()) {
            words.add("log");
        }
        rule.comment().ifPresent(comment -> words.add("comment \"" + comment.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        return String.join(" ", words);
    }

    private static String endpoint(Endpoint endpoint) {
        IPAddress block = ((Endpoint.Block) endpoint).block();
        Integer length = block.getPrefixLength();
        return length == null || length == block.getBitCount()
                ? "host " + block.getLower().withoutPrefixLength().toCanonicalString()
                : "cidr " + block.toCanonicalString();
    }

    private static String braced(List<String> items) {
        return items.size() == 1 ? items.get(0) : items.stream().collect(Collectors.joining(", ", "{", "}"));
    }

}
