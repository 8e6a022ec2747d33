package io.steward.service;

import io.steward.core.BillingCycle;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The service feature as the order step, billing and the billing engine use it. Every method runs
 * in the caller's transaction when there is one (so an order, its invoice and its service commit
 * together, and a payment and the activation it causes do too), else in its own.
 *
 * <p>Module work is never done here: a change queues a provisioning job, and the service's status
 * follows when the job succeeds (Pending → Active when {@code create} succeeds, Active → Suspended
 * when {@code suspend} does...), so the client sees progress. Methods that queue a job answer its
 * id, or empty when there is nothing to do (the service is already in, or on its way to, the
 * requested state). A change the service's status does not allow is a {@code CONFLICT}.
 */
public interface ServiceOperations {

    /**
     * A service to create, filled by the order step from the product it sold.
     *
     * @param productId    the catalog product (null for a service staff set up by hand)
     * @param name         the product's name as ordered ("Starter Hosting")
     * @param category     its category's name and slug ("Hosting", "hosting")
     * @param nextDue      end of the first paid period (after proration to the pro-rata day);
     *                     null for Free and one-time services
     * @param nextInvoice  when the first renewal invoice is due; null for Free and one-time services
     * @param username     preset account name, or null/empty for the module to choose
     * @param password     preset password in clear (sealed before it is stored), or null/empty
     * @param module       the server module's id ({@code recording} by default)
     * @param manualProvisioning the product is provisioned by staff: activation queues no job
     * @param moduleConfig the product's module settings as a JSON object
     */
    record NewService(long clientId, Long productId, Long orderId, String name, String category, String categorySlug,
                      BillingCycle cycle, String currency, BigDecimal recurringAmount, BigDecimal firstPayment,
                      LocalDate registeredOn, LocalDate nextDue, LocalDate nextInvoice, String domain, String username,
                      String password, String module, boolean manualProvisioning, String moduleConfig) {}

    /** What {@link #renew} did. */
    enum RenewOutcome {
        /** next_due moved one cycle on and a renew job was queued. */
        RENEWED,
        /** This period was renewed before (a rerun or a repeated payment event): nothing changed. */
        ALREADY_RENEWED,
        /** An earlier period is still unpaid: next_due stays until that one is paid. */
        EARLIER_PERIOD_UNPAID,
        /** The service is not active or suspended, or does not renew (Free, one-time). */
        NOT_RENEWABLE
    }

    /** Creates a Pending service and answers its id. Invalid input is a validation error naming the fields. */
    long createPending(NewService service);

    /**
     * Provisions a Pending service: queues its {@code create} job (once: a repeat answers the same
     * job). Empty when the service is already active, or when its product is provisioned manually
     * (it stays Pending until staff activate it).
     */
    Optional<Long> activate(long serviceId);

    /**
     * Records the payment of the period starting at {@code paidPeriodStart}: next_due moves one
     * cycle on (keeping the billing day) and a {@code renew} job is queued. A compare-and-set on
     * next_due, so the same period is renewed once however often this is called.
     */
    RenewOutcome renew(long serviceId, LocalDate paidPeriodStart);

    /** Queues a suspension with the reason staff and the client see ("Overdue on payment"). */
    Optional<Long> suspend(long serviceId, String reason);

    /** Queues the lifting of a suspension (automatic on payment, or by staff). */
    Optional<Long> unsuspend(long serviceId);

    /** Queues termination; the service ends Terminated. A Pending service never provisioned ends at once, without a job. */
    Optional<Long> terminate(long serviceId);

    /** Queues a move to another product; the service's product and module settings change when the job succeeds. */
    long changePackage(long serviceId, long productId, String moduleConfig);

    /**
     * A paid (or free) upgrade or downgrade, applied now: the product, its name, the recurring
     * amount renewals bill and the module settings.
     *
     * @param options   what the module is told about the new configurable options, a JSON array
     * @param dedupeKey the upgrade's once-only key: the change is queued to the module once
     */
    record PackageChange(long productId, String name, BigDecimal recurringAmount, String moduleConfig, String options,
                         String dedupeKey) {}

    /**
     * Applies {@code change} to an Active or Suspended service in the caller's transaction (renewals
     * bill the new amount from now on) and queues a {@code change_package} job that tells its
     * module; answers the job id. Any other status is a {@code CONFLICT}.
     */
    long applyPackageChange(long serviceId, PackageChange change);

    /**
     * Moves next_invoice from {@code expected} to {@code next} (compare-and-set): the billing run
     * calls it after issuing a renewal invoice, and a rerun finds it moved and changes nothing.
     */
    boolean advanceNextInvoice(long serviceId, LocalDate expected, LocalDate next);

    /** One compare-and-set move of next_invoice, for {@link #advanceNextInvoices}. */
    record NextInvoiceMove(long serviceId, LocalDate expected, LocalDate next) {}

    /**
     * {@link #advanceNextInvoice} for many services in one round trip (the billing run moves a
     * chunk's services in the transaction that issues their invoices). Answers how many moved.
     */
    default int advanceNextInvoices(List<NextInvoiceMove> moves) {
        int moved = 0;
        for (NextInvoiceMove m : moves) if (advanceNextInvoice(m.serviceId(), m.expected(), m.next())) moved++;
        return moved;
    }

    /**
     * Active or suspended renewing services whose next_invoice is on or before {@code asOf}, without
     * a cancellation request, whole clients at a time: those of clients after {@code afterClientId}
     * in (client, id) order, at least {@code limit} unless fewer are left, never part of a client's
     * services (the page runs on to the end of its last client). Page on with the last client id.
     */
    List<Service> dueForInvoicing(LocalDate asOf, long afterClientId, int limit);

    /** Active renewing services whose next_due is {@code daysOverdue} or more days before {@code asOf}, with no suspension queued. */
    List<Service> dueForSuspension(LocalDate asOf, int daysOverdue, long afterId, int limit);

    /** Suspended renewing services whose next_due is {@code daysOverdue} or more days before {@code asOf}, with no termination queued. */
    List<Service> dueForTermination(LocalDate asOf, int daysOverdue, long afterId, int limit);

    /**
     * Acts on the end-of-period cancellations due on {@code asOf} (next_due reached): queues their
     * termination, after which they end Cancelled. Answers how many it queued; a rerun queues none.
     */
    int processEndOfPeriodCancellations(LocalDate asOf);

    Optional<Service> find(long serviceId);

    /** The client's services in id order. */
    List<Service> byClient(long clientId);
}
