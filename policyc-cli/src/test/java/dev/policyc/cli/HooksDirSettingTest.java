package dev.policyc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Reading and editing hooks_dir in containers.conf files of many shapes. */
class HooksDirSettingTest {

    private static final String DIR = "/home/u/.local/lib/policyc/bundle/hooks.d";
    private static final List<String> DEFAULTS = List.of("/usr/share/containers/oci/hooks.d", "/etc/containers/oci/hooks.d");

    private static String edited(String before, List<String> inherited) {
        HooksDirSetting.Edit edit = HooksDirSetting.add(Optional.of(before), DIR, inherited);
        return assertInstanceOf(HooksDirSetting.Edited.class, edit, () -> "not edited: " + edit).text();
    }

    @Test
    void noFileGetsAnEngineTableWithTheInheritedDirectoriesFirst() {
        HooksDirSetting.Edit edit = HooksDirSetting.add(Optional.empty(), DIR, DEFAULTS);
        HooksDirSetting.Edited edited = assertInstanceOf(HooksDirSetting.Edited.class, edit);
        assertEquals("[engine]\nhooks_dir = [\"/usr/share/containers/oci/hooks.d\", \"/etc/containers/oci/hooks.d\", \""
                + DIR + "\"]\n", edited.text());
    }

    @Test
    void engineTableWithoutTheKeyGetsItRightAfterTheHeader() {
        String before = """
                # my settings
                [containers]
                default_ulimits = ["nofile=1024:1024"]

                [engine]   # the engine
                runtime = "runc"
                """;
        assertEquals("""
                # my settings
                [containers]
                default_ulimits = ["nofile=1024:1024"]

                [engine]   # the engine
                hooks_dir = ["/home/u/.local/lib/policyc/bundle/hooks.d"]
                runtime = "runc"
                """, edited(before, List.of()));
    }

    @Test
    void fileWithoutEngineGetsTheTableAtTheEnd() {
        assertEquals("[containers]\nlog_driver = \"k8s-file\"\n\n[engine]\nhooks_dir = [\"" + DIR + "\"]\n",
                edited("[containers]\nlog_driver = \"k8s-file\"\n", List.of()));
        assertEquals("[containers]\nlog_driver = \"k8s-file\"\n\n[engine]\nhooks_dir = [\"" + DIR + "\"]\n",
                edited("[containers]\nlog_driver = \"k8s-file\"", List.of()));
    }

    @Test
    void subTablesOfEngineBeforeItAreFine() {
        String after = edited("[engine.runtimes]\nrunc = [\"/usr/sbin/runc\"]\n", List.of());
        assertEquals("[engine.runtimes]\nrunc = [\"/usr/sbin/runc\"]\n\n[engine]\nhooks_dir = [\"" + DIR + "\"]\n", after);
    }

    @Test
    void anExistingOneLineListIsExtendedAndItsCommentKept() {
        String before = "[engine]\nhooks_dir = [ '/opt/hooks' ]  # mine\nruntime = \"runc\"\n";
        assertEquals("[engine]\nhooks_dir = [\"/opt/hooks\", \"" + DIR + "\"]  # mine\nruntime = \"runc\"\n",
                edited(before, DEFAULTS));
    }

    @Test
    void aMultiLineListGetsANewLineAndKeepsItsComments() {
        String before = """
                [engine]
                hooks_dir = [
                    "/opt/a",   # first
                    # a comment line
                    "/opt/b"
                ]
                """;
        assertEquals("""
                [engine]
                hooks_dir = [
                    "/opt/a",   # first
                    # a comment line
                    "/opt/b",
                    "/home/u/.local/lib/policyc/bundle/hooks.d",
                ]
                """, edited(before, List.of()));
    }

    @Test
    void aMultiLineListClosedOnTheLastItemsLine() {
        String before = "[engine]\nhooks_dir = [\n  \"/opt/a\",\n  \"/opt/b\"]\n";
        assertEquals("[engine]\nhooks_dir = [\n  \"/opt/a\",\n  \"/opt/b\", \"" + DIR + "\"]\n", edited(before, List.of()));
    }

    @Test
    void anEmptyListGetsTheDirectoryOnly() {
        assertEquals("[engine]\nhooks_dir = [\"" + DIR + "\"]\n", edited("[engine]\nhooks_dir = []\n", DEFAULTS));
    }

    @Test
    void dottedKeysAtTheTopAreEdited() {
        assertEquals("engine.hooks_dir = [\"/opt/a\", \"" + DIR + "\"]\n[containers]\n",
                edited("engine.hooks_dir = [\"/opt/a\"]\n[containers]\n", List.of()));
    }

    @Test
    void installingTwiceChangesNothingTheSecondTime() {
        String once = edited("[engine]\nruntime = \"runc\"\n", DEFAULTS);
        HooksDirSetting.Edit again = HooksDirSetting.add(Optional.of(once), DIR, DEFAULTS);
        HooksDirSetting.Unchanged unchanged = assertInstanceOf(HooksDirSetting.Unchanged.class, again);
        assertEquals(List.of(DEFAULTS.get(0), DEFAULTS.get(1), DIR), unchanged.dirs());
    }

    @Test
    void escapesAreReadAndWritten() {
        String before = "[engine]\nhooks_dir = [\"/opt/a\\\"quoted\\\\\", \"/opt/\\u00e9\"]\n";
        assertEquals(new HooksDirSetting.Set(com.google.common.collect.ImmutableList.of("/opt/a\"quoted\\", "/opt/é")),
                HooksDirSetting.read(before));
        String after = edited(before, List.of());
        assertEquals(new HooksDirSetting.Set(com.google.common.collect.ImmutableList.of("/opt/a\"quoted\\", "/opt/é", DIR)),
                HooksDirSetting.read(after));
    }

    @Test
    void multiLineStringsElsewhereAreSkippedCorrectly() {
        String before = "[containers]\nnote = \"\"\"\n[engine]\nhooks_dir = [\"/fake\"]\n\"\"\"\n";
        assertEquals(new HooksDirSetting.NotSet(), HooksDirSetting.read(before));
        assertTrue(edited(before, List.of()).endsWith("\"\"\"\n\n[engine]\nhooks_dir = [\"" + DIR + "\"]\n"));
    }

    @Test
    void unsafeShapesAreRefusedWithTheLineToAdd() {
        for (String shape : List.of(
                "engine = { hooks_dir = [\"/opt/a\"] }\n",
                "engine.runtime = \"runc\"\n",
                "[engine]\nhooks_dir = \"/opt/a\"\n",
                "[engine]\nhooks_dir = [\"/a\"]\nhooks_dir = [\"/b\"]\n",
                "[engine]\nruntime = \"runc\"\n[engine]\n",
                "[[engine]]\nruntime = \"runc\"\n",
                "[engine.hooks_dir]\nx = 1\n",
                "[engine]\nstart = 1979-05-27 07:32:00Z\n",
                "[engine\nruntime = 1\n",
                "[engine]\nruntime = \"runc\" extra\n",
                "[engine]\nruntime = \"unterminated\n")) {
            HooksDirSetting.Edit edit = HooksDirSetting.add(Optional.of(shape), DIR, DEFAULTS);
            HooksDirSetting.Refused refused = assertInstanceOf(HooksDirSetting.Refused.class, edit, shape);
            assertTrue(refused.line().startsWith("hooks_dir = [") && refused.line().contains(DIR), refused::toString);
            assertTrue(!refused.reason().isEmpty());
        }
    }

    @Test
    void refusalsNameTheLine() {
        HooksDirSetting.Edit edit = HooksDirSetting.add(Optional.of("[engine]\nx = 1\nhooks_dir = 5\n"), DIR, List.of());
        assertEquals(new HooksDirSetting.Refused("line 3: hooks_dir is not a list of strings",
                "hooks_dir = [\"" + DIR + "\"]"), edit);
    }

    /** Whatever other settings a file has, an edit keeps them and adds exactly the directory. */
    @Property(tries = 200)
    void editsKeepEverythingElse(@ForAll("files") String before) {
        HooksDirSetting.Edit edit = HooksDirSetting.add(Optional.of(before), DIR, DEFAULTS);
        HooksDirSetting.Edited edited = assertInstanceOf(HooksDirSetting.Edited.class, edit, before);
        TomlScan.Readable old = (TomlScan.Readable) TomlScan.scan(before);
        TomlScan.Readable now = (TomlScan.Readable) TomlScan.scan(edited.text());
        List<String> oldEntries = old.entries().stream().filter(e -> !e.path().equals(HooksDirSetting.KEY))
                .map(e -> e.path() + "=" + old.value(e)).toList();
        List<String> newEntries = now.entries().stream().filter(e -> !e.path().equals(HooksDirSetting.KEY))
                .map(e -> e.path() + "=" + now.value(e)).toList();
        assertEquals(oldEntries, newEntries);
        HooksDirSetting.Set set = assertInstanceOf(HooksDirSetting.Set.class, HooksDirSetting.read(edited.text()));
        assertEquals(DIR, set.dirs().get(set.dirs().size() - 1));
        assertInstanceOf(HooksDirSetting.Unchanged.class, HooksDirSetting.add(Optional.of(edited.text()), DIR, DEFAULTS));
    }

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> line = Arbitraries.of(
                "# a comment\n", "\n", "[containers]\n", "[network]\n", "[engine.runtimes]\n",
                "log_driver = \"k8s-file\"\n", "default_ulimits = [\"nofile=1024:1024\", \"nproc=4096:4096\"]\n",
                "env = [\n  \"A=1\", # first\n  \"B=2\",\n]\n", "x = { a = 1, b = \"}\" }\n", "n = 3_000\n",
                "ok = true\n", "s = 'C:\\\\path'\n", "t = \"\"\"\nmany\n[engine]\nlines\"\"\"\n", "\"quoted key\" = 1\n");
        Arbitrary<String> engine = Arbitraries.of("", "[engine]\n", "[engine]\nruntime = \"runc\"\n",
                "[engine]\nhooks_dir = [\"/opt/a\"]\n", "[engine]\nhooks_dir = [\n  \"/opt/a\",\n  \"/opt/b\"\n]\n",
                "[engine]\nhooks_dir = [\n  \"/opt/a\", # a\n]\n");
        return net.jqwik.api.Combinators.combine(line.list().ofMaxSize(6), engine, line.list().ofMaxSize(6))
                .as((before, e, after) -> String.join("", before) + e
                        + (e.isEmpty() ? "" : String.join("", after.stream().filter(l -> !l.startsWith("[")).toList())));
    }
}
