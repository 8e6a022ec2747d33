package io.steward.billing;

import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.modules.SettingField;
import io.steward.modules.SettingsSchema;
import java.util.Map;

/**
 * The payment modules Steward ships: bank transfer, account credit and a sandbox card gateway.
 * Each gets a gateway row named as its label, enabled unless it is the sandbox.
 */
public final class BuiltInGateways {
    private BuiltInGateways() {}

    /** Bank transfer: the client pays by bank, staff record the payment when it arrives. */
    public static final class BankTransfer implements ModuleFactory<PaymentGateway> {
        private static final SettingsSchema SCHEMA = SettingsSchema.of(
                SettingField.string("details", false, "", "Bank details added to the instructions (IBAN, BIC, account holder)"));

        @Override public String id() { return "banktransfer"; }

        @Override public ModuleKind kind() { return ModuleKind.PAYMENT; }

        @Override public String label() { return "Bank Transfer"; }

        @Override public SettingsSchema schema() { return SCHEMA; }

        /** The configuration's {@code billing.banktransfer.details}. */
        @Override
        public Map<String, String> configured(ModuleContext context) {
            return Map.of("details", context.config().get("billing.banktransfer.details", ""));
        }

        @Override
        public PaymentGateway create(ModuleSettings settings) {
            String details = settings.string("details");
            return invoice -> "Pay by bank transfer quoting invoice " + invoice.number() + "." + (details.isBlank() ? "" : " " + details);
        }
    }

    /** Account credit: applied by the client ({@code POST /invoice/@id/credit}) or by the order step. */
    public static final class AccountCredit implements ModuleFactory<PaymentGateway> {
        @Override public String id() { return "credit"; }

        @Override public ModuleKind kind() { return ModuleKind.PAYMENT; }

        @Override public String label() { return "Account Credit"; }

        @Override
        public PaymentGateway create(ModuleSettings settings) {
            return invoice -> "Pay from your account credit.";
        }
    }

    /**
     * A sandbox card gateway for trying fees and payments out: it charges nothing, and payments
     * through it are recorded like any gateway's. Disabled until staff enable it.
     */
    public static final class Sandbox implements ModuleFactory<PaymentGateway> {
        @Override public String id() { return "sandbox"; }

        @Override public ModuleKind kind() { return ModuleKind.PAYMENT; }

        @Override public String label() { return "Sandbox Card"; }

        @Override public boolean sandbox() { return true; }

        @Override
        public PaymentGateway create(ModuleSettings settings) {
            return invoice -> "Sandbox gateway: no money is taken; payments are recorded for testing only.";
        }
    }
}
