package io.steward.tax;

/**
 * Demo tax rules: EU VAT (level 1) for a few member states, a US state sales tax, and Canada's
 * GST (level 1) with Quebec's QST as a compound level-2 tax — QST was compound until 2013, and
 * here it shows the option. Idempotent: a level and place that already has a rule is left alone.
 */
public final class TaxDemo {
    private final TaxService tax;

    public TaxDemo(TaxService tax) {
        this.tax = tax;
    }

    public void load() {
        rule("1", "VAT", "21", "NL", "*", false);
        rule("1", "VAT", "19", "DE", "*", false);
        rule("1", "VAT", "20", "FR", "*", false);
        rule("1", "VAT", "21", "BE", "*", false);
        rule("1", "VAT", "23", "PL", "*", false);
        rule("1", "VAT", "23", "IE", "*", false);
        rule("1", "Sales Tax", "7.25", "US", "California", false);
        rule("1", "GST", "5", "CA", "*", false);
        rule("2", "QST", "9.975", "CA", "Quebec", true);
    }

    private void rule(String level, String name, String rate, String country, String state, boolean compound) {
        boolean exists = tax.rules().stream().anyMatch(r -> r.level() == Integer.parseInt(level)
                && r.country().equals(country) && r.state().equalsIgnoreCase(state));
        if (!exists) tax.create(new TaxRuleInput(level, name, rate, country, state, compound));
    }
}
