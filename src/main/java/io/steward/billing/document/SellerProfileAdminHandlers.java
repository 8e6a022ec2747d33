package io.steward.billing.document;

import static io.steward.core.Json.obj;

import io.steward.auth.AdminKeys;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import java.util.Map;

/** Staff endpoints for the seller profile: {@code /admin/api/seller-profile}. Routes are in {@code admin.AdminApi}. */
public final class SellerProfileAdminHandlers {
    private final SellerProfiles sellers;

    public SellerProfileAdminHandlers(SellerProfiles sellers) {
        this.sellers = sellers;
    }

    /** {@code GET /seller-profile}: the version in force now. */
    public Object get(Call call) {
        return obj("seller_profile", shape(sellers.current()));
    }

    /** {@code GET /seller-profile/history}: every version, newest first. */
    public Object history(Call call) {
        return obj("seller_profiles", sellers.history().stream().map(SellerProfileAdminHandlers::shape).toList());
    }

    /** {@code PUT /seller-profile}: fields given change, the others stay; a new version valid from now. */
    public Object update(Call call) {
        Params p = call.params();
        var input = new SellerProfileInput(s(p, "legal_name"), s(p, "address1"), s(p, "address2"), s(p, "postcode"), s(p, "city"),
                s(p, "country"), s(p, "vat_number"), s(p, "registration_number"), s(p, "register"), s(p, "iban"), s(p, "bic"),
                s(p, "bank_name"), s(p, "email"), s(p, "phone"), s(p, "peppol_id"), s(p, "peppol_scheme"));
        return obj("seller_profile", shape(sellers.update(input, "staff:" + call.get(AdminKeys.Staff.class).name())));
    }

    private static String s(Params p, String name) {
        return p.string(name).orElse(null);
    }

    static Map<String, Object> shape(SellerProfile s) {
        return obj("id", s.id(), "valid_from", Times.stamp(s.validFrom()), "legal_name", s.legalName(), "address1", s.address1(),
                "address2", s.address2(), "postcode", s.postcode(), "city", s.city(), "country", s.country(),
                "vat_number", s.vatNumber(), "registration_number", s.registrationNumber(), "register", s.register(),
                "iban", s.iban(), "bic", s.bic(), "bank_name", s.bankName(), "email", s.email(), "phone", s.phone(),
                "peppol_id", s.peppolId(), "peppol_scheme", s.peppolScheme());
    }
}
