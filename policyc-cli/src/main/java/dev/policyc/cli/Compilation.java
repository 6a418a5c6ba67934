package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.backend.Backend;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.backend.EmitResult;
import dev.policyc.core.backend.Feature;
import dev.policyc.core.ir.Program;
import java.util.Optional;

/** The steps from a checked program to a target's artifacts, shared by {@code compile} and {@code install}. */
final class Compilation {

    private Compilation() {}

    /**
     * Binds names (unless the target resolves them when the rules are applied and the user did
     * not ask to resolve them now), optimizes a fully bound program, and emits it. Every
     * diagnostic goes to {@code loading}; the result is failed when {@code program} is empty or a
     * step failed.
     */
    static EmitResult emit(PolicyLoading loading, Backend backend, Optional<Program> program, NameOptions names,
            boolean paranoid, EmitOptions options) {
        boolean bindNow = !backend.features().contains(Feature.DNS_AT_RUNTIME) || names.given();
        if (program.isPresent() && bindNow) {
            program = loading.bind(program.get(), names);
        }
        // Only a fully bound program can be optimized.
        if (program.isPresent() && program.get().policies().stream().allMatch(p -> p.isBound())) {
            Optimization.Result optimized = Optimization.run(program.get(), paranoid);
            loading.add(optimized.diagnostics());
            program = optimized.hasErrors() ? Optional.empty() : Optional.of(optimized.program());
        }
        EmitResult emitted = program.map(p -> Backends.emit(backend, p, options))
                .orElse(EmitResult.failed(ImmutableList.of()));
        loading.add(emitted.diagnostics());
        return emitted;
    }
}
