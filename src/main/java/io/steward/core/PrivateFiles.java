package io.steward.core;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one file-creation policy of Steward: what it keeps on disk (the data directory, the database
 * files, keys, ticket attachments, sandbox mails) is readable by its own OS user only —
 * directories {@code 0700}, files {@code 0600} — whatever the process umask. Files are created
 * with those modes (never created open and narrowed afterwards), and {@link #tighten} brings an
 * existing tree to them at start-up, for data directories written by older versions and for the
 * files the embedded database creates itself.
 *
 * <p>On a file system without POSIX permissions the modes are left to the platform.
 */
public final class PrivateFiles {
    /** {@code rwx------}. */
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** {@code rw-------}. */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {}

    /** Creates {@code dir} and its missing parents as private directories; an existing one is left as it is. */
    public static Path directory(Path dir) {
        try {
            return POSIX ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY)) : Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + dir, e);
        }
    }

    /** Opens {@code file} for writing (created, or truncated), private to this user. */
    public static OutputStream newOutputStream(Path file) throws IOException {
        var options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        var channel = POSIX ? Files.newByteChannel(file, options, fileMode()) : Files.newByteChannel(file, options);
        // The mode is applied only when the file is created; an older file is narrowed too.
        if (POSIX) Files.setPosixFilePermissions(file, FILE);
        return Channels.newOutputStream(channel);
    }

    /** Writes {@code bytes} to {@code file} (created, or replaced), private to this user. */
    public static void write(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = newOutputStream(file)) {
            out.write(bytes);
        }
    }

    /** Creates a new, empty private file; fails if it exists. */
    public static Path createFile(Path file) throws IOException {
        return POSIX ? Files.createFile(file, fileMode()) : Files.createFile(file);
    }

    /** A new private temporary file in {@code dir}. */
    public static Path createTempFile(Path dir, String prefix, String suffix) throws IOException {
        return POSIX ? Files.createTempFile(dir, prefix, suffix, fileMode()) : Files.createTempFile(dir, prefix, suffix);
    }

    /**
     * Sets every directory under {@code root} (itself included) to {@code 0700} and every file to
     * {@code 0600}; symbolic links are neither followed nor changed. Returns how many entries changed.
     */
    public static int tighten(Path root) {
        if (!POSIX || !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) return 0;
        int[] changed = {0};
        try (var walk = Files.walk(root)) {
            walk.forEach(p -> {
                try {
                    if (Files.isSymbolicLink(p)) return;
                    var wanted = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? DIRECTORY : FILE;
                    if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
                        Files.setPosixFilePermissions(p, wanted);
                        changed[0]++;
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // removed while walking (a temporary file): nothing to protect
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot set the permissions of " + p, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + root, e);
        }
        return changed[0];
    }

    private static FileAttribute<Set<PosixFilePermission>> fileMode() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }
}
