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
