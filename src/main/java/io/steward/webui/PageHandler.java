package io.steward.webui;

import io.steward.web.Reply;

/** A page of the web layer: reads the request, calls a service, renders a template or redirects. */
@FunctionalInterface
public interface PageHandler {
    Reply handle(WebRequest request);
}
