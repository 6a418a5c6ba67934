package dev.policyc.kernel;

import java.util.Optional;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips kernel properties where they cannot run (not root, no {@code ip} or {@code python3}, no
 * right to create a namespace, no loader for the {@link OnKernel} target), with the reason: a
 * skipped property shows as skipped, never as passed.
 */
public final class KernelAvailable implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        Optional<String> reason = KernelTools.unavailableReason().or(() -> context.findAnnotation(OnKernel.class)
                .flatMap(target -> KernelTarget.byId(target.value()).unavailableReason()));
        return reason.map(why -> SkipResult.skip("skipped: " + why)).orElseGet(SkipResult::doNotSkip);
    }
}
