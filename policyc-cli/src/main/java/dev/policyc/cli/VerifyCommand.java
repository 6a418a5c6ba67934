package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import dev.policyc.api.Policyc;
import dev.policyc.api.Verification;
import dev.policyc.core.verify.PolicyCheck;
import dev.policyc.core.verify.VerificationResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
 * {@code policyc verify FILE...}: for every target that has a reader, compile the policies as
 * {@code compile} does (bind, optimize, emit), read the artifacts back with a reader that
 * shares no code with the emitter, and prove that they accept exactly the flows the policy
 * accepts. A mismatch is an error at the policy rule that decides the counterexample flow.
 */
@Command(name = "verify",
        description = {"Prove that every target's output means exactly what the policy means.",
            "Without --hosts/--resolve/--resolver, dns names and resolver are bound to stand-in addresses"
                + " (the emitters treat every address alike)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  policyc verify webapp.policy",
            "  policyc verify --target nftables --paranoid policies/*.policy"
        })
final class VerifyCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Policy files.")
    List<Path> files;

    @Option(names = "--target", paramLabel = "TARGET", description = "Verify only this target (default: every target with a reader).")
    String target;

    @Option(names = "--paranoid", description = "Also prove every optimizer pass kept the meaning.")
    boolean paranoid;

    @Mixin
    NameOptions names;

    VerifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Policyc policyc = PolicyLoading.configured(spec, names).paranoid(paranoid).build();
        if (target != null && !policyc.verifiableTargets().contains(target)) {
            throw new ParameterException(spec.commandLine(), "cannot verify target '" + target + "'; verifiable: "
                    + String.join(", ", policyc.verifiableTargets()));
        }
        List<String> targets = target == null ? List.copyOf(policyc.verifiableTargets()) : List.of(target);
        PolicyLoading loading = new PolicyLoading(context, spec, policyc);
        Optional<Verification> verification = loading.compile(files.stream().map(Path::toString).toList())
                .map(compilation -> compilation.verify(targets));
        verification.ifPresent(v -> loading.add(v.diagnostics()));
        List<VerificationResult> results = verification.map(Verification::results).orElse(ImmutableList.of());
        ExitCode reported = loading.report();
        printSummary(results);
        return loading.hasErrors() ? ExitCode.FAILED.code() : reported.code();
    }

    private void printSummary(List<VerificationResult> results) {
        PrintWriter out = context.out();
        for (VerificationResult result : results) {
            for (PolicyCheck check : result.checks()) {
                String verdict = check instanceof PolicyCheck.Equivalent ? "equivalent"
                        : check instanceof PolicyCheck.Mismatch m ? "MISMATCH: " + m.counterexample().flow()
                        : "NOT READ";
                out.println(result.targetId() + ": " + check.policy() + ": " + verdict);
            }
        }
    }
}
