package dev.policyc.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Marks a property that must fail: it guards against a mistake planted on purpose, and passes
 * only when jqwik, with its default number of tries, falsifies it and shrinks the counterexample
 * to exactly {@link #shrinksTo()}. Register {@link Hook} on the class with
 * {@code @AddLifecycleHook(value = FindsPlantedError.Hook.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface FindsPlantedError {

    /** The first parameter of the shrunk sample, as its {@code toString()}: the boundary flow. */
    String shrinksTo();

    /** Turns "falsified with the expected shrunk sample" into success, and everything else into failure. */
    final class Hook implements AroundPropertyHook {

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            Optional<FindsPlantedError> expected = context.findAnnotation(FindsPlantedError.class);
            PropertyExecutionResult result = property.execute();
            if (expected.isEmpty()) {
                return result;
            }
            if (context.attributes().tries().isPresent()) {
                return result.mapToFailed("a planted error must be found with jqwik's default number of tries");
            }
            if (result.status() != PropertyExecutionResult.Status.FAILED) {
                return result.mapToFailed("the planted error was not found in " + result.countTries() + " tries");
            }
            List<Object> shrunk = result.falsifiedParameters().orElse(List.of());
            String found = shrunk.isEmpty() ? "(no sample)" : String.valueOf(shrunk.get(0));
            if (!found.equals(expected.get().shrinksTo())) {
                return result.mapToFailed("the planted error was found, but shrunk to " + found
                        + " instead of the boundary flow " + expected.get().shrinksTo());
            }
            return result.mapToSuccessful();
        }
    }
}
