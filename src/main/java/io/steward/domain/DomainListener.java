package io.steward.domain;

/**
 * Domain status changes, for features that tell the client (mail, portal notifications). Called
 * inside the transaction of the change, after it, so what a listener writes commits with it.
 */
public interface DomainListener {
    /** The domain went from {@code from} to its current status ({@code domain.status()}). */
    void statusChanged(Domain domain, String from);
}
