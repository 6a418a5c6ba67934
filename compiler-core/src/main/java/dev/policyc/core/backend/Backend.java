package dev.policyc.core.backend;

import dev.policyc.core.ir.Program;
import java.util.Set;

/**
 * A target of the compiler: turns a program into files. Implementations are found with
 * {@link java.util.ServiceLoader} (see {@link Backends}), so each needs a public no-argument
 * constructor and an entry in {@code META-INF/services/dev.policyc.core.backend.Backend}.
 *
 * <p>A backend is a pure function of its input: it never touches the file system, never prints,
 * keeps no state between calls and never changes the program. Callers run {@link FeatureCheck}
 * first (as {@link Backends#emit} does), so {@code emit} only ever sees rules whose features are in
 * {@link #features()}.
 */
public interface Backend {

    /** The name of the target on the command line ({@code --target nftables}), lower-case. */
    String id();

    /** What this target can express; anything else is rejected before {@link #emit}. */
    Set<Feature> features();

    /**
     * The files for every policy of {@code program}, with user-facing findings as diagnostics.
     *
     * @param program bound (every endpoint an {@link dev.policyc.core.ir.Endpoint.Block}) unless
     *                this backend declares {@link Feature#DNS_AT_RUNTIME}, or declares
     *                {@link Feature#RUNTIME_SETS} and is run for a bundle ({@link Backends#bundle});
     *                and using only {@link #features()}
     * @throws IllegalArgumentException if the program breaks that contract, a caller's bug
     */
    EmitResult emit(Program program, EmitOptions options);
}
