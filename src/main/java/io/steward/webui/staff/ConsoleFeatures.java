package io.steward.webui.staff;

import io.steward.account.ClientAdminService;
import io.steward.auth.AuthService;
import io.steward.billing.BillingFeature;
import io.steward.engine.BillingEngine;
import io.steward.jobs.Jobs;
import io.steward.order.OrderService;
import io.steward.staff.StaffAudit;
import io.steward.support.SupportFeature;

/** The features' services the console's pages call. */
public record ConsoleFeatures(ClientAdminService clients, AuthService auth, BillingFeature billing, SupportFeature support,
                              OrderService orders, Jobs jobs, BillingEngine engine, StaffAudit audit) {}
