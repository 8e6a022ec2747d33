package io.steward.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The node secret and what is derived from it: AES-256-GCM for secrets at rest (TOTP seeds,
 * signing keys, later service passwords and EPP codes) and HMAC-SHA256 for keyed hashes (the
 * Basic-auth cache key). All nodes of one installation must share the secret ({@code secret.key},
 * base64 of 32 bytes); a single node creates one under its data directory on first start.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "v1:";

    private final SecretKeySpec encKey;
    private final byte[] macKey;

    public Secrets(byte[] master) {
        if (master.length < 32) throw new IllegalArgumentException("secret key must be at least 32 bytes");
        this.encKey = new SecretKeySpec(hmac(master, "steward-encryption"), "AES");
        this.macKey = hmac(master, "steward-mac");
    }

    /** The configured secret, or the one in {@code dataDir/secret.key}, created if missing. */
    public static Secrets load(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) return new Secrets(Base64.getDecoder().decode(configured.trim()));
        Path file = dataDir.resolve("secret.key");
        try {
            if (!Files.exists(file)) {
                PrivateFiles.directory(dataDir);
                byte[] fresh = randomBytes(32);
                PrivateFiles.write(file, (Base64.getEncoder().encodeToString(fresh) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return new Secrets(Base64.getDecoder().decode(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    public String encrypt(String plain) {
        try {
            byte[] iv = randomBytes(12);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, encKey, new GCMParameterSpec(128, iv));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String sealed) {
        if (!sealed.startsWith(PREFIX)) throw new IllegalArgumentException("not a sealed value");
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, encKey, new GCMParameterSpec(128, in, 0, 12));
            return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed: wrong secret key or corrupted value", e);
        }
    }

    /** Keyed hash, hex: the same input gives the same output on every node sharing the secret. */
    public String keyedHash(String value) {
        return HexFormat.of().formatHex(hmac(macKey, value));
    }

    public static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A URL-safe random token of {@code bytes} bytes of entropy. */
    public static String randomToken(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
