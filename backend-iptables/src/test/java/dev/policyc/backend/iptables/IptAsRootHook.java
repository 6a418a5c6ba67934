package dev.policyc.backend.iptables;

import java.util.Optional;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips jqwik properties that need iptables, a namespace and root where they cannot run, saying why. */
public final class IptAsRootHook implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        Optional<String> reason = IptCommand.unavailableReason();
        return reason.map(SkipResult::skip).orElseGet(SkipResult::doNotSkip);
    }
}
