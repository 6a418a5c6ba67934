package dev.policyc.samples.consumer;

import dev.policyc.api.Compilation;
import dev.policyc.api.Emission;
import dev.policyc.api.Policyc;
import dev.policyc.api.Verification;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.eval.Decision;
import dev.policyc.core.flowset.FlowSet;
import java.io.IOException;
import java.nio.file.Path;

public final class Example {

    public static void main(String[] args) throws IOException {
        Policyc policyc = Policyc.builder()
                .hostsFile(Path.of("samples/policies/hosts"))  // addresses for dns "..." names
                .resolver("10.0.2.3")                          // what 'resolver' stands for
                .emitOptions(EmitOptions.defaults()            // oci-hook: where the bundle will live
                        .withInstallDir(Path.of("out", "oci-hook").toAbsolutePath().toString()))
                .build();

        Compilation compilation = policyc.compileFile(Path.of("samples/policies/webapp.policy"));
        // or: policyc.compileString("webapp.policy", "policy webapp { ... }")
        System.err.print(compilation.render(compilation.diagnostics()));  // file:line:col, caret, hint
        if (compilation.hasErrors()) {
            System.exit(1);
        }

        Decision decision = compilation.evaluate("webapp", "out tcp 10.20.99.5 5432").orElseThrow();
        System.out.println(decision.verdict() + " by " + decision.deciding().get(0).span());  // DENY by ...:12:5

        FlowSet accepted = compilation.meaning("webapp").orElseThrow();  // every accepted flow, exactly
        System.out.println(accepted.boxes().size() + " boxes of accepted flows");

        for (String target : policyc.targets()) {  // iptables, nftables, ... (those on the class path)
            Emission emission = compilation.emit(target);  // bind names, optimize, emit
            System.err.print(compilation.render(emission.diagnostics()));
            if (!emission.hasErrors()) {
                emission.writeTo(Path.of("out", target));  // or emission.artifacts(): path and text
            }
        }

        Verification proof = compilation.verify();  // read the output back, compare exact flow sets
        System.out.println(proof.passed() ? "verified" : compilation.render(proof.diagnostics()));
    }
}
