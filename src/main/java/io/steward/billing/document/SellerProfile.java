package io.steward.billing.document;

import java.time.LocalDateTime;

/**
 * Who issues invoices: one version of the seller profile (VAT Directive art. 226 (5): the
 * supplier's name, address and VAT number; company registration and bank details as national law
 * and the payment terms ask). Versions are never changed: an edit adds one valid from that moment,
 * and a document shows the version in force when it was issued. Empty strings mean "none".
 *
 * @param country      ISO 3166-1 alpha-2 code of the seller's establishment (the tax country)
 * @param register     the register the company is entered in, e.g. "KvK Amsterdam", "Amtsgericht Berlin HRB"
 * @param peppolId     the seller's Peppol participant identifier, with {@code peppolScheme} (ISO 6523 ICD, e.g. 0106)
 */
public record SellerProfile(long id, LocalDateTime validFrom, String legalName, String address1, String address2,
                            String postcode, String city, String country, String vatNumber, String registrationNumber,
                            String register, String iban, String bic, String bankName, String email, String phone,
                            String peppolId, String peppolScheme) {

}
