package dev.policyc.dsl.parse;

import static dev.policyc.dsl.parse.ParseTesting.assertDiagnostic;
import static dev.policyc.dsl.parse.ParseTesting.onlyError;
import static dev.policyc.dsl.parse.ParseTesting.parseClean;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.policyc.dsl.ast.NetDefine;
import dev.policyc.dsl.ast.PolicyDecl;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Policy and define names: the naming rules, suggestions, and reserved keywords. */
class NameRulesTest {

    private static final String POLICY_RULE =
            "a policy name starts with a lower-case letter and has at most 24 lower-case letters, digits and '-'";
    private static final String DEFINE_RULE =
            "a define name starts with a lower-case letter and has at most 32 lower-case letters, digits and '_'";

    @ParameterizedTest
    @ValueSource(strings = {"a", "webapp", "web-app-2", "a23456789012345678901234", "x-"})
    void validPolicyNames(String name) {
        assertEquals(name, ParseTesting.policy(parseClean("policy " + name + " { }")).name().text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "cloud_flare", "x1", "a2345678901234567890123456789012"})
    void validDefineNames(String name) {
        assertEquals(name, parseClean("define net " + name + " = any").defines().get(0).name().text());
    }

    @ParameterizedTest
    @CsvSource({
        "Web_App, web-app",
        "WEBAPP, webapp",
        "web.app, web-app",
        "_web, web",
        "a_very_long_policy_name_that_is_too_long, a-very-long-policy-name",
        "caf\u00e9, caf",
    })
    void invalidPolicyNamesGetTheRuleAndASuggestion(String name, String suggestion) {
        assertDiagnostic(onlyError("policy " + name + " { }"), DslParser.INVALID_NAME, 1, 8,
                "invalid policy name '" + name + "': " + POLICY_RULE, "write '" + suggestion + "'");
    }

    @ParameterizedTest
    @CsvSource({
        "Cloud, cloud",
        "web-servers, web_servers",
        "_x, x",
        "a23456789012345678901234567890123, a2345678901234567890123456789012",
    })
    void invalidDefineNamesGetTheRuleAndASuggestion(String name, String suggestion) {
        assertDiagnostic(onlyError("define ports " + name + " = 80"), DslParser.INVALID_NAME, 1, 14,
                "invalid define name '" + name + "': " + DEFINE_RULE, "write '" + suggestion + "'");
    }

    @Test
    void noSuggestionWhenNothingOfTheNameIsUsable() {
        assertDiagnostic(onlyError("define net \u00e9\u00e9 = any"), DslParser.INVALID_NAME, 1, 12,
                "invalid define name '\u00e9\u00e9': " + DEFINE_RULE, null);
    }

    @Test
    void theNameSpanCoversTheWholeName() {
        assertEquals(11, onlyError("policy Web_App_Two { }").span().length());
    }

    @Test
    void reservedKeywordsAsNamesAreSyntaxErrorsThatKeepTheStatement() {
        assertDiagnostic(onlyError("define net tcp = any"), DslParser.SYNTAX, 1, 12,
                "'tcp' is a reserved keyword and cannot be a define name", "choose another name, such as 'tcp_net'");
        assertDiagnostic(onlyError("define ports port = 1"), DslParser.SYNTAX, 1, 14,
                "'port' is a reserved keyword and cannot be a define name", "choose another name, such as 'port_ports'");
        assertDiagnostic(onlyError("policy any { }"), DslParser.SYNTAX, 1, 8,
                "'any' is a reserved keyword and cannot be a policy name", "choose another name, such as 'any-policy'");
        // kept so that references to it do not turn into a second error
        assertEquals(List.of("tcp"),
                DslParser.parse("t", "define net tcp = any").unit().defines().stream().map(d -> d.name().text()).toList());
    }

    @Test
    void invalidNamesKeepTheirStatementInTheAst() {
        var unit = DslParser.parse("t", "define net Cloud = any\npolicy Web { allow out to $Cloud }\n").unit();
        assertEquals("Cloud", ((NetDefine) unit.items().get(0)).name().text());
        assertEquals(1, ((PolicyDecl) unit.items().get(1)).items().size());
    }

    @Test
    void suggestionsFollowTheRule() {
        assertEquals(Optional.of("ab-c"), NameRules.POLICY.suggestion("9Ab_c"));
        assertEquals(Optional.of("ab_c"), NameRules.NET_DEFINE.suggestion("Ab-c"));
        assertEquals(Optional.empty(), NameRules.POLICY.suggestion("123"));
        assertEquals(Optional.empty(), NameRules.POLICY.suggestion("TCP"), "a keyword is no suggestion");
    }
}
