package dev.policyc.backend.nftables;

/**
 * One policy rule line of a chain: a rule made from (part of) one policy rule, or a rule that
 * looks up a concatenated set holding several of them.
 */
sealed interface ChainEntry permits NftRule, MergedRule {}
