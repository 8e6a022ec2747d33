package io.steward.auth;

import io.steward.core.Secrets;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords, RFC 6238 (TOTP) over RFC 4226 (HOTP): HMAC-SHA1, 30-second
 * steps, 6 digits, the interoperable defaults every authenticator app uses. Pure functions.
 */
public final class Totp {
    private static final int STEP_SECONDS = 30;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {}

    /** A new 160-bit secret in base32 (RFC 4648, no padding), as authenticator apps expect. */
    public static String newSecret() {
        return base32(Secrets.randomBytes(20));
    }

    /** The code for the step containing {@code at}. */
    public static String code(String base32Secret, Instant at) {
        return hotp(base32Decode(base32Secret), at.getEpochSecond() / STEP_SECONDS);
    }

    /** Accepts the current step and one step either side, for clock drift. */
    public static boolean verify(String base32Secret, String code, Instant at) {
        return matchingStep(base32Secret, code, at).isPresent();
    }

    /** The time step whose code {@code code} is (current step or one either side), if any. */
    public static java.util.OptionalLong matchingStep(String base32Secret, String code, Instant at) {
        if (code == null || !code.matches("\\d{6}")) return java.util.OptionalLong.empty();
        byte[] key = base32Decode(base32Secret);
        long step = at.getEpochSecond() / STEP_SECONDS;
        for (long s = step - 1; s <= step + 1; s++) {
            if (java.security.MessageDigest.isEqual(hotp(key, s).getBytes(), code.getBytes())) return java.util.OptionalLong.of(s);
        }
        return java.util.OptionalLong.empty();
    }

    /** The otpauth URI (Google Authenticator key-URI format) an app can scan. */
    public static String uri(String issuer, String account, String base32Secret) {
        String label = enc(issuer) + ":" + enc(account);
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + enc(issuer) + "&algorithm=SHA1&digits=6&period=30";
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** RFC 4226 section 5.3: dynamic truncation of HMAC-SHA1(counter). */
    static String hotp(byte[] key, long counter) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int off = h[h.length - 1] & 0x0f;
            int bin = ((h[off] & 0x7f) << 24) | ((h[off + 1] & 0xff) << 16) | ((h[off + 2] & 0xff) << 8) | (h[off + 3] & 0xff);
            return String.format("%06d", bin % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base32(byte[] data) {
        var sb = new StringBuilder();
        int buffer = 0, bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) sb.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        return sb.toString();
    }

    static byte[] base32Decode(String s) {
        String clean = s.replace("=", "").replace(" ", "").toUpperCase();
        var out = new java.io.ByteArrayOutputStream();
        int buffer = 0, bits = 0;
        for (char c : clean.toCharArray()) {
            int v = BASE32.indexOf(c);
            if (v < 0) throw new IllegalArgumentException("not base32");
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
