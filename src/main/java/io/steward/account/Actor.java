package io.steward.account;

import io.steward.core.StewardException;

/**
 * The caller of a client-API request as the account feature sees it: the account, the contact
 * acting (null for the account holder) and what that contact may do. Every privilege check in the
 * client API goes through {@link #require}.
 */
public record Actor(long clientId, Long contactId, Privileges privileges) {
    public boolean isHolder() { return contactId == null; }

    public boolean can(String group, String privilege) {
        return privileges.allows(group, privilege);
    }

    /** Throws 403 unless the caller holds {@code group/privilege}. */
    public void require(String group, String privilege) {
        if (!can(group, privilege)) {
            throw StewardException.forbidden("Your contact account lacks the privilege " + group + "/" + privilege);
        }
    }

    /** Throws 403 unless the caller holds {@code privilege} on the service (or all services). */
    public void requireService(long serviceId, String privilege) {
        if (!privileges.services().allows(serviceId, privilege)) {
            throw StewardException.forbidden("Your contact account lacks the privilege " + privilege + " on this service");
        }
    }

    /** Throws 403 unless the caller holds {@code privilege} on the domain (or all domains). */
    public void requireDomain(long domainId, String privilege) {
        if (!privileges.domains().allows(domainId, privilege)) {
            throw StewardException.forbidden("Your contact account lacks the privilege " + privilege + " on this domain");
        }
    }
}
