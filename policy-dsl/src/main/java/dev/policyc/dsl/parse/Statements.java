package dev.policyc.dsl.parse;

import dev.policyc.dsl.internal.antlr.PolicyParser.DefaultStmtContext;
import dev.policyc.dsl.internal.antlr.PolicyParser.DefineStmtContext;
import dev.policyc.dsl.internal.antlr.PolicyParser.IncludeStmtContext;
import dev.policyc.dsl.internal.antlr.PolicyParser.NameContext;
import dev.policyc.dsl.internal.antlr.PolicyParser.PolicyStmtContext;
import dev.policyc.dsl.internal.antlr.PolicyParser.RuleStmtContext;
import dev.policyc.dsl.internal.antlr.PolicyParser.SourceFileContext;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Where statements are in the parse tree: the unit that recovery skips and the AST keeps or drops. */
final class Statements {

    private Statements() {}

    /** The statement that {@code ctx} is part of, or null between statements. */
    static ParserRuleContext statementOf(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof IncludeStmtContext || c instanceof DefineStmtContext || c instanceof PolicyStmtContext
                    || c instanceof DefaultStmtContext || c instanceof RuleStmtContext) {
                return c;
            }
        }
        return null;
    }

    /** The policy around {@code statement}, or null at file level. */
    static ParserRuleContext enclosingPolicy(ParserRuleContext statement) {
        for (ParserRuleContext c = statement.getParent(); c != null; c = c.getParent()) {
            if (c instanceof PolicyStmtContext) {
                return c;
            }
        }
        return null;
    }

    /** The statements under the wrappers (topStatement or policyItem), in order. */
    static List<ParserRuleContext> statementsIn(List<? extends ParserRuleContext> wrappers) {
        List<ParserRuleContext> found = new ArrayList<>();
        for (ParserRuleContext wrapper : wrappers) {
            ParserRuleContext statement = wrapper.getChild(ParserRuleContext.class, 0);
            if (statement != null) {
                found.add(statement);
            }
        }
        return found;
    }

    /** The last statement read in the list that {@code list} (the file or a policy) holds. */
    static ParserRuleContext lastStatement(ParserRuleContext list) {
        List<ParserRuleContext> items = statementsIn(list instanceof SourceFileContext file ? file.topStatement()
                : list instanceof PolicyStmtContext policy ? policy.policyItem() : List.of());
        return items.isEmpty() ? null : items.get(items.size() - 1);
    }

    /** The name of {@code policy} as written, or null when it is missing. */
    static String policyName(PolicyStmtContext policy) {
        NameContext name = policy.name();
        return name == null || name.exception != null || name.getText().isEmpty() ? null : name.getText();
    }

    /** The '{' that opened the body of {@code policy}, or null (also when it was missing). */
    static Token bodyOpen(ParserRuleContext policy) {
        TerminalNode open = policy instanceof PolicyStmtContext p ? p.LBRACE() : null;
        return open == null || open.getSymbol().getTokenIndex() < 0 ? null : open.getSymbol();
    }
}
