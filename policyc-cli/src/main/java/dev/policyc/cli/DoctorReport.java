package dev.policyc.cli;

import java.io.PrintWriter;

/**
 * The checklist {@code doctor} prints: one line a check, {@code ok}, {@code warn}, {@code skip} or
 * {@code FAIL}, and under a failure the fix.
 */
final class DoctorReport {

    /** How a check came out. */
    enum Status {
        OK("ok"), WARN("warn"), SKIP("skip"), FAIL("FAIL");

        final String label;

        Status(String label) {
            this.label = label;
        }
    }

    private final PrintWriter out;
    private int failures;

    DoctorReport(PrintWriter out) {
        this.out = out;
    }

    void ok(String check, String detail) {
        line(Status.OK, check, detail);
    }

    void warn(String check, String detail) {
        line(Status.WARN, check, detail);
    }

    void skip(String check, String why) {
        line(Status.SKIP, check, why);
    }

    void fail(String check, String detail, String fix) {
        failures++;
        line(Status.FAIL, check, detail);
        out.println("      fix: " + fix);
    }

    void note(String text) {
        out.println(text);
    }

    int failures() {
        return failures;
    }

    /** The closing line. */
    void summary() {
        out.println(failures == 0 ? "all checks passed" : failures + " problem" + (failures == 1 ? "" : "s") + " found");
        out.flush();
    }

    private void line(Status status, String check, String detail) {
        out.printf("%-5s %s: %s%n", status.label, check, detail);
        out.flush();
    }
}
