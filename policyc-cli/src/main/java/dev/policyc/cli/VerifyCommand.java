package dev.policyc.cli;

import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.ir.Program;
import dev.policyc.core.ir.StandInNames;
import dev.policyc.core.verify.ArtifactReader;
import dev.policyc.core.verify.ArtifactReaders;
import dev.policyc.core.verify.PolicyCheck;
import dev.policyc.core.verify.VerificationResult;
import dev.policyc.core.verify.Verifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
        ClassLoader loader = VerifyCommand.class.getClassLoader();
        Backends backends = Backends.discover(loader);
        ArtifactReaders readers = ArtifactReaders.discover(loader);
        List<String> targets = new ArrayList<>(readers.targetIds().stream().filter(id -> backends.find(id).isPresent()).toList());
        if (target != null) {
            if (!targets.contains(target)) {
                throw new ParameterException(spec.commandLine(), "cannot verify target '" + target + "'; verifiable: "
                        + String.join(", ", targets));
            }
            targets = List.of(target);
        }
        PolicyLoading loading = new PolicyLoading(context, spec);
        Optional<Program> bound = loading.compile(files.stream().map(Path::toString).toList())
                .flatMap(program -> names.given() ? loading.bind(program, names) : StandInNames.bind(program));
        Optional<Optimization.Result> optimized = bound.map(program -> Optimization.run(program, paranoid));
        optimized.ifPresent(o -> loading.add(o.diagnostics()));
        List<VerificationResult> results = new ArrayList<>();
        if (bound.isPresent() && !loading.hasErrors()) {
            for (String id : targets) {
                Backend backend = backends.find(id).orElseThrow();
                ArtifactReader reader = readers.find(id).orElseThrow();
                EmitResult emitted = Backends.emit(backend, optimized.get().program(), EmitOptions.defaults());
                VerificationResult result = emitted.hasErrors()
                        ? new VerificationResult(id, com.google.common.collect.ImmutableList.of(), emitted.diagnostics())
                        : Verifier.of(backend, reader).verifyArtifacts(bound.get(), emitted.artifacts());
                loading.add(result.diagnostics());
                results.add(result);
            }
        }
        ExitCode reported = loading.report();
        if (loading.hasErrors()) {
            printSummary(results);
            return ExitCode.FAILED.code();
        }
        printSummary(results);
        return reported.code();
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
