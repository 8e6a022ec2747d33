package io.steward.admin;

import static io.steward.core.Json.obj;

import io.steward.account.AccountService;
import io.steward.account.BillingInput;
import io.steward.account.Client;
import io.steward.account.ClientAdminService;
import io.steward.account.Profile;
import io.steward.account.ProfileInput;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.util.Map;

/** Staff handlers for {@code /admin/api/clients...}. */
final class ClientHandlers {
    private final ClientAdminService admin;
    private final AccountService accounts;

    ClientHandlers(ClientAdminService admin, AccountService accounts) {
        this.admin = admin;
        this.accounts = accounts;
    }

    Object list(Call call) {
        var p = call.params();
        int page = p.intValue("page", 1, 1, 1_000_000);
        int perPage = p.intValue("perpage", 50, 1, 500);
        var result = admin.search(p.string("q").orElse(null), p.string("status").filter(s -> !s.isEmpty()).orElse(null), page, perPage);
        return obj("clients", result.clients().stream().map(this::shape).toList(),
                "total", result.total(), "page", result.page(), "perpage", result.perPage());
    }

    Object create(Call call) {
        var p = call.params();
        Client c = admin.create(input(p), billing(p), p.string("password").orElse(null), p.string("status").orElse(null), p.string("notes").orElse(null));
        return Reply.json(201, obj("client", shape(c)));
    }

    Object get(Call call) {
        return obj("client", shape(admin.get(call.pathId("id"))));
    }

    Object update(Call call) {
        var p = call.params();
        return obj("client", shape(admin.update(call.pathId("id"), input(p), billing(p), p.string("notes").orElse(null))));
    }

    Object setStatus(Call call) {
        return obj("client", shape(admin.setStatus(call.pathId("id"), call.params().required("status"))));
    }

    Object resetPassword(Call call) {
        String given = call.params().string("password").filter(s -> !s.isEmpty()).orElse(null);
        String pw = admin.resetPassword(call.pathId("id"), given);
        // A generated password is shown once; a password the caller chose is not echoed back.
        return given == null ? obj("password", pw, "sessions_revoked", true) : obj("sessions_revoked", true);
    }

    Object delete(Call call) {
        admin.delete(call.pathId("id"));
        return obj("deleted", true);
    }

    Object logs(Call call) {
        long id = admin.get(call.pathId("id")).id();
        int page = call.params().intValue("page", 1, 1, 1_000_000);
        int perPage = call.params().intValue("perpage", 50, 1, 500);
        var result = accounts.logs(id, page, perPage);
        return obj("logs", result.entries().stream().map(e -> obj("id", e.id(), "date", Times.stamp(e.at()), "ip", e.ip(),
                "contact_id", e.contactId(), "action", e.action(), "description", e.description())).toList(),
                "total", result.total(), "page", page, "perpage", perPage);
    }

    private Map<String, Object> shape(Client c) {
        Profile p = c.profile();
        return obj("id", c.id(), "email", p.email(), "firstname", p.firstname(), "lastname", p.lastname(),
                "companyname", p.companyname(), "address1", p.address1(), "address2", p.address2(), "city", p.city(),
                "state", p.state(), "postcode", p.postcode(), "country", p.country(), "phonenumber", p.phonenumber(),
                "type", p.type(), "mobilephone", p.mobilephone(), "ripetech", p.ripetech(), "ripeadmin", p.ripeadmin(),
                "ripeperson", p.ripeperson(), "riperole", p.riperole(), "status", c.status(), "notes", c.notes(),
                "totp_enabled", accounts.totpEnabled(c.id(), null),
                "currency", c.billing().currency(), "tax_exempt", c.billing().taxExempt(), "vat_number", c.billing().vatNumber(),
                "language", c.billing().language(),
                "created_at", Times.stamp(c.createdAt()), "updated_at", Times.stamp(c.updatedAt()),
                "lastlogin_at", c.lastloginAt() == null ? null : Times.stamp(c.lastloginAt()), "lastlogin_ip", c.lastloginIp());
    }

    private static ProfileInput input(Params p) {
        return new ProfileInput(s(p, "email"), s(p, "firstname"), s(p, "lastname"), s(p, "companyname"),
                s(p, "address1"), s(p, "address2"), s(p, "city"), s(p, "state"), s(p, "postcode"), s(p, "country"),
                s(p, "phonenumber"), s(p, "type"), s(p, "mobilephone"), bool(p, "ripetech"), bool(p, "ripeadmin"),
                s(p, "ripeperson"), s(p, "riperole"));
    }

    private static BillingInput billing(Params p) {
        return new BillingInput(s(p, "currency"), bool(p, "tax_exempt"), s(p, "vat_number"), s(p, "language"));
    }

    private static String s(Params p, String name) {
        return p.string(name).orElse(null);
    }

    private static Boolean bool(Params p, String name) {
        return p.optionalFlag(name).orElse(null);
    }
}
