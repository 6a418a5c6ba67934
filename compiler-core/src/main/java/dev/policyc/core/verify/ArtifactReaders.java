package dev.policyc.core.verify;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The artifact readers known to one run, found with {@link ServiceLoader}, looked up by target id. */
public final class ArtifactReaders {

    private final ImmutableMap<String, ArtifactReader> byTarget;

    private ArtifactReaders(ImmutableMap<String, ArtifactReader> byTarget) {
        this.byTarget = byTarget;
    }

    /** The readers registered on the class path ({@code ServiceLoader.load(ArtifactReader.class)}). */
    public static ArtifactReaders discover() {
        return of(ImmutableList.copyOf(ServiceLoader.load(ArtifactReader.class)));
    }

    /** The readers registered through {@code loader}. */
    public static ArtifactReaders discover(ClassLoader loader) {
        return of(ImmutableList.copyOf(ServiceLoader.load(ArtifactReader.class, loader)));
    }

    /**
     * An explicit list of readers.
     *
     * @throws IllegalStateException if two read the same target: a packaging mistake, not a user's
     */
    public static ArtifactReaders of(Collection<? extends ArtifactReader> readers) {
        Map<String, ArtifactReader> byTarget = new LinkedHashMap<>();
        for (ArtifactReader reader : readers) {
            ArtifactReader earlier = byTarget.putIfAbsent(reader.targetId(), reader);
            if (earlier != null) {
                throw new IllegalStateException("two artifact readers for target '" + reader.targetId() + "': "
                        + earlier.getClass().getName() + " and " + reader.getClass().getName());
            }
        }
        return new ArtifactReaders(ImmutableMap.copyOf(byTarget));
    }

    /** The reader of the target with this id, if one is known. */
    public Optional<ArtifactReader> find(String targetId) {
        return Optional.ofNullable(byTarget.get(targetId));
    }

    /** The ids of every target that has a reader, sorted. */
    public ImmutableSortedSet<String> targetIds() {
        return ImmutableSortedSet.copyOf(byTarget.keySet());
    }
}
