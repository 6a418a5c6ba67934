package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The results of {@code policyc test} in the JUnit XML form that CI systems read
 * ({@code <testsuites>}, a {@code <testsuite>} per policy, a {@code <testcase>} per
 * expectation, {@code <failure>} for an unmet expectation, {@code <error>} for a file that
 * could not be tested). Built with the JDK's DOM, which does all the escaping.
 */
final class JUnitXmlReport {

    /** Why a test case did not pass. */
    record Problem(String type, String message, String details) {
        Problem {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(details, "details");
        }
    }

    /**
     * One test case.
     *
     * @param failure present when the expectation was not met
     * @param error   present when the case could not be run (a syntax error, a policy that does
     *                not compile)
     */
    record Case(String classname, String name, String file, int line, double seconds,
            Optional<Problem> failure, Optional<Problem> error) {
        Case {
            Objects.requireNonNull(classname, "classname");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(error, "error");
        }
    }

    /** The cases of one policy (or of one file that could not be tested). */
    record Suite(String name, ImmutableList<Case> cases) {
        Suite {
            Objects.requireNonNull(name, "name");
            cases = ImmutableList.copyOf(cases);
        }

        long failures() {
            return cases.stream().filter(c -> c.failure().isPresent()).count();
        }

        long errors() {
            return cases.stream().filter(c -> c.error().isPresent()).count();
        }

        double seconds() {
            return cases.stream().mapToDouble(Case::seconds).sum();
        }
    }

    private JUnitXmlReport() {}

    /** The report as UTF-8 XML text. */
    static String render(ImmutableList<Suite> suites) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            doc.setXmlStandalone(true);
            Element root = doc.createElement("testsuites");
            root.setAttribute("name", "policyc test");
            root.setAttribute("tests", Integer.toString(suites.stream().mapToInt(s -> s.cases().size()).sum()));
            root.setAttribute("failures", Long.toString(suites.stream().mapToLong(Suite::failures).sum()));
            root.setAttribute("errors", Long.toString(suites.stream().mapToLong(Suite::errors).sum()));
            root.setAttribute("time", seconds(suites.stream().mapToDouble(Suite::seconds).sum()));
            doc.appendChild(root);
            for (Suite suite : suites) {
                root.appendChild(suite(doc, suite));
            }
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (ParserConfigurationException | TransformerException e) {
            // The JDK's own DOM and identity transformer need no configuration that can fail.
            throw new IllegalStateException("the JDK cannot write XML", e);
        }
    }

    private static Element suite(Document doc, Suite suite) {
        Element element = doc.createElement("testsuite");
        element.setAttribute("name", suite.name());
        element.setAttribute("tests", Integer.toString(suite.cases().size()));
        element.setAttribute("failures", Long.toString(suite.failures()));
        element.setAttribute("errors", Long.toString(suite.errors()));
        element.setAttribute("skipped", "0");
        element.setAttribute("time", seconds(suite.seconds()));
        for (Case c : suite.cases()) {
            Element testcase = doc.createElement("testcase");
            testcase.setAttribute("classname", c.classname());
            testcase.setAttribute("name", c.name());
            testcase.setAttribute("file", c.file());
            testcase.setAttribute("line", Integer.toString(c.line()));
            testcase.setAttribute("time", seconds(c.seconds()));
            c.failure().ifPresent(p -> testcase.appendChild(problem(doc, "failure", p)));
            c.error().ifPresent(p -> testcase.appendChild(problem(doc, "error", p)));
            element.appendChild(testcase);
        }
        return element;
    }

    private static Element problem(Document doc, String tag, Problem problem) {
        Element element = doc.createElement(tag);
        element.setAttribute("type", problem.type());
        element.setAttribute("message", problem.message());
        element.setTextContent(problem.details());
        return element;
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }
}
