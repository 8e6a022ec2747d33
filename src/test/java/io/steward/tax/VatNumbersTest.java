package io.steward.tax;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.core.VatNumbers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EU VAT-number syntax and the built-in {@code syntax} checker. */
class VatNumbersTest {
    private final SyntaxVatChecker checker = new SyntaxVatChecker();

    @Test
    void a_well_formed_number_of_each_sampled_member_state_is_valid_for_its_country() {
        var samples = Map.ofEntries(Map.entry("AT", "ATU12345678"), Map.entry("BE", "BE0123456789"), Map.entry("DE", "DE123456789"),
                Map.entry("ES", "ESX1234567Z"), Map.entry("FR", "FRAB123456789"), Map.entry("GR", "EL123456789"),
                Map.entry("IE", "IE1234567WA"), Map.entry("IT", "IT12345678901"), Map.entry("NL", "NL123456789B01"),
                Map.entry("PL", "PL1234567890"), Map.entry("SE", "SE123456789001"), Map.entry("CY", "CY12345678X"));
        samples.forEach((country, number) -> {
            assertThat(checker.check(country, number)).as(number).isEqualTo(VatNumberChecker.Verdict.VALID);
            assertThat(VatNumbers.validEuSyntax(number)).as(number).isTrue();
        });
    }

    @Test
    void a_number_of_another_country_or_the_wrong_shape_is_invalid() {
        assertThat(checker.check("DE", "NL123456789B01")).isEqualTo(VatNumberChecker.Verdict.INVALID);
        assertThat(checker.check("NL", "NL123456789")).isEqualTo(VatNumberChecker.Verdict.INVALID);
        assertThat(checker.check("AT", "AT12345678")).as("Austria needs the U").isEqualTo(VatNumberChecker.Verdict.INVALID);
        assertThat(checker.check("SE", "SE123456789012")).as("Swedish numbers end in 01").isEqualTo(VatNumberChecker.Verdict.INVALID);
        assertThat(checker.check("CH", "CHE123456789")).as("not an EU country").isEqualTo(VatNumberChecker.Verdict.INVALID);
        assertThat(checker.check("DE", "")).isEqualTo(VatNumberChecker.Verdict.INVALID);
    }

    @Test
    void typed_numbers_are_normalised_and_get_their_countrys_prefix() {
        assertThat(VatNumbers.normalize(" de 123.456-789 ", "DE")).isEqualTo("DE123456789");
        assertThat(VatNumbers.normalize("123456789", "DE")).isEqualTo("DE123456789");
        assertThat(VatNumbers.normalize("B12345678", "ES")).isEqualTo("ESB12345678");
        assertThat(VatNumbers.normalize("GR123456789", "GR")).as("Greece's VAT prefix is EL").isEqualTo("EL123456789");
        assertThat(VatNumbers.normalize("123456789", "US")).as("no prefix outside the EU").isEqualTo("123456789");
        assertThat(checker.check("DE", "de 123 456 789")).isEqualTo(VatNumberChecker.Verdict.VALID);
    }

    @Test
    void an_account_may_keep_an_EU_number_of_valid_syntax_or_another_countrys_tax_id() {
        assertThat(VatNumbers.acceptable("DE123456789")).isTrue();
        assertThat(VatNumbers.acceptable("DE12345")).isFalse();
        assertThat(VatNumbers.acceptable("CHE123456789MWST")).isTrue();
        assertThat(VatNumbers.acceptable("GB1")).as("too short").isFalse();
        assertThat(VatNumbers.acceptable("GB12 3")).isFalse();
    }

    @Test
    void only_member_states_are_in_the_EU() {
        assertThat(VatNumbers.isEu("NL")).isTrue();
        assertThat(VatNumbers.isEu("gr")).isTrue();
        assertThat(VatNumbers.isEu("GB")).isFalse();
        assertThat(VatNumbers.isEu("CH")).isFalse();
        assertThat(VatNumbers.prefix("GR")).contains("EL");
        assertThat(VatNumbers.countryOf("EL123456789")).contains("GR");
        assertThat(VatNumbers.countryOf("GR123456789")).isEmpty();
    }

    @Test
    void the_syntax_checker_is_the_module_found_by_default() {
        var found = java.util.ServiceLoader.load(io.steward.modules.ModuleFactory.class).stream()
                .map(java.util.ServiceLoader.Provider::get).filter(f -> f.kind() == io.steward.modules.ModuleKind.VAT).toList();
        assertThat(found).extracting(f -> f.id()).containsExactly("syntax");
        var checker = io.steward.modules.Modules.create(found.get(0), io.steward.modules.ModuleSettings.none(), VatNumberChecker.class);
        assertThat(checker.check("DE", "DE123456789")).isEqualTo(VatNumberChecker.Verdict.VALID);
        assertThat(checker.check("DE", "FR123456789")).isEqualTo(VatNumberChecker.Verdict.INVALID);
        var modules = io.steward.modules.Modules.of(new io.steward.modules.ModuleContext(null, null, null, io.steward.config.Config.empty(), null),
                found.stream().<io.steward.modules.ModuleFactory<?>>map(f -> f).toList());
        var instances = new io.steward.modules.ModuleInstances(null, null, null, modules);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VatCheckers.configured(io.steward.config.Config.empty()
                        .with("billing.vat-checker", "vies"), instances))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("syntax");
    }
}
