/**
 * Lints that need the exact meaning of a bound policy ({@link dev.policyc.core.lint.ExactLints}),
 * and the flow-set tools they share with the optimizer: the sets behind a policy's output
 * ({@link dev.policyc.core.lint.DecisionSets}) and a union tree over many flow sets
 * ({@link dev.policyc.core.lint.FlowSetIndex}).
 */
package dev.policyc.core.lint;
