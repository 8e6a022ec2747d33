package io.steward.api;

import static io.steward.core.Json.obj;

import io.steward.account.Client;
import io.steward.account.Contact;
import io.steward.account.Profile;
import io.steward.account.ProfileInput;
import io.steward.auth.Credentials;
import io.steward.core.Times;
import io.steward.web.Params;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The client API's JSON shapes for accounts and contacts, and parsing of profile parameters. */
final class Shapes {
    private Shapes() {}

    static Map<String, Object> client(Client c, boolean totp) {
        Profile p = c.profile();
        var m = obj("id", Long.toString(c.id()), "email", p.email(), "lastlogin", Times.stamp(c.lastloginAt()),
                "ip", nz(c.lastloginIp()), "host", nz(c.lastloginHost()));
        profileFields(p, m);
        m.put("authy", totp ? List.of("Yes") : List.of());
        m.put("status", c.status());
        // Beyond the reference: the VAT number clients may set with PUT /details.
        m.put("vat_number", c.billing().vatNumber());
        // HostBill's client details field: the language invoices and mails are written in.
        m.put("language", c.billing().language());
        return m;
    }

    static Map<String, Object> contactSummary(Contact c) {
        Profile p = c.profile();
        return obj("email", p.email(), "id", Long.toString(c.id()), "firstname", p.firstname(), "lastname", p.lastname(),
                "companyname", p.companyname(), "company", p.type().equals("Company") ? "1" : "0",
                "lastlogin", Times.stamp(c.lastloginAt()));
    }

    static Map<String, Object> contact(Contact c, boolean hasLogin, boolean totp) {
        Profile p = c.profile();
        var m = obj("id", Long.toString(c.id()), "email", p.email());
        profileFields(p, m);
        m.put("privileges", c.privileges().toJson());
        m.put("lastlogin", Times.stamp(c.lastloginAt()));
        m.put("login", hasLogin ? "1" : "0");
        m.put("authy", totp ? List.of("Yes") : List.of());
        return m;
    }

    private static void profileFields(Profile p, Map<String, Object> m) {
        m.put("firstname", p.firstname());
        m.put("lastname", p.lastname());
        m.put("companyname", p.companyname());
        m.put("address1", p.address1());
        m.put("address2", p.address2());
        m.put("city", p.city());
        m.put("state", p.state());
        m.put("postcode", p.postcode());
        m.put("country", p.country());
        m.put("phonenumber", p.phonenumber());
        m.put("type", p.type());
        m.put("mobilephone", p.mobilephone());
        m.put("ripetech", p.ripetech() ? List.of("checked") : List.of());
        m.put("ripeadmin", p.ripeadmin() ? List.of("checked") : List.of());
        m.put("ripeperson", p.ripeperson());
        m.put("riperole", p.riperole());
    }

    static void totp(Optional<Credentials.TotpSetup> setup, Map<String, Object> m) {
        setup.ifPresent(t -> m.put("authy_setup", obj("secret", t.secret(), "uri", t.uri())));
    }

    /** Profile fields from any of the three parameter encodings; absent fields stay null. */
    static ProfileInput profileInput(Params p) {
        return new ProfileInput(s(p, "email"), s(p, "firstname"), s(p, "lastname"), s(p, "companyname"),
                s(p, "address1"), s(p, "address2"), s(p, "city"), s(p, "state"), s(p, "postcode"), s(p, "country"),
                s(p, "phonenumber"), s(p, "type"), s(p, "mobilephone"), flag(p, "ripetech", "checked"),
                flag(p, "ripeadmin", "checked"), s(p, "ripeperson"), s(p, "riperole"));
    }

    /**
     * The references' {@code string[]} flags ({@code ripetech: ["checked"]}, {@code authy: ["Yes"]}):
     * on when the value is present, off when the parameter is given empty, null when absent.
     */
    static Boolean flag(Params p, String name, String onValue) {
        return p.list(name).map(values -> values.stream().anyMatch(v -> v.equalsIgnoreCase(onValue)
                || v.equals("1") || v.equalsIgnoreCase("true"))).orElse(null);
    }

    private static String s(Params p, String name) {
        return p.string(name).orElse(null);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
