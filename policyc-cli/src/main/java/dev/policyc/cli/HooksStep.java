package dev.policyc.cli;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How {@code install} makes podman find the bundle's hook, decided from the configuration podman
 * reads (see {@link PodmanSetup}):
 *
 * <ul>
 *   <li>{@code CONTAINERS_CONF} set: podman reads only that file, so add the bundle's
 *       {@code hooks.d} to its {@code hooks_dir}.
 *   <li>Rootless: add it to {@code hooks_dir} in the user's containers.conf (or in the user's
 *       drop-in that sets the key last), keeping what podman uses now.
 *   <li>Rootful without {@code hooks_dir}: link {@code policyc.json} into
 *       {@code /etc/containers/oci/hooks.d}, one of podman's default directories. No
 *       configuration changes, and rootless users are not affected.
 *   <li>Rootful with {@code hooks_dir} set: a drop-in
 *       {@code /etc/containers/containers.conf.d/policyc.conf} with that list plus the bundle's.
 * </ul>
 */
sealed interface HooksStep {

    /** Nothing to do: {@code detail} says why. */
    record AlreadyConfigured(String detail) implements HooksStep {}

    /** Write {@code text} to {@code file} (created when {@code creates}), whose hooks_dir becomes {@code dirs}. */
    record WriteConfig(Path file, boolean creates, String text, ImmutableList<String> dirs) implements HooksStep {}

    /** Make {@code link} a symbolic link to {@code target}. */
    record LinkHook(Path link, Path target) implements HooksStep {}

    /** Cannot be done safely: {@code message} says why and what to do by hand. */
    record Refused(String message) implements HooksStep {}

    /** The step for a bundle whose hooks directory is {@code bundleHooksDir}. */
    static HooksStep plan(PodmanSetup setup, Path bundleHooksDir) throws IOException {
        HooksDirs current = HooksDirs.of(setup);
        String dir = bundleHooksDir.toString();
        if (!current.unusable().isEmpty()) {
            Path file = setup.containersConf().orElse(setup.mode() == PodmanSetup.PodmanMode.ROOTLESS
                    ? setup.userConf() : setup.rootfulDropIn());
            return new Refused("podman reads configuration that policyc cannot read safely ("
                    + String.join("; ", current.unusable()) + "), so policyc cannot tell which hooks_dir podman uses;"
                    + " add this line under [engine] in " + file + " by hand, with the directories podman uses now"
                    + " before the last one: " + line(current.dirs(), dir));
        }
        if (current.dirs().contains(dir)) {
            return new AlreadyConfigured(dir + " is already a hooks directory (" + current.source() + ")");
        }
        if (setup.containersConf().isPresent()) {
            return edit(setup.containersConf().get(), dir, current);
        }
        if (setup.mode() == PodmanSetup.PodmanMode.ROOTLESS) {
            Path target = current.setBy().filter(f -> isUnder(f, setup.userConfigHome())).orElse(setup.userConf());
            return edit(target, dir, current);
        }
        if (current.defaulted()) {
            return link(setup.etcHooksDir().resolve("policyc.json"), bundleHooksDir.resolve("policyc.json"));
        }
        Path dropIn = setup.rootfulDropIn();
        Path setBy = current.setBy().orElseThrow();
        // Drop-ins are read in name order: one sorting after policyc.conf would override it.
        if (!setBy.equals(dropIn) && setBy.getParent().equals(setup.etcConfD())
                && setBy.getFileName().toString().compareTo(dropIn.getFileName().toString()) > 0) {
            return new Refused(setBy + " sets hooks_dir after policyc's drop-in would; add " + dir
                    + " to its hooks_dir: " + line(current.dirs(), dir));
        }
        return edit(dropIn, dir, current);
    }

    private static String line(List<String> dirs, String dir) {
        return "hooks_dir = " + TomlScan.array(ImmutableList.<String>builder().addAll(dirs).add(dir).build());
    }

    private static HooksStep edit(Path file, String dir, HooksDirs current) throws IOException {
        boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        if (exists && !Files.isRegularFile(file)) {
            return new Refused(file + " is not a regular file; add this line under [engine] there by hand: "
                    + line(current.dirs(), dir));
        }
        Optional<String> text = exists ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        // The file's own value, when it sets one, is kept; otherwise what podman uses now is kept.
        HooksDirSetting.Edit edit = HooksDirSetting.add(text, dir, current.dirs());
        if (edit instanceof HooksDirSetting.Edited edited) {
            return new WriteConfig(file, !exists, edited.text(), edited.dirs());
        }
        if (edit instanceof HooksDirSetting.Unchanged unchanged) {
            // The file lists it, but a later file overrides the key.
            return new Refused(file + " lists " + dir + " in hooks_dir, but " + current.setBy().map(Path::toString)
                    .orElse("another file") + " overrides it; add it there");
        }
        HooksDirSetting.Refused refused = (HooksDirSetting.Refused) edit;
        return new Refused("cannot edit " + file + " safely (" + refused.reason() + "); add this line under [engine]"
                + " there by hand: " + refused.line());
    }

    private static HooksStep link(Path link, Path target) throws IOException {
        if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
            return new AlreadyConfigured(link + " already links to " + target);
        }
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !isPolicycLink(link)) {
            return new Refused(link + " exists and is not a link to a policyc bundle; move it away, or add "
                    + target.getParent() + " to hooks_dir under [engine] in a containers.conf drop-in");
        }
        return new LinkHook(link, target);
    }

    /** A link that an earlier install made, to another bundle's policyc.json. */
    private static boolean isPolicycLink(Path link) throws IOException {
        if (!Files.isSymbolicLink(link)) {
            return false;
        }
        Path to = Files.readSymbolicLink(link);
        return to.endsWith(Path.of("hooks.d", "policyc.json"));
    }

    private static boolean isUnder(Path file, Path dir) {
        return file.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize());
    }
}
