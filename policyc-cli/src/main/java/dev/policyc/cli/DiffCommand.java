package dev.policyc.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policyc.api.Compilation;
import dev.policyc.core.flowset.FlowBox;
import dev.policyc.core.flowset.FlowSet;
import dev.policyc.core.flowset.MeaningDiff;
import dev.policyc.core.ir.PolicyIr;
import dev.policyc.core.ir.Program;
import inet.ipaddr.IPAddress;
import java.io.PrintWriter;
import java.nio.file.Path;
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
            "  policyc diff --exit-code old.policy new.policy   # exit 1 if meaning changed",
            "  policyc diff --format json old.policy new.policy"
        })
final class DiffCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The old version.")
    Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The new version.")
    Path newFile;

    @Option(names = "--policy", paramLabel = "NAME", description = "Compare only this policy.")
    String policy;

    @Option(names = "--exit-code", description = "Exit 1 when the meaning changed.")
    boolean exitCode;

    @Mixin
    NameOptions names;

    @Mixin
    FormatOption output;

    DiffCommand(CliContext context) {
        this.context = context;
    }

    /** One compared pair; a side is empty when the policy exists in one version only. */
    private record Pair(String name, Optional<PolicyIr> before, Optional<PolicyIr> after) {}

    /** What the comparison found: the diff of each pair, and the names found on one side only. */
    private record Comparison(Map<String, MeaningDiff> diffs, List<String> onlyOld, List<String> onlyNew) {
        boolean changed() {
            return !onlyOld.isEmpty() || !onlyNew.isEmpty() || diffs.values().stream().anyMatch(d -> !d.isEquivalent());
        }
    }

    @Override
    public Integer call() {
        PolicyLoading loading = new PolicyLoading(context, spec, PolicyLoading.configured(spec, names).build());
        Optional<Compilation> before = loading.compile(List.of(oldFile.toString()));
        Optional<Compilation> after = loading.compile(List.of(newFile.toString()));
        Optional<Comparison> comparison = before.isPresent() && after.isPresent()
                ? Optional.of(compare(before.get(), after.get(), loading))
                : Optional.empty();
        ExitCode reported;
        if (output.json()) {
            reported = printJson(comparison.filter(c -> !loading.hasErrors()), loading);
        } else {
            reported = loading.report();
            if (!loading.hasErrors()) {
                printText(comparison.orElseThrow());
            }
        }
        if (loading.hasErrors()) {
            return reported.code();
        }
        return ExitCode.failedIf(exitCode && comparison.orElseThrow().changed()).code();
    }

    private Comparison compare(Compilation before, Compilation after, PolicyLoading loading) {
        Map<String, MeaningDiff> diffs = new LinkedHashMap<>();
        List<String> onlyOld = new ArrayList<>();
        List<String> onlyNew = new ArrayList<>();
        for (Pair pair : pairs(before.program().orElseThrow(), after.program().orElseThrow())) {
            if (pair.before().isEmpty()) {
                onlyNew.add(pair.name());
                continue;
            }
            if (pair.after().isEmpty()) {
                onlyOld.add(pair.name());
                continue;
            }
            Optional<PolicyIr> boundBefore = loading.bind(before, pair.before().get().name());
            Optional<PolicyIr> boundAfter = loading.bind(after, pair.after().get().name());
            if (boundBefore.isPresent() && boundAfter.isPresent()) {
                diffs.put(pair.name(), MeaningDiff.between(boundBefore.get(), boundAfter.get()));
            }
        }
        return new Comparison(diffs, onlyOld, onlyNew);
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

    private void printText(Comparison comparison) {
        PrintWriter out = context.out();
        comparison.diffs().forEach((name, diff) -> {
            if (diff.isEquivalent()) {
                out.println("policy " + name + ": equivalent (the same flows are accepted)");
                return;
            }
            out.println("policy " + name + ":");
            section(out, "newly accepted", "+", diff.newlyAccepted());
            section(out, "newly dropped", "-", diff.newlyDropped());
        });
        comparison.onlyOld().forEach(name -> out.println("policy " + name + ": only in " + oldFile));
        comparison.onlyNew().forEach(name -> out.println("policy " + name + ": only in " + newFile));
    }

    private static void section(PrintWriter out, String title, String mark, FlowSet flows) {
        if (flows.isEmpty()) {
            return;
        }
        List<FlowBox> boxes = flows.boxes();
        out.println("  " + title + " (" + boxes.size() + (boxes.size() == 1 ? " range):" : " ranges):"));
        boxes.forEach(box -> out.println("    " + mark + " " + box));
    }

    /**
     * The JSON form: the comparison, then the diagnostics. When a policy has errors there is
     * nothing to compare: {@code policies}, {@code onlyInOld} and {@code onlyInNew} are null.
     */
    private ExitCode printJson(Optional<Comparison> comparison, PolicyLoading loading) {
        JsonOutput json = new JsonOutput(context.quiet());
        ObjectNode root = json.document();
        root.put("old", oldFile.toString());
        root.put("new", newFile.toString());
        comparison.ifPresentOrElse(found -> {
            ArrayNode policies = root.putArray("policies");
            found.diffs().forEach((name, diff) -> {
                ObjectNode p = policies.addObject();
                p.put("name", name);
                p.put("equivalent", diff.isEquivalent());
                boxes(p.putArray("newlyAccepted"), diff.newlyAccepted());
                boxes(p.putArray("newlyDropped"), diff.newlyDropped());
            });
            found.onlyOld().forEach(root.putArray("onlyInOld")::add);
            found.onlyNew().forEach(root.putArray("onlyInNew")::add);
        }, () -> {
            root.putNull("policies");
            root.putNull("onlyInOld");
            root.putNull("onlyInNew");
        });
        ExitCode reported = json.addDiagnostics(root, loading.diagnostics());
        json.print(context.out(), root);
        return reported;
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
                protocols.add(first == last ? JsonOutput.protocolName(first) : first + "-" + last);
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
