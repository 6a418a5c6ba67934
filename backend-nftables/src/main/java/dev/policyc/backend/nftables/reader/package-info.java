/**
 * Reads nftables scripts back into the flows they accept, for {@code policyc verify}; see
 * {@link dev.policyc.backend.nftables.reader.NftReader}. Nothing here uses the emitter's code
 * ({@code dev.policyc.backend.nftables}): lexer ({@code NftLexer}), parser ({@code NftParser},
 * {@code RuleParser}) and evaluator ({@code RulesetEvaluator}) are written from nft's syntax and
 * semantics alone.
 */
package dev.policyc.backend.nftables.reader;
