/**
 * The optimizer: pure passes over a bound policy ({@link dev.policyc.core.opt.Pass}), run by
 * {@link dev.policyc.core.opt.Optimizer} from its one ordered list
 * ({@link dev.policyc.core.opt.Optimizer#standardPasses()}), round after round until nothing
 * changes.
 *
 * <p>What "the same meaning" means here: the same accepted flows
 * ({@link dev.policyc.core.flowset.PolicyMeaning#accepted}) and the same logged flows
 * ({@link dev.policyc.core.lint.DecisionSets#logged()}). A pass may drop or rewrite rules and
 * comments, but never changes which flows a backend accepts or logs. Choices made to keep it so:
 * <ul>
 *   <li>a rule is removed as subsumed only by rules of the same verdict and the same
 *       {@code log} flag; the survivors keep their own comments and spans;
 *   <li>a deny is folded into the allows only when it does not log and its direction's default
 *       is a quiet deny; folding is skipped when the rest of an allow cannot be written as rules
 *       or when it would add rules;
 *   <li>merged rules take the place and span of the first of them; they merge only when their
 *       comments are equal, so no comment is lost by merging;
 *   <li>endpoints that are merged or cut keep the origin of what they came from, so that
 *       explanations still point at the policy's own names.
 * </ul>
 * The optimizer never adds rules, and optimizing its output again returns it unchanged.
 */
package dev.policyc.core.opt;
