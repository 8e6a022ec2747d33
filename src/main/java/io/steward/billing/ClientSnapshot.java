package io.steward.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The client's details an invoice keeps as they were at issue (what the invoice was addressed
 * to), stored as JSON with the invoice. {@code vatNumber} is empty when unknown.
 */
public record ClientSnapshot(long id, String email, String firstname, String lastname, String companyname,
                             String address1, String address2, String city, String state, String postcode,
                             String country, String phonenumber, String vatNumber) {

    /**
     * The JSON stored with an invoice: the same text Jackson writes for this record (components in
     * order, strings escaped as Jackson escapes them), written by hand because the billing run
     * writes one per invoice and the generic serializer cost a quarter of preparing a batch.
     */
    String json() {
        var out = new StringBuilder(256);
        out.append("{\"id\":").append(id);
        String[] values = {email, firstname, lastname, companyname, address1, address2, city, state, postcode, country, phonenumber,
                vatNumber};
        for (int i = 0; i < values.length; i++) field(out, FIELDS[i], values[i]);
        return out.append('}').toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // Jackson escapes control characters, and each half of a surrogate pair, as \\uXXXX.
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The string components, in order (after {@code id}). */
    private static final String[] FIELDS = {"email", "firstname", "lastname", "companyname", "address1", "address2", "city", "state",
            "postcode", "country", "phonenumber", "vatNumber"};

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Reads the stored JSON back; a field missing from an older snapshot reads as empty. */
    public static ClientSnapshot parse(String json) {
        JsonNode s;
        try {
            s = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClientSnapshot(s.path("id").asLong(), s.path("email").asText(""), s.path("firstname").asText(""),
                s.path("lastname").asText(""), s.path("companyname").asText(""), s.path("address1").asText(""),
                s.path("address2").asText(""), s.path("city").asText(""), s.path("state").asText(""), s.path("postcode").asText(""),
                s.path("country").asText(""), s.path("phonenumber").asText(""), s.path("vatNumber").asText(""));
    }
}
