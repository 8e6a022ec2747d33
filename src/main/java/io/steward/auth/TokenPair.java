package io.steward.auth;

/** What {@code POST /login} and {@code POST /token} hand out. */
public record TokenPair(String token, String refresh) {}
