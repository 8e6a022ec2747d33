package io.steward.engine;

import io.steward.billing.InvoiceDraft;
import io.steward.core.BillingCycle;
import io.steward.service.Service;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns services due for renewal into invoice drafts: a pure function of the services, their lead
 * days and the run's date, so it is tested without a database.
 *
 * <p>Which period is next: the first period start on the service's cycle grid, counted from
 * {@code next_due} (the first unpaid period), that is on or after {@code next_invoice}. The engine
 * keeps {@code next_invoice} strictly after the last period it invoiced and at most at the next
 * one's start ({@code max(next - lead, last + 1 day)}), so the grid gives back exactly the next
 * period even after lead days change; a service created with {@code next_invoice = next_due} starts
 * at {@code next_due}. A period is invoiced once the run's date reaches {@code start - lead days};
 * a run that missed days catches up, at most {@code maxPeriods} periods per service.
 *
 * <p>Drafts are one per client and currency, due on their earliest period start (never before the
 * run's date). Each line bills one service period with the unique key (service, period start,
 * {@link #LINE_TYPE}), so billing skips a period already invoiced and a rerun issues nothing.
 */
public final class RenewalGenerator {
    /** The line type of renewal lines; the payment listener renews services on lines of this type. */
    public static final String LINE_TYPE = "Hosting";

    /** A service due for invoicing, with the lead days that apply to it (product override or global). */
    public record Due(Service service, int leadDays) {}

    /** Move the service's next_invoice from {@code expected} to {@code next} once its draft is issued. */
    public record Advance(long serviceId, long clientId, LocalDate expected, LocalDate next) {}

    /** A draft and the services whose next_invoice moves when it is issued. */
    public record Planned(InvoiceDraft draft, List<Advance> advances) {}

    private RenewalGenerator() {}

    public static List<Planned> plan(List<Due> due, LocalDate asOf, int maxPeriods) {
        return plan(due, asOf, asOf, maxPeriods);
    }

    /** As {@link #plan(List, LocalDate, int)}, with due dates never before {@code issueDate} (a run for a past date is issued today). */
    public static List<Planned> plan(List<Due> due, LocalDate asOf, LocalDate issueDate, int maxPeriods) {
        record Key(long clientId, String currency) {}
        var lines = new LinkedHashMap<Key, List<InvoiceDraft.Line>>();
        var advances = new LinkedHashMap<Key, List<Advance>>();
        var earliest = new LinkedHashMap<Key, LocalDate>();
        for (Due d : due) {
            Service s = d.service();
            if (!s.cycle().recurring() || s.nextDue() == null || s.nextInvoice() == null) continue;
            int day = s.effectiveBillingDay();
            LocalDate p = firstPeriod(s.cycle(), s.nextDue(), s.nextInvoice(), day);
            var mine = new ArrayList<InvoiceDraft.Line>();
            LocalDate issueOn = p.minusDays(d.leadDays());
            while (mine.size() < maxPeriods && !issueOn.isAfter(asOf)) {
                LocalDate next = s.cycle().next(p, day);
                mine.add(InvoiceDraft.Line.forService(LINE_TYPE, s.id(), describe(s, p, next.minusDays(1)), s.recurringAmount(),
                        true, p, next.minusDays(1)));
                issueOn = max(next.minusDays(d.leadDays()), p.plusDays(1));
                p = next;
            }
            if (mine.isEmpty()) continue;
            Key key = new Key(s.clientId(), s.currency());
            lines.computeIfAbsent(key, k -> new ArrayList<>()).addAll(mine);
            advances.computeIfAbsent(key, k -> new ArrayList<>()).add(new Advance(s.id(), s.clientId(), s.nextInvoice(), issueOn));
            earliest.merge(key, mine.get(0).periodStart(), (a, b) -> a.isBefore(b) ? a : b);
        }
        var out = new ArrayList<Planned>();
        for (Map.Entry<Key, List<InvoiceDraft.Line>> e : lines.entrySet()) {
            LocalDate dueDate = max(earliest.get(e.getKey()), max(asOf, issueDate));
            var draft = InvoiceDraft.of(e.getKey().clientId(), e.getValue()).withCurrency(e.getKey().currency())
                    .withDueDate(dueDate).withNotes("Renewal");
            out.add(new Planned(draft, List.copyOf(advances.get(e.getKey()))));
        }
        return out;
    }

    /** The service periods a plan bills, with their planned issue dates: what {@link UsageCharges} is asked about. */
    public static List<UsageCharges.Renewal> renewals(List<Planned> plan, List<Due> due) {
        var byId = new java.util.HashMap<Long, Due>();
        for (Due d : due) byId.put(d.service().id(), d);
        var out = new ArrayList<UsageCharges.Renewal>();
        for (Planned p : plan) {
            for (InvoiceDraft.Line l : p.draft().lines()) {
                Due d = l.serviceId() == null ? null : byId.get(l.serviceId());
                if (d == null || !LINE_TYPE.equals(l.type()) || l.periodStart() == null) continue;
                out.add(new UsageCharges.Renewal(d.service(), l.periodStart(), l.periodStart().minusDays(d.leadDays())));
            }
        }
        return out;
    }

    /** The plan with each usage line added to the draft that renews the line's service; lines of services not in the plan are dropped. */
    public static List<Planned> withUsage(List<Planned> plan, List<InvoiceDraft.Line> usage) {
        if (usage.isEmpty()) return plan;
        var out = new ArrayList<Planned>(plan.size());
        for (Planned p : plan) {
            var services = p.draft().lines().stream().map(InvoiceDraft.Line::serviceId).filter(java.util.Objects::nonNull)
                    .collect(java.util.stream.Collectors.toSet());
            var extra = usage.stream().filter(l -> l.serviceId() != null && services.contains(l.serviceId())).toList();
            if (extra.isEmpty()) {
                out.add(p);
                continue;
            }
            var lines = new ArrayList<>(p.draft().lines());
            lines.addAll(extra);
            var d = p.draft();
            out.add(new Planned(new InvoiceDraft(d.clientId(), d.currency(), d.dueDate(), lines, d.notes(), d.gatewayId(), d.series()),
                    p.advances()));
        }
        return out;
    }

    /** The first period start on the cycle grid from {@code nextDue} that is on or after {@code nextInvoice}. */
    static LocalDate firstPeriod(BillingCycle cycle, LocalDate nextDue, LocalDate nextInvoice, int billingDay) {
        LocalDate p = nextDue;
        // Bounded: next_invoice is never more than one period past the last invoiced one.
        for (int i = 0; i < 10_000 && p.isBefore(nextInvoice); i++) p = cycle.next(p, billingDay);
        return p;
    }

    static String describe(Service s, LocalDate start, LocalDate end) {
        String name = s.name().isBlank() ? "Service #" + s.id() : s.name();
        String domain = s.domain() == null || s.domain().isBlank() ? "" : " - " + s.domain();
        return name + domain + " (" + start + " - " + end + ")";
    }

    /** The lead days to use: a product's override, else the global default; never negative. */
    static int lead(Integer productOverride, int global) {
        return Math.max(0, productOverride != null ? productOverride : global);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
