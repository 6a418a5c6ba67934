/**
 * policyc as a library. {@link dev.policyc.api.Policyc} is the entry point: build one with the
 * name sources and options you need, compile policies from files or strings, and ask the
 * {@link dev.policyc.api.Compilation} for verdicts, meanings, firewall rules
 * ({@link dev.policyc.api.Emission}) and proofs ({@link dev.policyc.api.Verification}). Every
 * result is immutable and carries its diagnostics; nothing here prints, exits or throws for a
 * bad policy. The {@code policyc} command line is built on this package.
 */
package dev.policyc.api;
