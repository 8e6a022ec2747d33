package io.steward.webui.client;

import io.steward.billing.BillingFeature;
import io.steward.dns.DnsClientService;
import io.steward.mail.PasswordResets;
import io.steward.service.ServiceManager;
import io.steward.support.TicketService;

/** The features' services the client-area pages call (the same ones the client API's handlers call). */
public record ClientFeatures(PasswordResets passwordResets, BillingFeature billing, ServiceManager services, DnsClientService dns,
                             TicketService tickets, io.steward.catalog.CatalogService catalog, io.steward.order.OrderService orders,
                             java.util.function.LongFunction<String> currencyOf, io.steward.apikey.ApiKeys apiKeys,
                             io.steward.billing.document.DocumentHandlers documents) {}
