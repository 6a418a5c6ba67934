package dev.policyc.backend.nftables;

import java.util.Optional;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips jqwik properties that run {@code nft -c} where it cannot run, saying why. */
public final class NftAsRootHook implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        Optional<String> reason = NftCommand.unavailableReason();
        return reason.map(SkipResult::skip).orElseGet(SkipResult::doNotSkip);
    }
}
