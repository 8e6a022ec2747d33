package io.steward.webui;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.web.Call;
import io.steward.web.Reply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every web area (client area, staff console) shares: precompiled templates, the session
 * cookie, CSRF checks, security headers, the language choice, redirects and friendly error pages.
 * An area's route table wraps each page in {@link #serve}, giving its realm and its guard.
 */
public final class WebKit {
    private static final Logger LOG = LoggerFactory.getLogger(WebKit.class);
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String LANG_COOKIE = "steward_lang";
    /** No inline script or style anywhere, so the policy needs no 'unsafe-inline' and no nonces. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /** Decides whether a request may see a page; returns a reply instead (e.g. to the sign-in page), or throws. */
    @FunctionalInterface
    public interface Guard {
        Optional<Reply> admit(WebRequest request);
    }

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final WebSessions sessions;
    private final WebSettings settings;

    public WebKit(WebSessions sessions, WebSettings settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    public WebSessions sessions() { return sessions; }

    public static String cookieName(String realm) { return "steward_" + realm; }

    /**
     * Runs one page: finds the session, picks the language, checks the CSRF token of every
     * non-GET, lets the guard admit the request, calls the page and renders domain errors as a
     * friendly page with their 4xx status. Every reply carries the security headers.
     */
    public Reply serve(Call call, String realm, Guard guard, PageHandler page) {
        var cookies = cookies(call);
        var session = Optional.ofNullable(cookies.get(cookieName(realm))).flatMap(v -> sessions.find(realm, v)).orElse(null);
        var messages = Messages.of(Messages.choose(cookies.get(LANG_COOKIE), call.header("Accept-Language").orElse(null)));
        var request = new WebRequest(call, messages, session);
        Reply reply;
        try {
            if (!call.method().equals("GET")) checkCsrf(call, session);
            reply = guard.admit(request).orElse(null);
            if (reply == null) reply = page.handle(request);
        } catch (StewardException e) {
            reply = error(request, e);
        }
        return finish(call, realm, request, reply);
    }

    private static void checkCsrf(Call call, WebSessions.Session session) {
        String sent = call.header(CSRF_HEADER).or(() -> call.params().string(CSRF_FIELD)).orElse("");
        if (session == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw new StewardException(ErrorCode.FORBIDDEN, "csrf");
        }
    }

    /** A template rendered with the page model and its own data ({@code key, value, ...}). */
    public Reply render(int status, String template, Page page, Object... data) {
        var params = new HashMap<String, Object>();
        params.put("page", page);
        for (int i = 0; i + 1 < data.length; i += 2) params.put((String) data[i], data[i + 1]);
        var out = new StringOutput();
        templates.render(template, params, out);
        return new Reply(status, out.toString(), "text/html; charset=utf-8", Map.of());
    }

    /** 303 See Other: after a form, the browser GETs the result (no resubmission on reload). */
    public static Reply redirect(String location) {
        return new Reply(303, null, "text/html; charset=utf-8", Map.of("Location", location));
    }

    /** A local path to go back to after sign-in; anything else (another site, "//host") goes home. */
    public static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.length() > 500) return "/";
        return next;
    }

    /** The friendly page for a domain error, with the error's own 4xx status. */
    public Reply error(WebRequest request, StewardException e) {
        int status = e.code().httpStatus();
        String key = switch (status) {
            case 401, 403, 404, 409, 413, 422, 429 -> "error." + status;
            default -> status >= 500 ? "error.500" : "error.400";
        };
        if ("csrf".equals(e.getMessage())) key = "error.csrf";
        // Validation messages and conflicts say what to fix; the others are enough as the generic text.
        String detail = status == 400 || status == 409 || status == 422 ? String.join(" ", e.messages()) : null;
        if (status >= 500) LOG.warn("web page {} {} failed: {}", request.call().method(), request.call().path(), e.getMessage());
        return render(status, "error.jte", request.page(key + ".title"), "message", request.messages().get(key), "detail", detail);
    }

    private Reply finish(Call call, String realm, WebRequest request, Reply reply) {
        var headers = new LinkedHashMap<String, String>(reply.headers());
        headers.putAll(securityHeaders());
        boolean secure = settings.secure(call.header("X-Forwarded-Proto"));
        if (request.newCookie() != null) {
            headers.put("Set-Cookie", cookie(cookieName(realm), request.newCookie(), secure, -1));
        } else if (request.clearCookie()) {
            headers.put("Set-Cookie", cookie(cookieName(realm), "", secure, 0));
        }
        return new Reply(reply.status(), reply.body(), reply.contentType(), headers);
    }

    /** A session cookie: HttpOnly, SameSite=Lax (links from mails keep the session; every change needs the CSRF token). */
    public static String cookie(String name, String value, boolean secure, long maxAgeSeconds) {
        var b = new StringBuilder(name).append('=').append(value).append("; Path=/; HttpOnly; SameSite=Lax");
        if (maxAgeSeconds >= 0) b.append("; Max-Age=").append(maxAgeSeconds);
        if (secure) b.append("; Secure");
        return b.toString();
    }

    public boolean secure(Call call) { return settings.secure(call.header("X-Forwarded-Proto")); }

    public static Map<String, String> securityHeaders() {
        return Map.of("Content-Security-Policy", CSP, "X-Frame-Options", "DENY", "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "same-origin", "Cache-Control", "no-store");
    }

    /** The request's cookies by name (the first of a repeated name wins). */
    public static Map<String, String> cookies(Call call) {
        var out = new HashMap<String, String>();
        call.header("Cookie").ifPresent(h -> {
            for (String part : h.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) out.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        });
        return out;
    }

    /** The visitor's session, started (without a subject) if there is none yet: forms need its CSRF token. */
    public WebSessions.Session ensureSession(WebRequest request, String realm) {
        return request.session().orElseGet(() -> {
            var started = sessions.start(realm, null, 0);
            request.begin(started);
            return started.session();
        });
    }

    /** The language switch: remembers the choice for a year and goes back to the page it was on. */
    public Reply chooseLanguage(Call call, String language, String back) {
        var locale = Messages.supported(language).orElseThrow(() -> StewardException.notFound("No such language"));
        var headers = new LinkedHashMap<String, String>(securityHeaders());
        headers.put("Location", localPath(back));
        headers.put("Set-Cookie", LANG_COOKIE + "=" + locale.getLanguage() + "; Path=/; Max-Age=31536000; SameSite=Lax"
                + (secure(call) ? "; Secure" : ""));
        return new Reply(303, null, "text/html; charset=utf-8", headers);
    }
}
