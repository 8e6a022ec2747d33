package io.steward.domain.registrar;

import io.steward.modules.ModuleProvider;
import java.util.List;
import java.util.Map;

/**
 * One registrar connection, made by a {@code ModuleFactory<RegistrarModule>} of kind {@code registrar}
 * from an instance's settings (the factory's {@code capabilities()} name the {@link Capability}s it has). Called outside any
 * business transaction; calls must be idempotent where they can be repeated (register and renew
 * are queued as jobs with at-least-once delivery: a repeated {@code register} of a name this
 * registrar already holds for the same term answers its info). Refusals throw
 * {@link RegistrarException}. Methods of capabilities the factory does not list may throw
 * {@link UnsupportedOperationException}.
 *
 * <p>Contacts are maps of role ({@code registrant}, {@code admin}, {@code tech}, {@code billing})
 * to fields (firstname, lastname, companyname, email, address1, city, state, postcode, country,
 * phonenumber).
 */
public interface RegistrarModule extends ModuleProvider {
    Availability check(String name);

    RegistryInfo register(String name, int years, List<String> nameservers, Map<String, Map<String, String>> contacts, boolean privacy);

    /** Asks for a transfer to this registrar; usually answers {@code pendingTransfer} until the losing side completes. */
    RegistryInfo transfer(String name, String eppCode, int years);

    RegistryInfo renew(String name, int years);

    RegistryInfo info(String name);

    void setNameservers(String name, List<String> nameservers);

    /** Registers (or updates) a nameserver host under the name, with its addresses (glue). */
    void registerHost(String name, String host, List<String> addresses);

    Map<String, List<String>> hosts(String name);

    void setLock(String name, boolean locked);

    void setPrivacy(String name, boolean privacy);

    Map<String, Map<String, String>> contacts(String name);

    void setContacts(String name, Map<String, Map<String, String>> contacts);

    String eppCode(String name);

    List<DsRecord> dsRecords(String name);

    void addDs(String name, DsRecord record);

    /** Removes the DS record whose {@link DsRecord#key()} is {@code key}; false when there is none. */
    boolean removeDs(String name, String key);

    /** Email forwarding aliases: local part (or {@code *}) to target address. */
    Map<String, String> emailForwards(String name);

    void setEmailForwards(String name, Map<String, String> forwards);
}
