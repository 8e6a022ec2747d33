package io.steward.support;

import io.steward.core.ErrorCode;
import io.steward.core.PrivateFiles;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.web.Upload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ticket attachments on disk, under the data directory ({@code support.attachments.dir}, default
 * {@code <data>/attachments}), each file named by a random key in a two-character fan-out
 * directory. The database row (ticket feature) says whose it is; this class checks uploads
 * (size, count, type by extension), sanitises names and reads and writes the bytes.
 *
 * <p>The content type served is derived from the sanitised name's extension, from a fixed table,
 * never from what the uploader declared, so an upload cannot make itself HTML or script.
 */
public final class AttachmentStore {
    /** Extensions Steward knows how to serve, with the content type each is served as. */
    static final Map<String, String> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("png", "image/png");
        TYPES.put("jpg", "image/jpeg");
        TYPES.put("jpeg", "image/jpeg");
        TYPES.put("gif", "image/gif");
        TYPES.put("webp", "image/webp");
        TYPES.put("pdf", "application/pdf");
        TYPES.put("txt", "text/plain; charset=utf-8");
        TYPES.put("log", "text/plain; charset=utf-8");
        TYPES.put("csv", "text/csv; charset=utf-8");
        TYPES.put("zip", "application/zip");
        TYPES.put("gz", "application/gzip");
        TYPES.put("eml", "message/rfc822");
    }

    /** A file written to the store. */
    public record Stored(String key, String filename, String contentType, long size, String sha256) {}

    private final Path dir;
    private final long maxBytes;
    private final int maxFiles;
    private final Set<String> allowed;

    public AttachmentStore(Path dir, long maxBytes, int maxFiles, Set<String> allowed) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
        for (String ext : allowed) {
            if (!TYPES.containsKey(ext)) throw new IllegalArgumentException("support.attachments.types: unknown type " + ext + " (known: " + TYPES.keySet() + ")");
        }
        this.allowed = Set.copyOf(allowed);
    }

    public long maxBytes() { return maxBytes; }

    public int maxFiles() { return maxFiles; }

    public Set<String> allowedTypes() { return allowed; }

    /**
     * Checks a message's uploads before anything is written: too many files or a file over the limit
     * is 413, an empty file, or a type not allowed, 422 naming {@code attachments}.
     */
    public void check(List<Upload> uploads) {
        if (uploads.size() > maxFiles) {
            throw new StewardException(ErrorCode.PAYLOAD_TOO_LARGE, "At most " + maxFiles + " attachments per message");
        }
        for (Upload u : uploads) {
            if (u.size() > maxBytes) {
                throw new StewardException(ErrorCode.PAYLOAD_TOO_LARGE, "Attachment " + sanitise(u.filename()) + " is larger than " + maxBytes + " bytes");
            }
            String name = sanitise(u.filename());
            if (u.size() == 0) throw rejected("Attachment " + name + " is empty");
            if (!allowed.contains(extension(name))) {
                throw rejected("Attachment " + name + " is not of an allowed type (" + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static StewardException rejected(String message) {
        return new StewardException(ErrorCode.UNPROCESSABLE, List.of(message), Map.of("attachments", List.of(message)));
    }

    /** Writes a checked upload; the file is in place before its row is, so a row never names a missing file. */
    public Stored write(Upload u) {
        String name = sanitise(u.filename());
        String key = Secrets.randomToken(18);
        Path target = path(key);
        try {
            PrivateFiles.directory(target.getParent());
            Path tmp = PrivateFiles.createTempFile(target.getParent(), key, ".part");
            Files.write(tmp, u.bytes());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write attachment " + key, e);
        }
        return new Stored(key, name, TYPES.get(extension(name)), u.size(), sha256(u.bytes()));
    }

    /** The bytes of a stored file, or empty when the file is gone (a store restored without it). */
    public Optional<byte[]> read(String key) {
        if (!key.matches("[A-Za-z0-9_-]{8,64}")) return Optional.empty();
        try {
            return Optional.of(Files.readAllBytes(path(key)));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read attachment " + key, e);
        }
    }

    private Path path(String key) {
        return dir.resolve(key.substring(0, 2)).resolve(key);
    }

    /**
     * A file name safe to store and to put in a header: the last path segment, letters, digits,
     * dot, dash and underscore only (others become {@code _}), no leading dots, at most 100
     * characters keeping the extension; "attachment" when nothing is left.
     */
    static String sanitise(String raw) {
        String s = raw == null ? "" : raw;
        s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
        s = s.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("_+", "_");
        while (s.startsWith(".")) s = s.substring(1);
        if (s.length() > 100) {
            int dot = s.lastIndexOf('.');
            String ext = dot > 0 && s.length() - dot <= 10 ? s.substring(dot) : "";
            s = s.substring(0, 100 - ext.length()) + ext;
        }
        return s.isEmpty() || s.equals("_") ? "attachment" : s;
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
