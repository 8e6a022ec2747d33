package io.steward.v1;

/** The handler sets the services API's route table points into. */
public record V1Handlers(CatalogV1Handlers catalog, ServiceV1Handlers services, DomainV1Handlers domains, BillingV1Handlers billing) {}
