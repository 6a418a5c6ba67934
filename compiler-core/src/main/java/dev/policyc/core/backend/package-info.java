/**
 * The backend SPI: how a target of the compiler plugs in and is run.
 *
 * <p>A target implements {@link dev.policyc.core.backend.Backend} (an id, the
 * {@link dev.policyc.core.backend.Feature}s it can express, and {@code emit}) and registers it in
 * {@code META-INF/services/dev.policyc.core.backend.Backend}. {@link dev.policyc.core.backend.Backends}
 * finds targets and runs them, {@link dev.policyc.core.backend.FeatureCheck} first, so a target
 * only ever sees rules it can express. Output is text built with
 * {@link dev.policyc.core.backend.TextWriter}; user text enters it only as a
 * {@link dev.policyc.core.backend.Quoting#literal literal} or a one-line comment.
 *
 * <p>A target that packs other targets' output (the OCI hook bundle) implements
 * {@link dev.policyc.core.backend.BundlingBackend}; {@link dev.policyc.core.backend.Backends#bundle}
 * emits the targets it names per policy and passes their results in, so it never links against
 * them. Names resolved when the rules are applied travel as the empty, named
 * {@link dev.policyc.core.backend.RuntimeSets runtime sets} of targets with
 * {@link dev.policyc.core.backend.Feature#RUNTIME_SETS}.
 */
package dev.policyc.core.backend;
