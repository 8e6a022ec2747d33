package io.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.catalog.PriceRequest.FormValue;
import io.steward.catalog.PricedConfiguration.Kind;
import io.steward.catalog.PricedConfiguration.Line;
import io.steward.core.BillingCycle;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Price resolution as a pure function of product, offered addons and request. */
class PricerTest {
    static final long PRODUCT = 7;
    static final long OS = 11, OS_DEBIAN = 111, OS_WINDOWS = 112;
    static final long RAM = 12, RAM_ITEM = 121;
    static final long BACKUP = 13, BACKUP_ITEM = 131;
    static final long HOSTNAME = 14, HOSTNAME_ITEM = 141;
    static final long CPANEL = 31, DNS = 32;

    /** {@code "USD m 9.99/5 a 99; EUR m 8.99"}. */
    static PriceTable prices(String spec) {
        var out = new LinkedHashMap<String, Map<BillingCycle, Price>>();
        if (spec.isBlank()) return PriceTable.EMPTY;
        for (String part : spec.split(";")) {
            String[] t = part.trim().split("\\s+");
            var cycles = new EnumMap<BillingCycle, Price>(BillingCycle.class);
            for (int i = 1; i + 1 < t.length; i += 2) {
                String[] ps = t[i + 1].split("/");
                cycles.put(BillingCycle.parseCode(t[i]).orElseThrow(), new Price(new BigDecimal(ps[0]), new BigDecimal(ps.length > 1 ? ps[1] : "0")));
            }
            out.put(t[0], cycles);
        }
        return PriceTable.of(out);
    }

    static Form.Item item(long id, String name, String prices) {
        return new Form.Item(id, name, name.toLowerCase(), prices(prices));
    }

    static final List<Form> FORMS = List.of(
            new Form(OS, Form.Type.SELECT, "OS", "", true, null, null, null,
                    List.of(item(OS_DEBIAN, "Debian", ""), item(OS_WINDOWS, "Windows", "USD m 15 a 150/10; EUR m 14"))),
            new Form(RAM, Form.Type.SLIDER, "RAM", "", false, 0, 16, 2, List.of(item(RAM_ITEM, "RAM", "USD m 2.50/1 a 25; EUR m 2"))),
            new Form(BACKUP, Form.Type.CHECKBOX, "Backups", "", false, null, null, null, List.of(item(BACKUP_ITEM, "Backups", "USD m 4 a 40"))),
            new Form(HOSTNAME, Form.Type.INPUT, "Hostname", "", false, null, null, null, List.of(item(HOSTNAME_ITEM, "Hostname", ""))));

    static Product product(Consumer<Map<String, Object>> tweak) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("paytype", Product.PayType.Regular);
        f.put("prices", prices("USD m 10/5 q 27 a 100; EUR m 9 a 90"));
        f.put("forms", FORMS);
        f.put("stock", null);
        f.put("max", 3);
        tweak.accept(f);
        @SuppressWarnings("unchecked") List<Form> forms = (List<Form>) f.get("forms");
        var spec = new Product.Spec(1, "VPS", Product.Type.VPS, "", (Product.PayType) f.get("paytype"), (Integer) f.get("stock"),
                (Integer) f.get("max"), true, false, 0, null, Product.Provisioning.ON_PAYMENT, "recording", "{}", null, List.of(),
                (PriceTable) f.get("prices"), forms, List.of(CPANEL, DNS), List.of(), List.of());
        return new Product(PRODUCT, spec, null, null);
    }

    static final Product VPS = product(f -> {});

    static Map<Long, Addon> addons() {
        return Map.of(CPANEL, new Addon(CPANEL, new Addon.Spec("cPanel", "", "cpanel", true, 0, prices("USD m 16 q 45 a 170/20")), null, null),
                DNS, new Addon(DNS, new Addon.Spec("DNS", "", "dns", true, 0, prices("USD a 20")), null, null));
    }

    static PricedConfiguration price(PriceRequest r) {
        return Pricer.price(VPS, addons(), r, true);
    }

    /** The cheapest valid request: the required OS chosen. */
    static PriceRequest base(String cycle) {
        return PriceRequest.of(PRODUCT, cycle, "USD").withOption(OS, FormValue.of(OS_DEBIAN, "1"));
    }

    static Map<String, List<String>> fieldsOf(ThrowingCallable call) {
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(StewardException.class, call);
        assertThat(thrown).as("expected a validation failure").isNotNull();
        assertThat(thrown.code()).isEqualTo(ErrorCode.UNPROCESSABLE);
        return thrown.fields();
    }

    static Line line(PricedConfiguration c, Kind kind, int index) {
        return c.lines().stream().filter(l -> l.kind() == kind).skip(index).findFirst().orElseThrow();
    }

    @Test
    void prices_the_product_on_its_first_cycle_when_none_is_requested() {
        var c = price(base(null));
        assertThat(c.cycle()).isEqualTo(BillingCycle.MONTHLY);
        Line p = c.lines().get(0);
        assertThat(p.kind()).isEqualTo(Kind.PRODUCT);
        assertThat(p.recurring()).isEqualByComparingTo("10.00");
        assertThat(p.setup()).isEqualByComparingTo("5.00");
        assertThat(p.recurring().scale()).isEqualTo(2);
    }

    @Test
    void prices_the_requested_cycle_and_takes_the_cycle_code_in_any_case() {
        assertThat(price(base("q")).lines().get(0).recurring()).isEqualByComparingTo("27.00");
        assertThat(price(base("A")).cycle()).isEqualTo(BillingCycle.ANNUALLY);
        assertThat(price(base("A")).lines().get(0).setup()).isEqualByComparingTo("0.00");
    }

    @Test
    void an_unknown_or_unoffered_cycle_is_422_on_cycle() {
        assertThat(fieldsOf(() -> price(base("x")))).containsOnlyKeys("cycle");
        assertThat(fieldsOf(() -> price(base("t"))).get("cycle").get(0)).contains("not offered").contains("m, q, a");
        assertThat(fieldsOf(() -> price(PriceRequest.of(PRODUCT, "Once", "USD")))).containsOnlyKeys("cycle");
    }

    @Test
    void a_product_not_priced_in_the_currency_is_422_on_currency() {
        var r = PriceRequest.of(PRODUCT, null, "GBP").withOption(OS, FormValue.of(OS_DEBIAN, "1"));
        assertThat(fieldsOf(() -> price(r)).get("currency").get(0)).contains("GBP");
    }

    @Test
    void a_free_product_costs_nothing_in_every_currency_on_the_free_cycle() {
        var free = product(f -> {
            f.put("paytype", Product.PayType.Free);
            f.put("prices", PriceTable.EMPTY);
            f.put("forms", List.of());
        });
        var c = Pricer.price(free, Map.of(), PriceRequest.of(PRODUCT, null, "JPY"), true);
        assertThat(c.cycle()).isEqualTo(BillingCycle.FREE);
        assertThat(c.firstPeriodTotal()).isEqualByComparingTo("0");
        assertThat(c.recurringByCycle()).isEmpty();
        assertThat(fieldsOf(() -> Pricer.price(free, Map.of(), PriceRequest.of(PRODUCT, "m", "USD"), true))).containsOnlyKeys("cycle");
    }

    @Test
    void a_one_time_product_is_priced_once_and_has_no_recurring_total() {
        var once = product(f -> {
            f.put("paytype", Product.PayType.Once);
            f.put("prices", prices("USD Once 299/10"));
            f.put("forms", List.of());
        });
        var c = Pricer.price(once, Map.of(), PriceRequest.of(PRODUCT, null, "USD"), true);
        assertThat(c.cycle()).isEqualTo(BillingCycle.ONCE);
        assertThat(c.firstPeriodTotal()).isEqualByComparingTo("309.00");
        assertThat(c.recurringByCycle()).isEmpty();
    }

    @Test
    void a_select_choice_is_priced_for_the_cycle_and_an_unpriced_choice_costs_nothing() {
        var windows = price(PriceRequest.of(PRODUCT, "a", "USD").withOption(OS, FormValue.of(OS_WINDOWS, "1")));
        Line os = line(windows, Kind.OPTION, 0);
        assertThat(os.formId()).isEqualTo(OS);
        assertThat(os.itemId()).isEqualTo(OS_WINDOWS);
        assertThat(os.recurring()).isEqualByComparingTo("150.00");
        assertThat(os.setup()).isEqualByComparingTo("10.00");
        assertThat(os.description()).isEqualTo("OS: Windows");
        assertThat(os.moduleValue()).isEqualTo("windows");
        var debian = price(base("a"));
        assertThat(line(debian, Kind.OPTION, 0).recurring()).isEqualByComparingTo("0");
        assertThat(debian.lines()).hasSize(2);
    }

    @Test
    void a_select_may_be_given_its_item_id_directly() {
        var c = price(PriceRequest.of(PRODUCT, "m", "USD").withOption(OS, FormValue.direct(Long.toString(OS_WINDOWS))));
        assertThat(line(c, Kind.OPTION, 0).itemId()).isEqualTo(OS_WINDOWS);
        assertThat(line(c, Kind.OPTION, 0).recurring()).isEqualByComparingTo("15.00");
    }

    @Test
    void a_required_option_left_out_two_choices_an_unknown_choice_and_an_unknown_option_are_each_422() {
        assertThat(fieldsOf(() -> price(PriceRequest.of(PRODUCT, "m", "USD"))).get("custom[" + OS + "]").get(0)).contains("required");
        var two = new FormValue(Map.of(OS_DEBIAN, "1", OS_WINDOWS, "1"), null);
        assertThat(fieldsOf(() -> price(PriceRequest.of(PRODUCT, "m", "USD").withOption(OS, two))).get("custom[" + OS + "]").get(0))
                .contains("one item");
        assertThat(fieldsOf(() -> price(PriceRequest.of(PRODUCT, "m", "USD").withOption(OS, FormValue.of(999, "1")))))
                .containsOnlyKeys("custom[" + OS + "]");
        assertThat(fieldsOf(() -> price(base("m").withOption(999, FormValue.direct("1"))))).containsOnlyKeys("custom[999]");
    }

    @Test
    void a_slider_is_priced_per_unit_and_rounded_once_per_line() {
        var c = price(base("m").withOption(RAM, FormValue.of(RAM_ITEM, "6")));
        Line ram = line(c, Kind.OPTION, 1);
        assertThat(ram.quantity()).isEqualTo(6);
        assertThat(ram.recurring()).isEqualByComparingTo("15.00");
        assertThat(ram.setup()).isEqualByComparingTo("6.00");
        assertThat(ram.value()).isEqualTo("6");
        assertThat(ram.description()).isEqualTo("RAM: 6");
    }

    @Test
    void a_slider_outside_its_range_off_its_step_or_not_a_number_is_422_and_left_out_it_takes_its_minimum() {
        String f = "custom[" + RAM + "]";
        assertThat(fieldsOf(() -> price(base("m").withOption(RAM, FormValue.of(RAM_ITEM, "18"))))).containsOnlyKeys(f);
        assertThat(fieldsOf(() -> price(base("m").withOption(RAM, FormValue.of(RAM_ITEM, "3")))).get(f).get(0)).contains("steps of 2");
        assertThat(fieldsOf(() -> price(base("m").withOption(RAM, FormValue.direct("lots"))))).containsOnlyKeys(f);
        assertThat(fieldsOf(() -> price(base("m").withOption(RAM, FormValue.of(999, "2"))))).containsOnlyKeys(f);
        // Minimum 0: no line at all.
        assertThat(price(base("m")).lines()).extracting(Line::formId).doesNotContain(RAM);
    }

    @Test
    void a_checkbox_adds_its_price_when_on_and_nothing_when_off() {
        var on = price(base("a").withOption(BACKUP, FormValue.of(BACKUP_ITEM, "on")));
        assertThat(line(on, Kind.OPTION, 1).recurring()).isEqualByComparingTo("40.00");
        assertThat(line(on, Kind.OPTION, 1).description()).isEqualTo("Backups");
        var off = price(base("a").withOption(BACKUP, FormValue.of(BACKUP_ITEM, "0")));
        assertThat(off.lines()).extracting(Line::formId).doesNotContain(BACKUP);
    }

    @Test
    void a_required_checkbox_must_be_checked() {
        var forms = List.of(new Form(BACKUP, Form.Type.CHECKBOX, "Terms", "", true, null, null, null, List.of(item(BACKUP_ITEM, "Terms", ""))));
        var p = product(f -> f.put("forms", forms));
        assertThat(fieldsOf(() -> Pricer.price(p, Map.of(), PriceRequest.of(PRODUCT, "m", "USD"), true))).containsOnlyKeys("custom[" + BACKUP + "]");
        assertThat(Pricer.price(p, Map.of(), PriceRequest.of(PRODUCT, "m", "USD").withOption(BACKUP, FormValue.direct("1")), true).lines()).hasSize(2);
    }

    @Test
    void an_input_records_its_text_and_rejects_text_over_the_limit() {
        var c = price(base("m").withOption(HOSTNAME, FormValue.of(HOSTNAME_ITEM, "  web1.example.com ")));
        Line h = line(c, Kind.OPTION, 1);
        assertThat(h.value()).isEqualTo("web1.example.com");
        assertThat(h.description()).isEqualTo("Hostname: web1.example.com");
        assertThat(fieldsOf(() -> price(base("m").withOption(HOSTNAME, FormValue.direct("x".repeat(256))))))
                .containsOnlyKeys("custom[" + HOSTNAME + "]");
    }

    @Test
    void an_addon_renews_with_the_product_cycle_unless_another_is_chosen() {
        var sameCycle = price(base("q").withAddon(CPANEL, null));
        assertThat(line(sameCycle, Kind.ADDON, 0).cycle()).isEqualTo(BillingCycle.QUARTERLY);
        assertThat(line(sameCycle, Kind.ADDON, 0).recurring()).isEqualByComparingTo("45.00");
        assertThat(line(sameCycle, Kind.ADDON, 0).addonId()).isEqualTo(CPANEL);
        var chosen = price(base("m").withAddon(CPANEL, "a"));
        assertThat(line(chosen, Kind.ADDON, 0).cycle()).isEqualTo(BillingCycle.ANNUALLY);
        assertThat(line(chosen, Kind.ADDON, 0).setup()).isEqualByComparingTo("20.00");
        // The DNS addon has no monthly price: it falls back to its own first cycle.
        assertThat(line(price(base("m").withAddon(DNS, null)), Kind.ADDON, 0).cycle()).isEqualTo(BillingCycle.ANNUALLY);
    }

    @Test
    void recurring_totals_are_summed_per_cycle() {
        var c = price(base("m").withOption(BACKUP, FormValue.direct("1")).withAddon(CPANEL, null).withAddon(DNS, null));
        assertThat(c.recurringByCycle()).containsOnlyKeys(BillingCycle.MONTHLY, BillingCycle.ANNUALLY);
        assertThat(c.recurringByCycle().get(BillingCycle.MONTHLY)).isEqualByComparingTo("30.00");
        assertThat(c.recurringByCycle().get(BillingCycle.ANNUALLY)).isEqualByComparingTo("20.00");
        assertThat(c.setupTotal()).isEqualByComparingTo("5.00");
        assertThat(c.firstPeriodTotal()).isEqualByComparingTo("55.00");
    }

    @Test
    void an_addon_not_offered_or_on_an_unoffered_cycle_or_unpriced_in_the_currency_is_422() {
        assertThat(fieldsOf(() -> price(base("m").withAddon(99, null)))).containsOnlyKeys("addon[99]");
        assertThat(fieldsOf(() -> price(base("m").withAddon(CPANEL, "t")))).containsOnlyKeys("addon_cycles[" + CPANEL + "]");
        assertThat(fieldsOf(() -> price(base("m").withAddon(CPANEL, "zz")))).containsOnlyKeys("addon_cycles[" + CPANEL + "]");
        var eur = PriceRequest.of(PRODUCT, "m", "EUR").withOption(OS, FormValue.of(OS_DEBIAN, "1")).withAddon(CPANEL, null);
        assertThat(fieldsOf(() -> price(eur)).get("addon[" + CPANEL + "]").get(0)).contains("EUR");
    }

    @Test
    void quantity_is_limited_per_order_and_by_stock_unless_stock_is_not_checked() {
        assertThat(fieldsOf(() -> price(base("m").withQuantity(4)))).containsOnlyKeys("quantity");
        assertThat(fieldsOf(() -> price(base("m").withQuantity(0)))).containsOnlyKeys("quantity");
        var two = product(f -> f.put("stock", 2));
        assertThat(Pricer.price(two, addons(), base("m").withQuantity(2), true).quantity()).isEqualTo(2);
        assertThat(fieldsOf(() -> Pricer.price(two, addons(), base("m").withQuantity(3), true)).get("product_id").get(0)).contains("Only 2");
        var none = product(f -> f.put("stock", 0));
        assertThat(fieldsOf(() -> Pricer.price(none, addons(), base("m"), true)).get("product_id").get(0)).contains("out of stock");
        assertThat(Pricer.price(none, addons(), base("m"), false).lines()).isNotEmpty();
    }

    @Test
    void amounts_are_rounded_half_up_once_per_line_at_the_currency_scale() {
        var forms = List.of(new Form(RAM, Form.Type.QUANTITY, "Units", "", false, 0, null, 1, List.of(item(RAM_ITEM, "Units", "USD m 0.3333; JPY m 0.5"))));
        var p = product(f -> {
            f.put("prices", prices("USD m 9.995; JPY m 1000.5"));
            f.put("forms", forms);
        });
        var usd = Pricer.price(p, Map.of(), PriceRequest.of(PRODUCT, "m", "USD").withOption(RAM, FormValue.direct("3")), true);
        assertThat(usd.lines().get(0).recurring()).isEqualByComparingTo("10.00");
        assertThat(usd.lines().get(1).recurring()).isEqualByComparingTo("1.00");
        var jpy = Pricer.price(p, Map.of(), PriceRequest.of(PRODUCT, "m", "JPY").withOption(RAM, FormValue.direct("3")), true);
        assertThat(jpy.lines().get(0).recurring()).isEqualByComparingTo("1001");
        assertThat(jpy.lines().get(0).recurring().scale()).isZero();
        assertThat(jpy.lines().get(1).recurring()).isEqualByComparingTo("2");
    }

    @Test
    void every_problem_with_options_and_addons_is_reported_at_once() {
        var r = PriceRequest.of(PRODUCT, "m", "USD").withOption(RAM, FormValue.direct("99")).withAddon(77, null);
        assertThat(fieldsOf(() -> price(r))).containsOnlyKeys("custom[" + OS + "]", "custom[" + RAM + "]", "addon[77]");
    }
}
