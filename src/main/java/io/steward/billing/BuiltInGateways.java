package io.steward.billing;

import io.steward.config.Config;

/** The gateway modules Steward ships: bank transfer, account credit and a sandbox card gateway. */
public final class BuiltInGateways {
    private BuiltInGateways() {}

    /** Bank transfer: the client pays by bank, staff record the payment when it arrives. */
    public static final class BankTransfer implements PaymentGatewayFactory {
        private String details = "";

        @Override public String id() { return "banktransfer"; }

        @Override public String defaultName() { return "Bank Transfer"; }

        @Override public boolean enabledByDefault() { return true; }

        @Override
        public void init(Config config) {
            details = config.get("billing.banktransfer.details", "");
        }

        @Override
        public PaymentGateway create(Gateway gateway) {
            return invoice -> "Pay by bank transfer quoting invoice " + invoice.number() + "." + (details.isBlank() ? "" : " " + details);
        }
    }

    /** Account credit: applied by the client ({@code POST /invoice/@id/credit}) or by the order step. */
    public static final class AccountCredit implements PaymentGatewayFactory {
        @Override public String id() { return "credit"; }

        @Override public String defaultName() { return "Account Credit"; }

        @Override public boolean enabledByDefault() { return true; }

        @Override
        public PaymentGateway create(Gateway gateway) {
            return invoice -> "Pay from your account credit.";
        }
    }

    /**
     * A sandbox card gateway for trying fees and payments out: it charges nothing, and payments
     * through it are recorded like any gateway's. Disabled until staff enable it.
     */
    public static final class Sandbox implements PaymentGatewayFactory {
        @Override public String id() { return "sandbox"; }

        @Override public String defaultName() { return "Sandbox Card"; }

        @Override
        public PaymentGateway create(Gateway gateway) {
            return invoice -> "Sandbox gateway: no money is taken; payments are recorded for testing only.";
        }
    }
}
