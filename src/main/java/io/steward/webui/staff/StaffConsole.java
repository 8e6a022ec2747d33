package io.steward.webui.staff;

import static io.steward.webui.staff.ConsoleAccess.PUBLIC;
import static io.steward.webui.staff.ConsoleAccess.SIGNED_IN;
import static io.steward.webui.staff.ConsoleAccess.area;

import io.steward.auth.AdminKeys;
import io.steward.auth.StaffArea;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.staff.StaffFeature;
import io.steward.web.Call;
import io.steward.web.Dialect;
import io.steward.web.Handler;
import io.steward.web.Reply;
import io.steward.web.Router;
import io.steward.webui.Messages;
import io.steward.webui.Page;
import io.steward.webui.PageHandler;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The staff console at {@code /admin}: its route table, which area each page needs, and how a
 * console session (its own realm, separate from the client area's) becomes the same staff
 * principal the admin API works with. Pages call the features' services, never the APIs.
 */
public final class StaffConsole implements Dialect<ConsoleAccess> {
    public static final String REALM = "staff";

    private final WebKit kit;
    private final StaffFeature staff;
    private final io.steward.staff.StaffAudit audit;
    private final Router<ConsoleAccess> router = new Router<>();

    public StaffConsole(WebKit kit, StaffFeature staff, ConsoleFeatures features) {
        this.kit = kit;
        this.staff = staff;
        this.audit = features.audit();
        var signIn = new ConsoleSignInPages(this, staff);
        var clients = new ClientPages(this, features);
        var invoices = new ConsoleInvoicePages(this, features.billing());
        var desk = new TicketDeskPages(this, features.support());
        var operations = new OperationsPages(this, features);

        // signing in and out
        on("GET", "/login", PUBLIC, signIn::form);
        on("POST", "/login", PUBLIC, signIn::submit);
        on("POST", "/logout", SIGNED_IN, signIn::signOut);
        on("GET", "/", SIGNED_IN, signIn::home);
        // clients: search, view, edit, log in as the client (audited), add credit
        on("GET", "/clients", area(StaffArea.CLIENTS), clients::list);
        on("GET", "/clients/@id", area(StaffArea.CLIENTS), clients::view);
        on("POST", "/clients/@id", area(StaffArea.CLIENTS), clients::update);
        on("POST", "/clients/@id/login-as", area(StaffArea.CLIENTS), clients::logInAs);
        on("POST", "/clients/@id/credit", area(StaffArea.BILLING), clients::addCredit);
        // invoices: record a payment, refund, cancel
        on("GET", "/invoices", area(StaffArea.BILLING), invoices::list);
        on("GET", "/invoices/@id", area(StaffArea.BILLING), invoices::view);
        on("POST", "/invoices/@id/payments", area(StaffArea.BILLING), invoices::recordPayment);
        on("POST", "/invoices/@id/refund", area(StaffArea.BILLING), invoices::refund);
        on("POST", "/invoices/@id/cancel", area(StaffArea.BILLING), invoices::cancel);
        // ticket desk: queues per department, replies (with predefined replies), internal notes
        on("GET", "/tickets", area(StaffArea.SUPPORT), desk::queue);
        on("GET", "/tickets/@number", area(StaffArea.SUPPORT), desk::view);
        on("POST", "/tickets/@number/reply", area(StaffArea.SUPPORT), desk::reply);
        on("POST", "/tickets/@number/notes", area(StaffArea.SUPPORT), desk::note);
        // orders: accept, cancel, fraud
        on("GET", "/orders", area(StaffArea.ORDERS), operations::orders);
        on("GET", "/orders/@id", area(StaffArea.ORDERS), operations::order);
        on("POST", "/orders/@id/status", area(StaffArea.ORDERS), operations::setOrderStatus);
        // the job queue (provisioning and every other kind) and its dead letter: retry, cancel
        on("GET", "/jobs", area(StaffArea.SERVICES), operations::jobs);
        on("POST", "/jobs/@id/retry", area(StaffArea.SERVICES), operations::retryJob);
        on("POST", "/jobs/@id/cancel", area(StaffArea.SERVICES), operations::cancelJob);
        // the billing run for a date
        on("GET", "/billing-run", area(StaffArea.BILLING), operations::billingRunForm);
        on("POST", "/billing-run", area(StaffArea.BILLING), operations::billingRun);
    }

    private void on(String method, String template, ConsoleAccess access, PageHandler page) {
        Handler handler = call -> kit.serve(call, REALM, request -> admit(request, access), request -> {
            try {
                return page.handle(request);
            } catch (StewardException e) {
                return error(request, e);
            }
        });
        router.add(method, template, handler, access);
    }

    WebKit kit() { return kit; }

    /** A console page: the template gets the page model, the menu for the caller's role, and its data. */
    Reply render(WebRequest r, int status, String template, Page page, Object... data) {
        Object[] all = new Object[data.length + 2];
        all[0] = "nav";
        all[1] = r.call().find(AdminKeys.Staff.class).map(s -> Nav.of(s, "/admin" + r.call().path())).orElse(Nav.NONE);
        System.arraycopy(data, 0, all, 2, data.length);
        return kit.render(status, template, page, all);
    }

    /** The console's page for a domain error, with its 4xx status (a refusal by role is a 403 page). */
    Reply error(WebRequest r, StewardException e) {
        int status = e.code().httpStatus();
        String key = switch (status) {
            case 401, 403, 404, 409, 413, 422, 429 -> "error." + status;
            default -> status >= 500 ? "error.500" : "error.400";
        };
        String detail = status == 400 || status == 403 || status == 409 || status == 422 ? String.join(" ", e.messages()) : null;
        return render(r, status, "admin/error.jte", r.page(key + ".title"), "message", r.messages().get(key), "detail", detail);
    }

    static String by(WebRequest r) {
        return "staff:" + r.get(AdminKeys.Staff.class).ref();
    }

    /**
     * Puts the signed-in staff member on the request (a disabled account, or one whose password or
     * second factor changed since, ends the session) and applies the page's access: a visitor is
     * sent to sign in, a role without the area gets the 403 page.
     */
    private Optional<Reply> admit(WebRequest request, ConsoleAccess access) {
        var session = request.session().filter(s -> s.signedIn()).orElse(null);
        AdminKeys.Staff who = null;
        if (session != null) {
            who = staff.accounts().principal(session.subject(), session.credVersion()).orElse(null);
            if (who == null) {
                kit.sessions().end(session.idHash());
                request.ended();
            } else {
                request.call().set(AdminKeys.Staff.class, who);
                request.userName(who.name());
            }
        }
        if (!access.signIn()) return Optional.empty();
        if (who == null) {
            if (!request.call().method().equals("GET")) throw StewardException.unauthorized("Sign in first");
            return Optional.of(WebKit.redirect("/admin/login?next=" + URLEncoder.encode("/admin" + request.call().path(), StandardCharsets.UTF_8)));
        }
        if (access.area() != null && !who.may(access.area(), request.call().method().equals("GET"))) {
            return Optional.of(error(request, new StewardException(ErrorCode.FORBIDDEN,
                    "Your role does not allow this: it needs the '" + access.area().key() + "' permission")));
        }
        return Optional.empty();
    }

    /**
     * Every change made in the console goes in the audit log like the admin API's (action
     * {@code console: <method> <route>}), with the page's status; reads are not logged.
     */
    @Override
    public void completed(Call call, io.steward.web.Route<ConsoleAccess> route, Reply reply) {
        if (call.method().equals("GET")) return;
        var who = call.find(AdminKeys.Staff.class).orElse(null);
        if (who == null) return; // a visitor, or sign-in (which logs itself)
        var target = io.steward.staff.StaffAudit.Target.of(route.template(), call::pathParam);
        audit.record(io.steward.staff.StaffAudit.Actor.of(who), call.ip(), "console: " + call.method() + " " + route.template(),
                "/admin" + call.path(), target.type(), target.id(), reply.status(), null);
    }

    @Override public String name() { return "console"; }

    @Override public String prefix() { return "/admin"; }

    @Override public Router<ConsoleAccess> router() { return router; }

    /** Each page's guard runs inside {@link WebKit#serve}, where a refusal can become a page or a redirect. */
    @Override public void authorize(Call call, ConsoleAccess access) {}

    @Override public String errorContentType() { return "text/html; charset=utf-8"; }

    /** Only failures outside a page (a body over the limit, an internal error) get here; English, no session. */
    @Override
    public Object errorBody(StewardException e) {
        int status = e.code().httpStatus();
        return plainPage(status == 413 ? "error.413" : status >= 500 ? "error.500" : "error.400");
    }

    @Override public Object unknownRoute() { return plainPage("error.404"); }

    private String plainPage(String key) {
        var messages = Messages.of(java.util.Locale.ENGLISH);
        var page = new Page(messages, "", null, "", messages.get(key + ".title"));
        return kit.render(200, "admin/error.jte", page, "nav", Nav.NONE, "message", messages.get(key), "detail", null).body().toString();
    }

    @Override
    public java.util.Map<String, String> errorHeaders(StewardException error) { return WebKit.securityHeaders(); }
}
