/**
 * Translation validation: proving that what a backend emitted means what the policy means.
 *
 * <p>Each target provides an {@link dev.policyc.core.verify.ArtifactReader}, registered in
 * {@code META-INF/services/dev.policyc.core.verify.ArtifactReader}, that reads the target's
 * artifacts back, with code of its own, into the {@link dev.policyc.core.flowset.FlowSet} of new
 * flows they accept. {@link dev.policyc.core.verify.Verifier} emits, reads back and compares that
 * set with {@link dev.policyc.core.flowset.PolicyMeaning#accepted} for every policy; on a
 * difference it names one flow the two judge differently
 * ({@link dev.policyc.core.verify.Counterexample}). The reader must not share code with the
 * emitter, or a mistake in that code would be read back as what was meant.
 */
package dev.policyc.core.verify;
