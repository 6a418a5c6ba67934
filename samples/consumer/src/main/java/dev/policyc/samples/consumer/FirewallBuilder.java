package dev.policyc.samples.consumer;

import dev.policyc.api.Compilation;
import dev.policyc.api.Emission;
import dev.policyc.api.Policyc;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.diag.Diagnostic;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small program built on the policyc library: compiles a policy file and writes the rules of
 * every target policyc offers into {@code OUTDIR/TARGET/}.
 *
 * <pre>
 * java -cp ... dev.policyc.samples.consumer.FirewallBuilder POLICY HOSTS OUTDIR [NAMESERVER]
 * </pre>
 */
public final class FirewallBuilder {

    private FirewallBuilder() {}

    /** What one run made: the files written per target, and the problems found, as text. */
    public record Result(List<Emission> emissions, String problems, boolean failed) {}

    /** Compiles {@code policy}, with addresses for dns names from {@code hosts}, and writes every target's files. */
    public static Result build(Path policy, Path hosts, String nameserver, Path outDir) throws IOException {
        Policyc policyc = Policyc.builder().hostsFile(hosts).resolver(nameserver)
                .emitOptions(EmitOptions.defaults()
                        .withInstallDir(outDir.resolve("oci-hook").toAbsolutePath().normalize().toString()))
                .build();
        Compilation compilation = policyc.compileFile(policy);
        List<Diagnostic> problems = new ArrayList<>(compilation.diagnostics());
        List<Emission> emissions = new ArrayList<>();
        if (!compilation.hasErrors()) {
            for (String target : policyc.targets()) {
                Emission emission = compilation.emit(target);
                problems.addAll(emission.diagnostics());
                if (!emission.hasErrors()) {
                    emission.writeTo(outDir.resolve(target));
                }
                emissions.add(emission);
            }
        }
        boolean failed = problems.stream().anyMatch(Diagnostic::isError);
        return new Result(List.copyOf(emissions), compilation.render(problems), failed);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: FirewallBuilder POLICY HOSTS OUTDIR [NAMESERVER]");
            System.exit(2);
        }
        Result result = build(Path.of(args[0]), Path.of(args[1]), args.length > 3 ? args[3] : "10.0.2.3", Path.of(args[2]));
        System.err.print(result.problems());
        PrintStream out = System.out;
        for (Emission emission : result.emissions()) {
            out.println(emission.target() + ": " + (emission.hasErrors() ? "failed" : String.join(", ", emission.paths())));
        }
        System.exit(result.failed() ? 1 : 0);
    }
}
