/**
 * Reads iptables-restore files back into the flows they accept, for {@code policyc verify}; see
 * {@link dev.policyc.backend.iptables.reader.IptReader}. Nothing here uses the emitter's code
 * ({@code dev.policyc.backend.iptables}): tokenizer ({@code Word}), parsers ({@code RestoreParser},
 * {@code RuleParser}), table ({@code FilterTable}) and simulator ({@code ChainSimulator}) are
 * written from iptables-restore's syntax and netfilter's semantics alone.
 */
package dev.policyc.backend.iptables.reader;
