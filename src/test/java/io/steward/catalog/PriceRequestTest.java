package io.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.ErrorCode;
import io.steward.core.Json;
import io.steward.core.StewardException;
import io.steward.web.Params;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading the references' order parameters (cycle, custom, addon, addon_cycles, quantity) into a request. */
class PriceRequestTest {
    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode form(String body) {
        return Params.parse(null, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8)).tree();
    }

    @Test
    void reads_the_references_json_example() {
        var r = PriceRequest.fromParams(333, json("""
                {"domain": "example.com", "cycle": "m", "pay_method": "1", "custom": {"1618": {"10330": 1}},
                 "promocode": "T346F", "aff_id": 55}"""), "USD");
        assertThat(r.productId()).isEqualTo(333);
        assertThat(r.cycle()).isEqualTo("m");
        assertThat(r.currency()).isEqualTo("USD");
        assertThat(r.quantity()).isEqualTo(1);
        assertThat(r.options().get(1618L).items()).containsEntry(10330L, "1");
        assertThat(r.addons()).isEmpty();
    }

    @Test
    void reads_bracket_notation_form_bodies_with_addons_and_their_cycles() {
        var r = PriceRequest.fromParams(5, form("cycle=a&custom[7][70]=1&custom[8]=4&addon[31]=1&addon[32]=0&addon_cycles[31]=q&quantity=2"), "EUR");
        assertThat(r.options().get(7L).items()).containsEntry(70L, "1");
        assertThat(r.options().get(8L).direct()).isEqualTo("4");
        assertThat(r.addons()).containsOnlyKeys(31L);
        assertThat(r.addons().get(31L)).isEqualTo("q");
        assertThat(r.quantity()).isEqualTo(2);
    }

    @Test
    void reads_a_list_of_addon_ids_and_a_list_of_chosen_items() {
        var r = PriceRequest.fromParams(5, json("{\"addon\": [31, \"32\"], \"custom\": {\"7\": [70]}}"), "USD");
        assertThat(r.addons()).containsOnlyKeys(31L, 32L);
        assertThat(r.addons().get(32L)).isNull();
        assertThat(r.options().get(7L).items()).containsOnlyKeys(70L);
    }

    @Test
    void ids_that_are_not_numbers_and_a_non_numeric_quantity_are_422_naming_the_parameter() {
        var e = catchThrowableOfType(StewardException.class, () -> PriceRequest.fromParams(5,
                json("{\"custom\": {\"os\": {\"1\": 1}, \"7\": {\"x\": 1}}, \"addon\": {\"cpanel\": 1}, \"quantity\": \"two\"}"), "USD"));
        assertThat(e.code()).isEqualTo(ErrorCode.UNPROCESSABLE);
        assertThat(e.fields()).containsOnlyKeys("custom[os]", "custom[7][x]", "addon[cpanel]", "quantity");
    }

    @Test
    void truthy_values_are_the_checkbox_spellings_clients_send() {
        for (String on : new String[] {"1", "true", "on", "yes", "checked", "2", "TRUE"}) assertThat(PriceRequest.truthy(on)).as(on).isTrue();
        for (String off : new String[] {"0", "", "false", "off", "no", "0.0", "maybe"}) assertThat(PriceRequest.truthy(off)).as(off).isFalse();
        assertThat(PriceRequest.truthy(null)).isFalse();
    }
}
