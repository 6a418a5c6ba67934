package dev.policyc.core.ir;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/** Every policy of one compilation (one or more files), in source order, names unique. */
public record Program(ImmutableList<PolicyIr> policies) {

    public Program {
        policies = ImmutableList.copyOf(policies);
        long distinct = policies.stream().map(PolicyIr::name).distinct().count();
        if (distinct != policies.size()) {
            throw new IllegalArgumentException("policy names are unique in a compilation");
        }
    }

    public Optional<PolicyIr> policy(String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
