package io.steward.tax;

import io.steward.core.Money;
import io.steward.core.VatNumbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tax as a pure function of lines, the client's tax subject, the seller's country and the rules.
 *
 * <p>Tax is computed per invoice, as HostBill does: each level's tax is the rate applied to the
 * sum of the taxed lines, rounded once (HALF_UP, the currency's scale) — not a sum of per-line
 * taxes, which could differ by rounding. A compound level-2 tax is applied to that sum plus the
 * (rounded) level-1 tax. For each level the most specific matching rule applies: country and
 * state, then country-wide, then {@code *}.
 *
 * <p>Precedence: a tax-exempt client pays no tax; otherwise, when the seller is in an EU member
 * state and the client is a business in another member state with a valid VAT number, the
 * invoice is reverse-charged (no tax, with the note EU law requires); otherwise the rules apply.
 */
public final class TaxCalculator {
    public static final String REVERSE_CHARGE_NOTE =
            "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC)";

    private final java.util.function.Supplier<String> sellerCountry;

    /** {@code sellerCountry}: ISO 3166-1 alpha-2 code of the seller's establishment. */
    public TaxCalculator(String sellerCountry) {
        if (sellerCountry == null || !java.util.Set.of(Locale.getISOCountries()).contains(sellerCountry)) {
            throw new IllegalArgumentException("billing.seller-country must be an ISO 3166-1 alpha-2 code, not " + sellerCountry);
        }
        this.sellerCountry = () -> sellerCountry;
    }

    /**
     * The seller's country as the seller profile says it now (staff may change it; the profile
     * keeps it an ISO 3166-1 alpha-2 code), asked at each computation.
     */
    public TaxCalculator(java.util.function.Supplier<String> sellerCountry) {
        this.sellerCountry = sellerCountry;
    }

    public String sellerCountry() { return sellerCountry.get(); }

    /**
     * Whether a client in {@code clientCountry} could be reverse-charged: the seller is in the EU
     * and the client in another member state. Only then does a VAT number need checking.
     */
    public boolean reverseChargePossible(String clientCountry) {
        String seller = sellerCountry.get();
        return VatNumbers.isEu(seller) && VatNumbers.isEu(clientCountry) && !seller.equalsIgnoreCase(clientCountry);
    }

    /** The subject for a client, asking {@code checker} about the VAT number only where reverse charge is possible. */
    public TaxSubject subject(String country, String state, boolean taxExempt, String vatNumber, VatNumberChecker checker) {
        boolean valid = false;
        if (!taxExempt && vatNumber != null && !vatNumber.isBlank() && reverseChargePossible(country)) {
            // An unreachable checker (UNKNOWN) counts as not valid: charging VAT is the safe side.
            valid = checker.check(country.toUpperCase(Locale.ROOT), vatNumber) == VatNumberChecker.Verdict.VALID;
        }
        return new TaxSubject(country, state, taxExempt, valid);
    }

    public TaxResult compute(List<TaxableLine> lines, TaxSubject subject, String currency, List<TaxRule> rules) {
        int scale = Money.scale(currency);
        BigDecimal base = BigDecimal.ZERO.setScale(scale);
        for (TaxableLine l : lines) {
            // Lines arrive rounded; a finer amount means a caller skipped the one rounding.
            if (l.amount().stripTrailingZeros().scale() > scale) {
                throw new IllegalArgumentException("line amount " + l.amount() + " is not rounded to " + currency + "'s scale");
            }
            if (l.taxed()) base = base.add(l.amount());
        }
        base = base.setScale(scale);
        if (subject.taxExempt()) return new TaxResult(currency, base, List.of(), true, false, "");
        if (subject.vatNumberValid() && reverseChargePossible(subject.country())) {
            return new TaxResult(currency, base, List.of(), false, true, REVERSE_CHARGE_NOTE);
        }
        var out = new ArrayList<TaxResult.TaxLine>();
        Optional<TaxRule> first = select(rules, 1, subject);
        BigDecimal tax1 = BigDecimal.ZERO;
        if (first.isPresent()) {
            TaxRule r = first.get();
            tax1 = Money.percentOf(base, r.rate(), currency);
            out.add(new TaxResult.TaxLine(1, r.name(), r.rate(), false, tax1));
        }
        Optional<TaxRule> second = select(rules, 2, subject);
        if (second.isPresent()) {
            TaxRule r = second.get();
            BigDecimal on = r.compound() ? base.add(tax1) : base;
            out.add(new TaxResult.TaxLine(2, r.name(), r.rate(), r.compound(), Money.percentOf(on, r.rate(), currency)));
        }
        return new TaxResult(currency, base, out, false, false, "");
    }

    /** The most specific rule of {@code level} covering the subject's place. */
    static Optional<TaxRule> select(List<TaxRule> rules, int level, TaxSubject subject) {
        return rules.stream().filter(r -> r.level() == level && r.matches(subject.country(), subject.state()))
                .max(Comparator.comparingInt(TaxRule::specificity));
    }
}
