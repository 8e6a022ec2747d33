package io.steward.domain;

import static io.steward.core.Json.obj;

import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.domain.registrar.RegistrarException;
import io.steward.domain.registrar.Registrars;
import io.steward.domain.registrar.SandboxRegistry;
import io.steward.web.Call;
import io.steward.web.Reply;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Staff handlers for TLDs, domains, registrar jobs, registrar modules and the sandbox registry ({@code /admin/api/...}). */
public final class DomainAdminHandlers {
    private final TldCatalog tlds;
    private final DomainService domains;
    private final DomainJobs jobs;
    private final DomainAutomation automation;
    private final Registrars registrars;
    private final java.time.Clock clock;

    DomainAdminHandlers(TldCatalog tlds, DomainService domains, DomainJobs jobs, DomainAutomation automation, Registrars registrars,
                        java.time.Clock clock) {
        this.tlds = tlds;
        this.domains = domains;
        this.jobs = jobs;
        this.automation = automation;
        this.registrars = registrars;
        this.clock = clock;
    }

    // TLDs

    static Map<String, Object> tld(Tld t) {
        return obj("id", t.id(), "name", t.name(), "registrar", t.registrar(), "epp_required", t.eppRequired(),
                "premium_enabled", t.premiumEnabled(), "default_ns", t.defaultNs(), "forms", t.forms(), "enabled", t.enabled(),
                "position", t.position(), "prices", t.prices().stream().map(p -> obj("currency", p.currency(), "period", p.period(),
                        "register", Money.format(p.register(), p.currency()), "transfer", Money.format(p.transfer(), p.currency()),
                        "renew", Money.format(p.renew(), p.currency()), "redemption", Money.format(p.redemption(), p.currency()))).toList());
    }

    public Object listTlds(Call call) {
        return obj("tlds", tlds.all().stream().map(DomainAdminHandlers::tld).toList());
    }

    public Object createTld(Call call) {
        return Reply.json(201, obj("tld", tld(tlds.create(call.params().tree()))));
    }

    public Object getTld(Call call) {
        return obj("tld", tld(tlds.get(call.pathId("id"))));
    }

    public Object updateTld(Call call) {
        return obj("tld", tld(tlds.update(call.pathId("id"), call.params().tree())));
    }

    public Object deleteTld(Call call) {
        tlds.delete(call.pathId("id"));
        return obj("deleted", true);
    }

    // Domains

    static Map<String, Object> domain(Domain d) {
        return obj("id", d.id(), "client_id", d.clientId(), "tld_id", d.tldId(), "name", d.name(), "status", d.status(),
                "order_action", d.orderAction(), "period", d.period(), "currency", d.currency(),
                "first_payment", Money.format(d.firstPayment(), d.currency()), "recurring_amount", Money.format(d.recurringAmount(), d.currency()),
                "date_created", Times.date(d.dateCreated()), "expires", d.expires() == null ? null : d.expires().toString(),
                "next_due", d.nextDue() == null ? null : d.nextDue().toString(),
                "next_invoice", d.nextInvoice() == null ? null : d.nextInvoice().toString(), "autorenew", d.autorenew(),
                "idprotection", d.idprotection(), "reglock", d.reglock(), "nameservers", d.nameservers(), "registrar", d.registrar());
    }

    public Object listDomains(Call call) {
        var p = call.params();
        Long client = p.id("client_id").orElse(null);
        return obj("domains", domains.search(client, p.string("status").orElse(null), p.string("q").orElse(null)).stream()
                .map(DomainAdminHandlers::domain).toList());
    }

    public Object getDomain(Call call) {
        Domain d = domains.byId(call.pathId("id"));
        var m = domain(d);
        m.put("jobs", jobs.search(null, d.id()).stream().map(DomainAdminHandlers::job).toList());
        return obj("domain", m);
    }

    public Object syncDomain(Call call) {
        Domain d = domains.byId(call.pathId("id"));
        if (!java.util.Set.of(Domain.ACTIVE, Domain.EXPIRED, Domain.PENDING_TRANSFER).contains(d.status())) {
            throw StewardException.conflict("Domain is " + d.status() + "; there is nothing to synchronise");
        }
        return obj("domain", domain(domains.sync(d)));
    }

    public Object run(Call call) {
        LocalDate date = call.params().string("date").filter(s -> !s.isBlank()).map(s -> {
            try {
                return LocalDate.parse(s.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw StewardException.invalid(Map.of("date", List.of("Date must be YYYY-MM-DD")));
            }
        }).orElse(LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
        var r = automation.run(date);
        int synced = call.params().flag("sync", false) ? automation.syncAll() : 0;
        return obj("date", r.date().toString(), "invoiced", r.invoiced(), "expired", r.expired(), "invoice_ids", r.invoiceIds(), "synced", synced);
    }

    // Jobs

    static Map<String, Object> job(DomainJobs.Job j) {
        return obj("id", j.id(), "domain_id", j.domainId(), "action", j.action(), "status", j.status(), "attempts", j.attempts(),
                "max_attempts", j.maxAttempts(), "next_attempt_at", Times.stamp(j.nextAttemptAt()), "last_error", j.lastError(),
                "created_at", Times.stamp(j.createdAt()), "finished_at", j.finishedAt() == null ? null : Times.stamp(j.finishedAt()));
    }

    public Object listJobs(Call call) {
        var p = call.params();
        String status = p.string("status").filter(s -> !s.isBlank()).orElse(null);
        if (status != null && !io.steward.jobs.Job.STATUSES.contains(status)) {
            throw StewardException.invalid(Map.of("status", List.of("Status must be one of " + String.join(", ", io.steward.jobs.Job.STATUSES))));
        }
        return obj("jobs", jobs.search(status, p.id("domain_id").orElse(null)).stream().map(DomainAdminHandlers::job).toList());
    }

    public Object retryJob(Call call) {
        return obj("job", job(jobs.retry(call.pathId("id"))));
    }

    // Registrar modules and the sandbox registry

    public Object registrars(Call call) {
        return obj("registrars", registrars.list().stream().map(f -> obj("id", f.id(), "label", f.label(),
                "capabilities", java.util.Arrays.stream(io.steward.domain.registrar.Capability.values()).map(c -> c.code())
                        .filter(f.capabilities()::contains).toList())).toList());
    }

    private SandboxRegistry sandbox() {
        return registrars.sandbox().orElseThrow(() -> StewardException.notFound("The sandbox registrar is not installed"));
    }

    private static String nameOf(Call call) {
        return DomainNames.normalise(call.pathParam("name")).orElseThrow(() -> StewardException.notFound("Not a domain name"));
    }

    public Object registryName(Call call) {
        String name = nameOf(call);
        return obj("registry", sandbox().describe(name).orElseThrow(() -> StewardException.notFound(name + " is not registered")));
    }

    /** Adds a name to the sandbox registry: {@code kind} taken (held by another registrar), reserved or premium. */
    public Object addRegistryName(Call call) {
        var p = call.params();
        String name = DomainNames.normalise(p.string("name").orElse(""))
                .orElseThrow(() -> StewardException.invalid(Map.of("name", List.of("A domain name is required"))));
        String kind = p.string("kind").orElse("taken");
        switch (kind) {
            case "taken" -> {
                LocalDate expires = p.string("expires").map(LocalDate::parse).orElse(LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusYears(1));
                sandbox().holdElsewhere(name, p.string("sponsor").orElse("other-registrar"), expires,
                        p.string("epp").orElseThrow(() -> StewardException.invalid(Map.of("epp", List.of("The name's EPP code is required")))),
                        p.flag("locked", false));
            }
            case "reserved" -> sandbox().special(name, "reserved", null, null);
            case "premium" -> sandbox().special(name, "premium", Money.parse(p.string("price").orElse(""), "price"),
                    p.string("currency").orElse("USD").toUpperCase(Locale.ROOT));
            default -> throw StewardException.invalid(Map.of("kind", List.of("Kind must be taken, reserved or premium")));
        }
        return Reply.json(201, obj("name", name, "kind", kind));
    }

    public Object approveTransfer(Call call) {
        String name = nameOf(call);
        try {
            sandbox().approveTransfer(name);
        } catch (RegistrarException e) {
            throw StewardException.conflict(e.getMessage());
        }
        return obj("registry", sandbox().describe(name).orElseThrow());
    }

    public Object transferAway(Call call) {
        String name = nameOf(call);
        try {
            sandbox().transferAway(name, call.params().string("to").filter(s -> !s.isBlank()).orElse("other-registrar"));
        } catch (RegistrarException e) {
            throw StewardException.conflict(e.getMessage());
        }
        return obj("registry", sandbox().describe(name).orElseThrow());
    }

    static BigDecimal zero() {
        return BigDecimal.ZERO;
    }
}
