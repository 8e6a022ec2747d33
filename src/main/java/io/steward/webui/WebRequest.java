package io.steward.webui;

import io.steward.web.Call;
import io.steward.web.Params;
import java.util.Optional;

/**
 * One page request as a page handler sees it: the call (parameters, path ids, typed attributes
 * such as the signed-in caller), the browser session (absent for a first-time visitor) and the
 * texts in the visitor's language. A handler that starts or ends a session says so here, and the
 * site sets or clears the cookie on the way out.
 */
public final class WebRequest {
    private final Call call;
    private final Messages messages;
    private WebSessions.Session session;
    private String userName;
    private String newCookie;
    private boolean clearCookie;

    public WebRequest(Call call, Messages messages, WebSessions.Session session) {
        this.call = call;
        this.messages = messages;
        this.session = session;
    }

    public Call call() { return call; }

    public Params params() { return call.params(); }

    public Messages messages() { return messages; }

    public Optional<WebSessions.Session> session() { return Optional.ofNullable(session); }

    public <T> T get(Class<T> type) { return call.get(type); }

    /** The model every template gets, titled with a message key. */
    public Page page(String titleKey, Object... args) {
        return new Page(messages, session == null ? "" : session.csrfToken(), userName, call.path(), messages.get(titleKey, args));
    }

    public void userName(String name) { this.userName = name; }

    /** Replaces the browser's session with {@code started} (sign-in, or a visitor's first form). */
    public void begin(WebSessions.Started started) {
        this.session = started.session();
        this.newCookie = started.cookieValue();
        this.clearCookie = false;
    }

    /** The browser's session is over (sign-out): its cookie is cleared. */
    public void ended() {
        this.session = null;
        this.userName = null;
        this.newCookie = null;
        this.clearCookie = true;
    }

    String newCookie() { return newCookie; }

    boolean clearCookie() { return clearCookie; }
}
