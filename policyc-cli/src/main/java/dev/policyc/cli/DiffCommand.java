package dev.policyc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policyc.core.flowset.FlowBox;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.MeaningDiff;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.Protocol;
import inet.ipaddr.IPAddress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code policyc diff OLD NEW}: which flows change verdict, computed exactly on flow sets and
 * printed as the fewest disjoint ranges (direction, protocols, addresses, ports).
 */
@Command(name = "diff",
        description = {"Show exactly which flows change verdict between two versions of a policy.",
            "Policies are paired by name; with --policy, only that one. Two texts that mean the same are"
                + " reported as equivalent."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  policyc diff old/webapp.policy webapp.policy --hosts hosts --resolver 10.0.2.3",
            "  policyc diff --exit-code --format json old.policy new.policy   # exit 1 when the meaning changed"
        })
final class DiffCommand implements Callable<Integer> {

    /** Output forms. */
    enum Format { text, json }

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The old version.")
    String oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new version.")
    String newFile;

    @Option(names = "--policy", paramLabel = "NAME", description = "Compare only this policy.")
    String policy;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    Format format = Format.text;

    @Option(names = "--exit-code", description = "Exit 1 when the meaning changed.")
    boolean exitCode;

    @Mixin
    NameOptions names;

    DiffCommand(CliContext context) {
        this.context = context;
    }

    /** One compared pair; a side is empty when the policy exists in one version only. */
    private record Pair(String name, Optional<PolicyIr> before, Optional<PolicyIr> after) {}

    @Override
    public Integer call() throws Exception {
        PolicyLoading loading = new PolicyLoading(context, spec);
        Optional<Program> before = loading.compile(List.of(oldFile));
        Optional<Program> after = loading.compile(List.of(newFile));
        if (before.isEmpty() || after.isEmpty()) {
            return loading.report().code();
        }
        Map<String, MeaningDiff> diffs = new LinkedHashMap<>();
        List<String> onlyOld = new ArrayList<>();
        List<String> onlyNew = new ArrayList<>();
        for (Pair pair : pairs(before.get(), after.get())) {
            if (pair.before().isEmpty()) {
                onlyNew.add(pair.name());
                continue;
            }
            if (pair.after().isEmpty()) {
                onlyOld.add(pair.name());
                continue;
            }
            Optional<PolicyIr> boundBefore = loading.bind(pair.before().get(), names);
            Optional<PolicyIr> boundAfter = loading.bind(pair.after().get(), names);
            if (boundBefore.isPresent() && boundAfter.isPresent()) {
                diffs.put(pair.name(), MeaningDiff.between(boundBefore.get(), boundAfter.get()));
            }
        }
        ExitCode reported = loading.report();
        if (loading.hasErrors()) {
            return reported.code();
        }
        if (format == Format.json) {
            printJson(diffs, onlyOld, onlyNew);
        } else {
            printText(diffs, onlyOld, onlyNew);
        }
        boolean changed = !onlyOld.isEmpty() || !onlyNew.isEmpty()
                || diffs.values().stream().anyMatch(d -> !d.isEquivalent());
        return ExitCode.failedIf(exitCode && changed).code();
    }

    private List<Pair> pairs(Program before, Program after) {
        if (policy != null) {
            Optional<PolicyIr> b = before.policy(policy);
            Optional<PolicyIr> a = after.policy(policy);
            if (b.isEmpty() && a.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "no policy '" + policy + "' in " + oldFile + " or " + newFile);
            }
            return List.of(new Pair(policy, b, a));
        }
        if (before.policies().size() == 1 && after.policies().size() == 1) {
            PolicyIr b = before.policies().get(0);
            PolicyIr a = after.policies().get(0);
            String name = b.name().equals(a.name()) ? b.name() : b.name() + " -> " + a.name();
            return List.of(new Pair(name, Optional.of(b), Optional.of(a)));
        }
        List<Pair> pairs = new ArrayList<>();
        for (PolicyIr b : before.policies()) {
            pairs.add(new Pair(b.name(), Optional.of(b), after.policy(b.name())));
        }
        for (PolicyIr a : after.policies()) {
            if (before.policy(a.name()).isEmpty()) {
                pairs.add(new Pair(a.name(), Optional.empty(), Optional.of(a)));
            }
        }
        return pairs;
    }

    private void printText(Map<String, MeaningDiff> diffs, List<String> onlyOld, List<String> onlyNew) {
        PrintWriter out = context.out();
        diffs.forEach((name, diff) -> {
            if (diff.isEquivalent()) {
                out.println("policy " + name + ": equivalent (the same flows are accepted)");
                return;
            }
            out.println("policy " + name + ":");
            section(out, "newly accepted", "+", diff.newlyAccepted());
            section(out, "newly dropped", "-", diff.newlyDropped());
        });
        onlyOld.forEach(name -> out.println("policy " + name + ": only in " + oldFile));
        onlyNew.forEach(name -> out.println("policy " + name + ": only in " + newFile));
    }

    private static void section(PrintWriter out, String title, String mark, FlowSet flows) {
        if (flows.isEmpty()) {
            return;
        }
        List<FlowBox> boxes = flows.boxes();
        out.println("  " + title + " (" + boxes.size() + (boxes.size() == 1 ? " range):" : " ranges):"));
        boxes.forEach(box -> out.println("    " + mark + " " + box));
    }

    private void printJson(Map<String, MeaningDiff> diffs, List<String> onlyOld, List<String> onlyNew)
            throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("old", oldFile);
        root.put("new", newFile);
        ArrayNode policies = root.putArray("policies");
        diffs.forEach((name, diff) -> {
            ObjectNode p = policies.addObject();
            p.put("name", name);
            p.put("equivalent", diff.isEquivalent());
            boxes(p.putArray("newlyAccepted"), diff.newlyAccepted());
            boxes(p.putArray("newlyDropped"), diff.newlyDropped());
        });
        onlyOld.forEach(root.withArray("onlyInOld")::add);
        onlyNew.forEach(root.withArray("onlyInNew")::add);
        context.out().println(mapper.writeValueAsString(root));
    }

    private static void boxes(ArrayNode into, FlowSet flows) {
        for (FlowBox box : flows.boxes()) {
            ObjectNode b = into.addObject();
            b.put("direction", box.direction().keyword());
            b.put("family", box.family().version());
            ArrayNode protocols = b.putArray("protocols");
            box.protocols().asRanges().forEach(r -> {
                int first = r.lowerEndpoint();
                int last = r.upperEndpoint() - 1;
                protocols.add(first == last
                        ? Protocol.ofNumber(first).map(Protocol::keyword).orElse(Integer.toString(first))
                        : first + "-" + last);
            });
            b.put("firstAddress", box.addresses().getLower().toCanonicalString());
            b.put("lastAddress", box.addresses().getUpper().toCanonicalString());
            ArrayNode cidrs = b.putArray("cidrs");
            for (IPAddress cidr : box.cidrs()) {
                cidrs.add(cidr.toCanonicalString());
            }
            box.ports().ifPresentOrElse(ports -> b.put("ports", ports.toString()), () -> b.putNull("ports"));
        }
    }
}
