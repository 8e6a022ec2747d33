package io.steward.upgrade;

import static io.steward.upgrade.UpgradeFixtures.addCredit;
import static io.steward.upgrade.UpgradeFixtures.admin;
import static io.steward.upgrade.UpgradeFixtures.credit;
import static io.steward.upgrade.UpgradeFixtures.days;
import static io.steward.upgrade.UpgradeFixtures.firstOfMonthAfter;
import static io.steward.upgrade.UpgradeFixtures.invoice;
import static io.steward.upgrade.UpgradeFixtures.moveTo;
import static io.steward.upgrade.UpgradeFixtures.productId;
import static io.steward.upgrade.UpgradeFixtures.quote;
import static io.steward.upgrade.UpgradeFixtures.runJobs;
import static io.steward.upgrade.UpgradeFixtures.service;
import static io.steward.upgrade.UpgradeFixtures.today;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET|POST /api/service/@id/upgrade}: options, prorated quotes, the upgrade invoice, applying on payment, downgrades. */
class UpgradeApiTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = UpgradeFixtures.server(); }

    @AfterAll
    static void stop() { server.close(); }

    /** (after − before) × days left ÷ days in period, rounded once, half up, to cents. */
    private static BigDecimal prorated(String difference, long left, long inPeriod) {
        return new BigDecimal(difference).multiply(BigDecimal.valueOf(left)).divide(BigDecimal.valueOf(inPeriod), 2, RoundingMode.HALF_UP);
    }

    @Test
    void an_ordered_service_lists_its_chosen_option_and_its_upgrade_paths_priced_for_its_cycle() {
        var client = AccountFixtures.client(server);
        addCredit(server, client.id(), "50.00");
        JsonNode starter = UpgradeFixtures.product(server, "Starter Hosting");
        JsonNode disk = starter.get("forms").get(0);
        String twoGb = disk.get("items").get(2).get("id").asText();
        var order = server.http().post("/api/order/" + starter.get("id").asLong(), client.auth(),
                Body.form("cycle", "m", "domain", "ordered.example", "custom[" + disk.get("id").asText() + "]", twoGb));
        assertThat(order.status()).as(order.toString()).isEqualTo(200);
        long serviceId = order.json().at("/items/id").asLong();
        server.http().post("/api/invoice/" + order.json().get("invoice_id").asText() + "/credit", client.auth(), Body.NONE);
        runJobs(server);

        var res = server.http().get("/api/service/" + serviceId + "/upgrade", client.auth());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode resource = res.json().get("resources").get(0);
        assertThat(resource.get("id").asLong()).isEqualTo(disk.get("id").asLong());
        assertThat(resource.get("type").asText()).isEqualTo("select");
        var selected = new ArrayList<String>();
        resource.get("items").forEach(i -> { if (i.get("selected").asBoolean()) selected.add(i.get("name").asText()); });
        assertThat(selected).containsExactly("2GB");
        assertThat(resource.get("items").get(2).get("price").decimalValue()).isEqualByComparingTo("2.00");
        var packages = res.json().get("package");
        assertThat(packages).hasSize(2);
        assertThat(packages.get(0).get("name").asText()).isEqualTo("Business Hosting");
        assertThat(packages.get(0).get("price").decimalValue()).isEqualByComparingTo("19.99");
        assertThat(packages.get(0).get("setup_price").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(packages.get(1).get("price").decimalValue()).isEqualByComparingTo("34.99");

        // A whole period left: Business costs 10.00 more than Starter, and the 2GB disk (2.00) goes.
        var q = quote(server, client.auth(), serviceId, Map.of("package", packages.get(0).get("id").asText()));
        assertThat(q.status()).as(q.toString()).isEqualTo(200);
        JsonNode u = q.json().get("upgrade");
        assertThat(u.get("status").asText()).isEqualTo("Quote");
        assertThat(u.get("days_left").asInt()).isEqualTo(u.get("days_in_period").asInt());
        assertThat(u.get("total").decimalValue()).isEqualByComparingTo("8.00");
        assertThat(u.get("recurring").decimalValue()).isEqualByComparingTo("19.99");
    }

    @Test
    void a_vps_changes_sliders_and_quantities_by_number_and_keeps_its_options_by_name_on_the_bigger_plan() {
        var client = AccountFixtures.client(server);
        addCredit(server, client.id(), "100.00");
        JsonNode vps = UpgradeFixtures.product(server, "Cloud VPS S");
        JsonNode forms = vps.get("forms");
        String os = forms.get(0).get("id").asText();
        String ram = forms.get(1).get("id").asText();
        String ips = forms.get(2).get("id").asText();
        String windows = forms.get(0).get("items").get(3).get("id").asText();
        var order = server.http().post("/api/order/" + vps.get("id").asLong(), client.auth(),
                Body.form("cycle", "m", "domain", "vps.example", "custom[" + os + "]", windows, "custom[" + ram + "]", "2"));
        assertThat(order.status()).as(order.toString()).isEqualTo(200);
        long id = order.json().at("/items/id").asLong();
        server.http().post("/api/invoice/" + order.json().get("invoice_id").asText() + "/credit", client.auth(), Body.NONE);
        runJobs(server);
        assertThat(admin(server, id).get("recurring_amount").asText()).isEqualTo("31.00"); // 12.00 + Windows 15.00 + 2 GB × 2.00

        var listed = server.http().get("/api/service/" + id + "/upgrade", client.auth());
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        JsonNode resources = listed.json().get("resources");
        assertThat(resources).extracting(r -> r.get("type").asText()).containsExactly("select", "slider", "quantity", "checkbox");
        assertThat(resources.get(1).get("value").asInt()).isEqualTo(2);
        assertThat(resources.get(1).get("max").asInt()).isEqualTo(16);
        assertThat(resources.get(2).get("value").asInt()).isZero();
        assertThat(resources.get(3).at("/items/0/selected").asBoolean()).isFalse();

        // 2 more GB of RAM (2.00 each) and 2 addresses (3.00 each, 1.00 setup each), a whole period left.
        JsonNode more = quote(server, client.auth(), id, Map.of("resources", Map.of(ram, 4, ips, "2"))).json().get("upgrade");
        assertThat(more.get("total").decimalValue()).isEqualByComparingTo("12.00");
        assertThat(more.get("recurring").decimalValue()).isEqualByComparingTo("41.00");
        assertThat(more.get("items")).hasSize(3);

        // Cloud VPS M: 12.00 more; Windows and the 2 GB carry over to its options of the same names.
        String m = Long.toString(productId(server, "Cloud VPS M"));
        JsonNode bigger = quote(server, client.auth(), id, Map.of("package", m)).json().get("upgrade");
        assertThat(bigger.get("total").decimalValue()).isEqualByComparingTo("12.00");
        assertThat(bigger.get("recurring").decimalValue()).isEqualByComparingTo("43.00");
        var applied = quote(server, client.auth(), id, Map.of("package", m, "resources", Map.of(), "send", true)).json().get("upgrade");
        server.http().post("/api/invoice/" + applied.get("invoice_id").asText() + "/credit", client.auth(), Body.NONE);
        JsonNode after = server.http().get("/api/service/" + id + "/upgrade", client.auth()).json().get("resources");
        JsonNode mForms = UpgradeFixtures.product(server, "Cloud VPS M").get("forms");
        assertThat(after.get(0).get("id").asLong()).isEqualTo(mForms.get(0).get("id").asLong());
        var chosen = new ArrayList<String>();
        after.get(0).get("items").forEach(i -> { if (i.get("selected").asBoolean()) chosen.add(i.get("name").asText()); });
        assertThat(chosen).containsExactly("Windows Server 2022");
        assertThat(after.get(1).get("value").asInt()).isEqualTo(2);
        assertThat(admin(server, id).get("recurring_amount").asText()).isEqualTo("43.00");
    }

    @Test
    void monthly_proration_charges_the_difference_for_the_days_left_at_the_start_middle_and_end_of_the_period() {
        var client = AccountFixtures.client(server);
        LocalDate due = firstOfMonthAfter(server, 1).plusMonths(1);
        long id = service(server, client.id(), "Starter Hosting", "m", "9.99", due);
        String business = Long.toString(productId(server, "Business Hosting"));
        LocalDate start = due.minusMonths(1);
        long inPeriod = days(start, due);
        for (LocalDate day : List.of(start, start.plusDays(10), due.minusDays(1))) {
            moveTo(server, day);
            JsonNode u = quote(server, client.auth(), id, Map.of("package", business)).json().get("upgrade");
            long left = days(day, due);
            assertThat(u.get("days_left").asLong()).as("on %s", day).isEqualTo(left);
            assertThat(u.get("days_in_period").asLong()).isEqualTo(inPeriod);
            assertThat(u.get("period_start").asText()).isEqualTo(start.toString());
            assertThat(u.get("period_end").asText()).isEqualTo(due.minusDays(1).toString());
            assertThat(u.get("total").decimalValue()).as("on %s", day).isEqualByComparingTo(prorated("10.00", left, inPeriod));
            assertThat(u.get("items")).hasSize(1);
        }
        assertThat(admin(server, id).get("product_id").asLong()).as("a quote changes nothing").isEqualTo(productId(server, "Starter Hosting"));
    }

    @Test
    void annual_proration_uses_the_days_of_the_year_long_period() {
        var client = AccountFixtures.client(server);
        LocalDate due = firstOfMonthAfter(server, 1).plusYears(1);
        long id = service(server, client.id(), "Starter Hosting", "a", "109.89", due);
        LocalDate start = due.minusYears(1);
        LocalDate day = today(server).plusDays(3);
        moveTo(server, day);
        JsonNode u = quote(server, client.auth(), id, Map.of("package", Long.toString(productId(server, "Pro Hosting")))).json().get("upgrade");
        long left = days(day, due);
        long inPeriod = days(start, due);
        assertThat(inPeriod).isBetween(365L, 366L);
        assertThat(u.get("days_left").asLong()).isEqualTo(left);
        assertThat(u.get("billingcycle").asText()).isEqualTo("Annually");
        // Pro 377.88 a year against Starter's 109.89.
        assertThat(u.get("total").decimalValue()).isEqualByComparingTo(prorated("267.99", left, inPeriod));
        assertThat(u.get("recurring").decimalValue()).isEqualByComparingTo("377.88");
    }

    @Test
    void the_invoice_equals_the_quote_and_paying_it_applies_the_change_tells_the_module_and_renewals_bill_the_new_price() {
        var client = AccountFixtures.client(server);
        LocalDate due = firstOfMonthAfter(server, 20);
        long id = service(server, client.id(), "Starter Hosting", "m", "9.99", due);
        long business = productId(server, "Business Hosting");
        moveTo(server, due.minusDays(13));
        var body = Map.<String, Object>of("package", Long.toString(business));
        JsonNode q = quote(server, client.auth(), id, body).json().get("upgrade");

        var sent = quote(server, client.auth(), id, Map.of("package", Long.toString(business), "send", true));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.json().get("info").get(0).asText()).isEqualTo("upgrade_invoiced");
        JsonNode u = sent.json().get("upgrade");
        assertThat(u.get("status").asText()).isEqualTo("Pending");
        assertThat(u.get("total").decimalValue()).isEqualByComparingTo(q.get("total").decimalValue());
        JsonNode inv = invoice(server, client.auth(), u.get("invoice_id").asLong());
        assertThat(inv.get("status").asText()).isEqualTo("Unpaid");
        assertThat(inv.get("total").decimalValue()).isEqualByComparingTo(q.get("total").decimalValue());
        assertThat(inv.get("subtotal").decimalValue()).isEqualByComparingTo(q.get("subtotal").decimalValue());
        assertThat(inv.get("items")).hasSize(q.get("items").size());
        for (int i = 0; i < q.get("items").size(); i++) {
            assertThat(inv.get("items").get(i).get("description").asText()).isEqualTo(q.get("items").get(i).get("name").asText());
            assertThat(new BigDecimal(inv.get("items").get(i).get("linetotal").asText()))
                    .isEqualByComparingTo(q.get("items").get(i).get("amount").decimalValue());
        }

        // Nothing changes before payment, and a second request waits for the first.
        assertThat(admin(server, id).get("recurring_amount").asText()).isEqualTo("9.99");
        var again = quote(server, client.auth(), id, Map.of("package", Long.toString(business), "send", "true"));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);

        addCredit(server, client.id(), "50.00");
        var paid = server.http().post("/api/invoice/" + u.get("invoice_id").asText() + "/credit", client.auth(), Body.NONE);
        assertThat(paid.json().get("invoice_status").asText()).isEqualTo("Paid");
        JsonNode s = admin(server, id);
        assertThat(s.get("product_id").asLong()).isEqualTo(business);
        assertThat(s.get("name").asText()).isEqualTo("Business Hosting");
        assertThat(s.get("recurring_amount").asText()).isEqualTo("19.99");
        assertThat(s.get("module_config").get("package").asText()).isEqualTo("business");
        runJobs(server);
        var jobs = server.http().get("/admin/api/provisioning-jobs?service_id=" + id + "&action=change_package", Auth.admin());
        assertThat(jobs.status()).as(jobs.toString()).isEqualTo(200);
        JsonNode change = jobs.json().get("jobs").get(0);
        assertThat(change.get("status").asText()).as("the module was told: %s", change).isEqualTo("done");
        assertThat(change.at("/params/product_id").asLong()).isEqualTo(business);
        assertThat(change.at("/params/module_config/package").asText()).isEqualTo("business");
        var listed = server.http().get("/admin/api/upgrades?service_id=" + id, Auth.admin()).json().get("upgrades");
        assertThat(listed.get(0).get("status").asText()).isEqualTo("Applied");
        assertThat(listed.get(0).get("new_recurring").asText()).isEqualTo("19.99");
        // Now a Business service: its own upgrade paths.
        var options = server.http().get("/api/service/" + id + "/upgrade", client.auth()).json().get("package");
        assertThat(options.get(0).get("name").asText()).isEqualTo("Starter Hosting");

        // The renewal invoice, 7 days ahead of the due date, bills the new price.
        moveTo(server, due.minusDays(7));
        var run = server.http().post("/admin/api/billing/run", Auth.admin(), Body.json(Map.of("date", due.minusDays(7).toString())));
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        JsonNode renewal = null;
        for (JsonNode i : server.http().get("/api/invoice", client.auth()).json().get("invoices")) {
            if (i.get("status").asText().equals("Unpaid")) renewal = i;
        }
        assertThat(renewal).as("a renewal invoice").isNotNull();
        assertThat(renewal.get("total").asText()).isEqualTo("19.99");
    }

    @Test
    void a_downgrade_applies_at_once_and_credits_the_difference_only_when_the_setting_says_credit() {
        long starter = productId(server, "Starter Hosting");
        for (String setting : List.of("credit", "none")) {
            var put = server.http().put("/admin/api/upgrade-settings", Auth.admin(), Body.json(Map.of("downgrade_credit", setting)));
            assertThat(put.status()).as(put.toString()).isEqualTo(200);
            var client = AccountFixtures.client(server);
            LocalDate due = firstOfMonthAfter(server, 5);
            long id = service(server, client.id(), "Business Hosting", "m", "19.99", due);
            LocalDate day = today(server).plusDays(2);
            moveTo(server, day);
            var res = quote(server, client.auth(), id, Map.of("package", Long.toString(starter), "send", "1"));
            assertThat(res.status()).as(res.toString()).isEqualTo(200);
            JsonNode u = res.json().get("upgrade");
            BigDecimal back = prorated("10.00", days(day, due), days(due.minusMonths(1), due));
            assertThat(u.get("status").asText()).isEqualTo("Applied");
            assertThat(u.get("type").asText()).isEqualTo("downgrade");
            assertThat(u.get("total").decimalValue()).isEqualByComparingTo(back.negate());
            assertThat(u.get("invoice_id").isNull()).isTrue();
            assertThat(admin(server, id).get("recurring_amount").asText()).isEqualTo("9.99");
            assertThat(admin(server, id).get("product_id").asLong()).isEqualTo(starter);
            if (setting.equals("credit")) {
                assertThat(u.get("credit").decimalValue()).isEqualByComparingTo(back);
                assertThat(credit(server, client)).isEqualTo(back.toPlainString());
            } else {
                assertThat(u.get("credit").decimalValue()).isEqualByComparingTo("0");
                assertThat(credit(server, client)).isEqualTo("0.00");
            }
        }
        server.http().put("/admin/api/upgrade-settings", Auth.admin(), Body.json(Map.of("downgrade_credit", "credit")));
        assertThat(server.http().put("/admin/api/upgrade-settings", Auth.admin(), Body.json(Map.of("downgrade_credit", "cash"))).status())
                .isEqualTo(422);
    }

    @Test
    void a_cancelled_upgrade_invoice_changes_nothing_and_staff_can_cancel_a_pending_upgrade() {
        var client = AccountFixtures.client(server);
        long id = service(server, client.id(), "Starter Hosting", "m", "9.99", firstOfMonthAfter(server, 1));
        String pro = Long.toString(productId(server, "Pro Hosting"));
        JsonNode u = quote(server, client.auth(), id, Map.of("package", pro, "send", true)).json().get("upgrade");
        var cancelled = server.http().post("/admin/api/invoices/" + u.get("invoice_id").asText() + "/cancel", Auth.admin(), Body.NONE);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        var stored = server.http().get("/admin/api/upgrades/" + u.get("id").asText(), Auth.admin()).json().get("upgrade");
        assertThat(stored.get("status").asText()).isEqualTo("Cancelled");
        assertThat(admin(server, id).get("recurring_amount").asText()).isEqualTo("9.99");

        // The service may be upgraded again; staff cancel that one, and its invoice goes with it.
        JsonNode second = quote(server, client.auth(), id, Map.of("package", pro, "send", true)).json().get("upgrade");
        assertThat(second.get("status").asText()).isEqualTo("Pending");
        var pending = server.http().get("/admin/api/upgrades?status=Pending&client_id=" + client.id(), Auth.admin()).json();
        assertThat(pending.get("total").asInt()).isEqualTo(1);
        var res = server.http().post("/admin/api/upgrades/" + second.get("id").asText() + "/cancel", Auth.admin(), Body.NONE);
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().at("/upgrade/status").asText()).isEqualTo("Cancelled");
        assertThat(invoice(server, client.auth(), second.get("invoice_id").asLong()).get("status").asText()).isEqualTo("Cancelled");
        assertThat(server.http().post("/admin/api/upgrades/" + second.get("id").asText() + "/cancel", Auth.admin(), Body.NONE).status())
                .isEqualTo(409);
        assertThat(admin(server, id).get("product_id").asLong()).isEqualTo(productId(server, "Starter Hosting"));
    }

    @Test
    void another_clients_service_is_not_found_and_a_contact_needs_the_upgrade_privilege() {
        var owner = AccountFixtures.client(server);
        var stranger = AccountFixtures.client(server);
        long id = service(server, owner.id(), "Starter Hosting", "m", "9.99", firstOfMonthAfter(server, 1));
        String business = Long.toString(productId(server, "Business Hosting"));
        assertThat(server.http().get("/api/service/" + id + "/upgrade", stranger.auth()).status()).isEqualTo(404);
        assertThat(quote(server, stranger.auth(), id, Map.of("package", business)).status()).isEqualTo(404);
        assertThat(quote(server, stranger.auth(), id, Map.of("package", business, "send", true)).status()).isEqualTo(404);

        var viewer = AccountFixtures.contact(server, owner.auth(), Map.of("services", Map.of(Long.toString(id), List.of("basic"))), true);
        assertThat(server.http().get("/api/service/" + id + "/upgrade", viewer.auth()).status()).isEqualTo(403);
        assertThat(quote(server, viewer.auth(), id, Map.of("package", business, "send", true)).status()).isEqualTo(403);
        assertThat(routes(id, owner.auth())).startsWith("POST /service/@id/upgrade", "GET /service/@id/upgrade");
        assertThat(routes(id, viewer.auth())).doesNotContain("POST /service/@id/upgrade", "GET /service/@id/upgrade");
        var upgrader = AccountFixtures.contact(server, owner.auth(),
                Map.of("services", Map.of(Long.toString(id), List.of("basic", "upgrade"))), true);
        assertThat(server.http().get("/api/service/" + id + "/upgrade", upgrader.auth()).status()).isEqualTo(200);
        assertThat(quote(server, upgrader.auth(), id, Map.of("package", business)).status()).isEqualTo(200);
    }

    private static List<String> routes(long serviceId, Auth auth) {
        var out = new ArrayList<String>();
        server.http().get("/api/service/" + serviceId + "/methods", auth).json().get("methods")
                .forEach(m -> out.add(m.get("method").asText() + " " + m.get("route").asText()));
        return out;
    }

    @Test
    void bad_input_answers_4xx_naming_the_parameter() {
        var client = AccountFixtures.client(server);
        long id = service(server, client.id(), "Starter Hosting", "m", "9.99", firstOfMonthAfter(server, 1));
        JsonNode disk = UpgradeFixtures.product(server, "Starter Hosting").get("forms").get(0);
        String form = disk.get("id").asText();
        var notObject = quote(server, client.auth(), id, Map.of("resources", "lots"));
        assertThat(notObject.status()).as(notObject.toString()).isEqualTo(400);
        assertThat(quote(server, client.auth(), id, Map.of("resources", Map.of("disk", "1"))).status()).isEqualTo(400);
        assertThat(quote(server, client.auth(), id, Map.of("package", "abc")).status()).isEqualTo(400);
        var notPath = quote(server, client.auth(), id, Map.of("package", "999999"));
        assertThat(notPath.status()).isEqualTo(422);
        assertThat(notPath.json().get("fields").has("package")).isTrue();
        var noItem = quote(server, client.auth(), id, Map.of("resources", Map.of(form, "999999")));
        assertThat(noItem.status()).as(noItem.toString()).isEqualTo(422);
        assertThat(noItem.json().get("fields").has("resources[" + form + "]")).isTrue();
        assertThat(quote(server, client.auth(), id, Map.of("resources", Map.of("999999", "1"))).status()).isEqualTo(422);
        var cycle = quote(server, client.auth(), id, Map.of("package", Long.toString(productId(server, "Business Hosting")), "cycle", "a"));
        assertThat(cycle.status()).isEqualTo(422);
        assertThat(cycle.json().get("fields").has("cycle")).isTrue();
        assertThat(quote(server, client.auth(), id, Map.of()).status()).as("nothing to change").isEqualTo(422);

        // A resource-only change: the 1GB disk for the days left, then applied on payment.
        String oneGb = disk.get("items").get(1).get("id").asText();
        var res = quote(server, client.auth(), id, Map.of("resources", Map.of(form, oneGb)));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().at("/upgrade/package").asText()).isEqualTo("Starter Hosting");
        assertThat(res.json().at("/upgrade/recurring").decimalValue()).isEqualByComparingTo("10.99");
    }
}
