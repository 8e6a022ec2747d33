package io.steward.webui.client;

/** A payment method and what it asks the client to do to pay one invoice. */
public record PaymentInstructions(String gateway, String text) {}
