package io.steward.web;

/** A route's handler: parse from the call, call one service method, return the JSON shape. */
@FunctionalInterface
public interface Handler {
    /** Returns a JSON-serialisable body (sent with 200) or a {@link Reply}. */
    Object handle(Call call);
}
