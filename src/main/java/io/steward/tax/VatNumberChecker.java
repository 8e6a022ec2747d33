package io.steward.tax;

import io.steward.modules.ModuleProvider;

/**
 * Decides whether a VAT number is a valid registration in a country: the module seam for EU
 * reverse charge. The built-in {@code syntax} checker knows the formats only; a module that asks
 * the EU's VIES service (not reachable from every installation) can replace it through
 * a {@code ModuleFactory<VatNumberChecker>} of kind {@code vat}. Called only when reverse charge is possible, possibly from
 * several threads at once.
 */
public interface VatNumberChecker extends ModuleProvider {
    enum Verdict {
        VALID,
        INVALID,
        /** The checker could not tell (service unreachable); treated as not valid. */
        UNKNOWN
    }

    /**
     * @param country the client's country (ISO 3166-1 alpha-2, upper case)
     * @param vatNumber the number as stored on the account (normalised, usually with its prefix)
     */
    Verdict check(String country, String vatNumber);
}
