package dev.policyc.core.backend;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file a backend produces, as text. The caller decides where it goes; the path only places it
 * relative to the output directory, so it may never climb out of it.
 *
 * @param path       relative, {@code /}-separated, without {@code .} or {@code ..} segments
 *                   ({@code webapp.nft}, {@code hooks/webapp.json})
 * @param content    the whole file
 * @param executable true when the file should be written with the execute permission
 */
public record Artifact(String path, String content, boolean executable) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    public Artifact {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (!isSafeRelativePath(path)) {
            throw new IllegalArgumentException("not a safe relative artifact path: '" + path + "'");
        }
    }

    /** A plain, non-executable text file. */
    public static Artifact file(String path, String content) {
        return new Artifact(path, content, false);
    }

    /** True for paths made of plain names joined by {@code /}: nothing absolute, hidden or climbing. */
    public static boolean isSafeRelativePath(String path) {
        if (path.isEmpty()) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }
}
