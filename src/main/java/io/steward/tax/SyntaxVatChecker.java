package io.steward.tax;

import io.steward.core.VatNumbers;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;

/**
 * The built-in checker: a number is valid when it is an EU VAT number of the client's country
 * with that member state's syntax. It cannot know whether the number is registered; installations
 * that can reach VIES plug in a module that asks it.
 */
public final class SyntaxVatChecker implements VatNumberChecker {
    @Override
    public Verdict check(String country, String vatNumber) {
        String n = VatNumbers.normalize(vatNumber, country);
        boolean ours = VatNumbers.countryOf(n).map(c -> c.equalsIgnoreCase(country)).orElse(false);
        return ours && VatNumbers.validEuSyntax(n) ? Verdict.VALID : Verdict.INVALID;
    }

    /** Its factory, registered with ServiceLoader under the id {@code syntax}. */
    public static final class Factory implements ModuleFactory<VatNumberChecker> {
        @Override public String id() { return "syntax"; }

        @Override public ModuleKind kind() { return ModuleKind.VAT; }

        @Override public String label() { return "Built-in: EU VAT number syntax of the client's country"; }

        @Override public VatNumberChecker create(ModuleSettings settings) { return new SyntaxVatChecker(); }
    }
}
