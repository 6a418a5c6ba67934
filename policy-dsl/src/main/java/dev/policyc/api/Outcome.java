package dev.policyc.api;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.Diagnostic;
import dev.policyc.core.diag.Diagnostics;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The result of one step of a {@link Compilation}: a value, or the errors that prevented it,
 * together with every warning found on the way.
 *
 * @param value       present exactly when {@code diagnostics} holds no error
 * @param diagnostics errors and warnings of this step (and of the steps it needed), in the order found
 * @param <T>         what the step makes: a bound policy, a {@link dev.policyc.core.eval.Decision}, a flow set...
 */
public record Outcome<T>(Optional<T> value, ImmutableList<Diagnostic> diagnostics) {

    public Outcome {
        Objects.requireNonNull(value, "value");
        diagnostics = ImmutableList.copyOf(diagnostics);
        if (value.isPresent() == Diagnostics.anyErrors(diagnostics)) {
            throw new IllegalArgumentException("an outcome has a value exactly when it has no error");
        }
    }

    /** A value, with the warnings found while making it. */
    public static <T> Outcome<T> of(T value, List<Diagnostic> warnings) {
        return new Outcome<>(Optional.of(value), ImmutableList.copyOf(warnings));
    }

    /** No value, because of {@code diagnostics} (at least one of them an error). */
    public static <T> Outcome<T> failed(List<Diagnostic> diagnostics) {
        return new Outcome<>(Optional.empty(), ImmutableList.copyOf(diagnostics));
    }

    /** True when the step failed; {@link #diagnostics()} says why. */
    public boolean hasErrors() {
        return value.isEmpty();
    }

    /**
     * The value.
     *
     * @throws IllegalStateException when the step failed; the message lists the errors, one a line
     */
    public T orElseThrow() {
        return value.orElseThrow(() -> new IllegalStateException(diagnostics.stream()
                .filter(Diagnostic::isError)
                .map(d -> d.location().map(s -> s.position() + ": ").orElse("") + "error: " + d.message())
                .collect(Collectors.joining("\n"))));
    }

    /** This outcome with {@code function} applied to its value; the diagnostics stay. */
    public <R> Outcome<R> map(Function<? super T, ? extends R> function) {
        return new Outcome<>(value.map(function), diagnostics);
    }
}
