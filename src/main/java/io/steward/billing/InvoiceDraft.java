package io.steward.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What the order step, the billing engine or staff ask {@link BillingService#issue} to invoice.
 * Amounts may carry any precision: each line is rounded once, HALF_UP, to the currency's scale
 * when it is issued. {@code currency}, when given, must be the client's (a client is billed in one
 * currency, the one its credit is held in). Null fields take defaults: the client's currency, a due date
 * {@code billing.invoice.due-days} after the issue date, the {@code invoice} numbering series, no
 * gateway (so no fee line).
 *
 * @param gatewayId the payment gateway the client chose; a gateway with a fee adds a fee line
 */
public record InvoiceDraft(long clientId, String currency, LocalDate dueDate, List<Line> lines, String notes,
                           Long gatewayId, String series) {
    public InvoiceDraft {
        lines = List.copyOf(lines);
    }

    public static InvoiceDraft of(long clientId, List<Line> lines) {
        return new InvoiceDraft(clientId, null, null, lines, "", null, null);
    }

    public InvoiceDraft withDueDate(LocalDate due) {
        return new InvoiceDraft(clientId, currency, due, lines, notes, gatewayId, series);
    }

    public InvoiceDraft withGateway(Long gateway) {
        return new InvoiceDraft(clientId, currency, dueDate, lines, notes, gateway, series);
    }

    public InvoiceDraft withSeries(String name) {
        return new InvoiceDraft(clientId, currency, dueDate, lines, notes, gatewayId, name);
    }

    public InvoiceDraft withCurrency(String code) {
        return new InvoiceDraft(clientId, code, dueDate, lines, notes, gatewayId, series);
    }

    public InvoiceDraft withNotes(String text) {
        return new InvoiceDraft(clientId, currency, dueDate, lines, text, gatewayId, series);
    }

    /**
     * One line. {@code type} is a short word (Hosting, Domain, Setup, Addon, Promo, Fee, LateFee,
     * Credit, Other...); a {@code Credit} line is an add-funds line: paying it adds its total to
     * the account credit. A line with a service id and a period start is billable once: the key
     * (service id, period start, type) is unique over all invoices.
     *
     * @param itemId the service id for service lines, 0 for others (-2 is reserved for fee lines)
     * @param amount unit price, any precision (negative for discounts)
     */
    public record Line(String type, long itemId, String description, BigDecimal amount, BigDecimal qty, boolean taxed,
                       Long serviceId, LocalDate periodStart, LocalDate periodEnd) {

        /** A one-off line, quantity 1. */
        public static Line of(String type, String description, BigDecimal amount, boolean taxed) {
            return new Line(type, 0, description, amount, BigDecimal.ONE, taxed, null, null, null);
        }

        /** A line billing {@code serviceId} for the period [{@code start}, {@code end}]. */
        public static Line forService(String type, long serviceId, String description, BigDecimal amount, boolean taxed,
                                      LocalDate start, LocalDate end) {
            return new Line(type, serviceId, description, amount, BigDecimal.ONE, taxed, serviceId, start, end);
        }

        public Line withQty(BigDecimal q) {
            return new Line(type, itemId, description, amount, q, taxed, serviceId, periodStart, periodEnd);
        }

        /** Whether the unique service-period key applies to this line. */
        public boolean billsPeriod() {
            return serviceId != null && periodStart != null;
        }
    }
}
