package dev.policyc.dsl.ast;

import com.google.common.collect.ImmutableList;
import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Protocol;
import dev.policyc.core.ir.Verdict;
import java.util.Optional;

/**
 * {@code allow|deny [in|out] [protocols] [to|from endpoints] [port ports] [log] [comment "..."]},
 * exactly as written: nothing is checked or implied here.
 *
 * @param protocols   empty when the rule names none
 * @param ports       empty when the rule has no {@code port} part
 * @param portKeyword where {@code port} is, when present
 * @param log         where {@code log} is, when present
 * @param comment     the unescaped comment text, when present
 */
public record RuleDecl(
        Located<Verdict> verdict,
        Optional<Located<Direction>> direction,
        ImmutableList<Located<Protocol>> protocols,
        Optional<Peer> peer,
        ImmutableList<PortItem> ports,
        Optional<SourceSpan> portKeyword,
        Optional<SourceSpan> log,
        Optional<Located<String>> comment,
        SourceSpan span,
        Trivia trivia)
        implements PolicyItem {

    public RuleDecl {
        protocols = ImmutableList.copyOf(protocols);
        ports = ImmutableList.copyOf(ports);
    }
}
