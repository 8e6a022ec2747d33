package io.steward.billing;

/**
 * The client's details an invoice keeps as they were at issue (what the invoice was addressed
 * to), stored as JSON with the invoice. {@code vatNumber} is empty when unknown.
 */
public record ClientSnapshot(long id, String email, String firstname, String lastname, String companyname,
                             String address1, String address2, String city, String state, String postcode,
                             String country, String phonenumber, String vatNumber) {}
