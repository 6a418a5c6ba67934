package dev.policyc.core.verify;

import dev.policyc.core.backend.Artifact;
import java.util.List;

/**
 * Reads the artifacts of one target back into what they mean, independently of the backend that
 * wrote them. Implementations are found with {@link java.util.ServiceLoader} (see
 * {@link ArtifactReaders}), so each needs a public no-argument constructor and an entry in
 * {@code META-INF/services/dev.policyc.core.verify.ArtifactReader}.
 *
 * <p>What a reader computes is the set of flows, as the policy language models them (direction,
 * family, protocol, remote address, port), that open a connection ({@code ct state new}) and that
 * the artifacts accept. Rules outside that model (loopback, packets of accepted connections,
 * invalid packets, neighbour discovery) must be recognised as such and contribute nothing. A
 * reader never guesses: a construct it does not understand is an error diagnostic at its line,
 * and the policy whose artifact holds it gets no meaning.
 *
 * <p>A reader is a pure function of its input: no file system, no printing, no state between calls.
 */
public interface ArtifactReader {

    /** The {@link dev.policyc.core.backend.Backend#id() id} of the target whose artifacts this reads. */
    String targetId();

    /**
     * The meaning of every policy held by {@code artifacts}, and findings located in them (their
     * {@link dev.policyc.core.diag.SourceSpan#file() file} is the artifact's path).
     */
    ReadResult read(List<Artifact> artifacts);
}
