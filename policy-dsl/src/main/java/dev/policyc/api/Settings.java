package dev.policyc.api;

import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.policyc.core.backend.Backends;
import dev.policyc.core.backend.EmitOptions;
import dev.policyc.core.verify.ArtifactReaders;
import dev.policyc.dsl.load.SourceReader;
import inet.ipaddr.IPAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a {@link Policyc} was built with; shared, unchanged, by every compilation it makes.
 *
 * @param nameservers   the addresses {@code resolver} stands for; empty when not given
 * @param backendSource the backends, found when first needed (a {@code check} never needs them)
 * @param readerSource  the artifact readers, found when first needed
 */
record Settings(
        SourceReader reader,
        Optional<NameSource> names,
        Optional<ImmutableList<IPAddress>> nameservers,
        boolean paranoid,
        Supplier<Backends> backendSource,
        Supplier<ArtifactReaders> readerSource,
        EmitOptions emitOptions) {

    Settings {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(nameservers, "nameservers");
        backendSource = Suppliers.memoize(backendSource::get);
        readerSource = Suppliers.memoize(readerSource::get);
        Objects.requireNonNull(emitOptions, "emitOptions");
    }

    Backends backends() {
        return backendSource.get();
    }

    ArtifactReaders readers() {
        return readerSource.get();
    }

    /** True when the user said where names get addresses (else verify binds them to stand-ins). */
    boolean namesGiven() {
        return names.isPresent() || nameservers.isPresent();
    }

    /** Targets with both a backend and a reader. */
    ImmutableSortedSet<String> verifiableTargets() {
        return readers().targetIds().stream()
                .filter(id -> backends().find(id).isPresent())
                .collect(ImmutableSortedSet.toImmutableSortedSet(String::compareTo));
    }
}
