package dev.policyc.dsl.ast;

import dev.policyc.core.diag.SourceSpan;
import dev.policyc.core.ir.Direction;
import dev.policyc.core.ir.Verdict;
import java.util.Optional;

/**
 * {@code default allow|deny [in|out] [log]}.
 *
 * @param direction empty when the statement sets both directions
 */
public record DefaultDecl(Verdict verdict, Optional<Direction> direction, boolean log, SourceSpan span, Trivia trivia)
        implements PolicyItem {}
