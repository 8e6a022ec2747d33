package io.steward.webui.client;

import io.steward.billing.BillingFeature;
import io.steward.mail.PasswordResets;

/** The features' services the client-area pages call (the same ones the client API's handlers call). */
public record ClientFeatures(PasswordResets passwordResets, BillingFeature billing) {}
