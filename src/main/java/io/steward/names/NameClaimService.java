package io.steward.names;

import io.steward.core.ErrorCode;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.net.IDN;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Who holds which name ({@link NameClaims}), and how a client proves control of a name Steward
 * does not register: a challenge token published as TXT, or a delegation to Steward's nameservers
 * made after the challenge was issued, both read from DNS through {@link NameVerifier}.
 */
public final class NameClaimService implements NameClaims {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final Db db;
    private final Clock clock;
    private final NameStore store;
    private final PublicSuffixes suffixes;
    private final NameVerifier verifier;
    private final List<String> nameservers;
    private final List<NameHolder> holders = new CopyOnWriteArrayList<>();
    private volatile RegisteredNames registry = RegisteredNames.NONE;

    NameClaimService(Db db, Clock clock, NameStore store, PublicSuffixes suffixes, NameVerifier verifier, List<String> nameservers) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.suffixes = suffixes;
        this.verifier = verifier;
        this.nameservers = List.copyOf(nameservers);
    }

    void useRegistry(RegisteredNames registry) {
        this.registry = registry;
    }

    void addHolder(NameHolder holder) {
        holders.add(holder);
    }

    RegisteredNames registry() { return registry; }

    List<NameHolder> holders() { return holders; }

    @Override
    public List<String> nameservers() { return nameservers; }

    // The rule

    /** Lower case, ASCII (IDN in punycode), no final dot; 422 naming the field {@code name} otherwise. */
    static String normalise(String raw) {
        String s = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        try {
            s = IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            s = "";
        }
        boolean ok = !s.isEmpty() && s.length() <= 253;
        for (String label : s.split("\\.", -1)) ok &= LABEL.matcher(label).matches();
        if (!ok) throw invalid("A domain name such as example.com is required");
        return s;
    }

    /** Public suffixes and TLDs answer for everyone's names below them: nobody holds one, staff included. */
    private void requireHoldable(String name) {
        if (suffixes.isSuffix(name) || registry.isTld(name)) {
            throw invalid(name + " is a public suffix (a TLD or a name under which the public registers names) and cannot be held by an account");
        }
    }

    /** The name and its parents up to (not including) its TLD, most specific first. */
    private static List<String> selfAndParents(String name) {
        var out = new ArrayList<String>();
        for (String n = name; n.contains("."); n = n.substring(n.indexOf('.') + 1)) out.add(n);
        return out;
    }

    private static boolean atOrAbove(String parent, String name) {
        return name.equals(parent) || name.endsWith("." + parent);
    }

    @Override
    public void requireClaim(long clientId, String rawName) {
        String name = normalise(rawName);
        requireHoldable(name);
        db.txRun(() -> {
            List<RegisteredNames.Holding> holdings = registry.overlapping(name);
            if (holdings.stream().anyMatch(h -> h.clientId() != clientId)) {
                throw StewardException.forbidden(name + " is part of a domain registered with us by another account");
            }
            if (holdings.stream().anyMatch(h -> atOrAbove(h.domain(), name))) return;
            Optional<Claim> nearest = store.claimsOn(selfAndParents(name)).stream().max(Comparator.comparingInt(c -> c.name().length()));
            if (nearest.isPresent() && nearest.get().clientId() != clientId) {
                throw StewardException.forbidden(name + " is held by another account; if it is yours, ask support to reassign it");
            }
            if (store.claimsBelow(name).stream().anyMatch(c -> c.clientId() != clientId)) {
                throw StewardException.forbidden("A name below " + name + " is held by another account");
            }
            if (nearest.isEmpty()) throw StewardException.forbidden(howToProve(name));
        });
    }

    private String howToProve(String name) {
        return "Prove that you control " + name + " first: POST /api/dns/claims with name=" + name + " gives a token; publish it as a TXT record at "
                + Challenge.PREFIX + name + " (or delegate " + name + " to " + String.join(" and ", nameservers)
                + " after asking for the token), then POST /api/dns/claims/verify with name=" + name;
    }

    @Override
    public Claim assign(long clientId, String rawName) {
        String name = normalise(rawName);
        requireHoldable(name);
        return db.tx(() -> {
            Claim c = store.put(clientId, name, Claim.STAFF, Times.now(clock));
            for (NameHolder h : holders) h.handOver(name, clientId, NameHolder.Handover.MOVE);
            return c;
        });
    }

    @Override
    public void registered(long clientId, String domain) {
        String name = normalise(domain);
        db.txRun(() -> {
            store.dropOthers(name, clientId);
            store.put(clientId, name, Claim.REGISTRATION, Times.now(clock));
            for (NameHolder h : holders) h.handOver(name, clientId, NameHolder.Handover.RELEASE);
        });
    }

    @Override
    public void deregistered(long clientId, String domain) {
        String name = normalise(domain);
        db.txRun(() -> store.deleteClaim(clientId, name, Claim.REGISTRATION));
    }

    // Proof of control (client API)

    /** The client's challenge for the name: the same token until the name is proven. */
    public Challenge challenge(long clientId, String rawName) {
        String name = normalise(rawName);
        requireHoldable(name);
        refuseRegisteredToOthers(clientId, name);
        Optional<Challenge> existing = db.tx(() -> store.challenge(clientId, name));
        if (existing.isPresent()) return existing.get();
        // Asked before the row is written: a delegation that exists already proves nothing about this client.
        boolean nsBefore = delegatedToSteward(name) != Boolean.FALSE;
        String token = "steward-" + Secrets.randomToken(24);
        try {
            return db.tx(() -> store.insertChallenge(clientId, name, token, nsBefore, Times.now(clock)));
        } catch (RuntimeException e) {
            if (!Db.isConstraintViolation(e)) throw e;
            return db.tx(() -> store.challenge(clientId, name)).orElseThrow(() -> e);
        }
    }

    /**
     * Checks the client's challenge in DNS ({@code method} {@code txt}, {@code ns}, or null for
     * either) and records the claim. 422 saying what DNS showed when it proves nothing; 409 when
     * another account holds the name or a parent of it, or a domain registered with us covers it for
     * another account (staff can reassign).
     */
    public Claim verify(long clientId, String rawName, String method) {
        String name = normalise(rawName);
        requireHoldable(name);
        String m = method == null || method.isBlank() ? null : method.strip().toLowerCase(Locale.ROOT);
        if (m != null && !m.equals(Claim.TXT) && !m.equals(Claim.NS)) {
            throw new StewardException(ErrorCode.UNPROCESSABLE, List.of("Method must be txt or ns"), Map.of("method", List.of("Method must be txt or ns")));
        }
        refuseRegisteredToOthers(clientId, name);
        Challenge ch = db.tx(() -> store.challenge(clientId, name))
                .orElseThrow(() -> invalid("There is no challenge for " + name + ": ask for one with POST /api/dns/claims first"));
        refuseClaimedByOthers(clientId, name);
        var problems = new ArrayList<String>();
        String proven = null;
        if (m == null || m.equals(Claim.TXT)) {
            var a = verifier.txt(ch.txtName());
            if (a.values().contains(ch.token())) proven = Claim.TXT;
            else problems.add(a.failed() ? "TXT at " + ch.txtName() + ": " + a.problem()
                    : "TXT at " + ch.txtName() + " does not hold the token (found " + (a.values().isEmpty() ? "nothing" : String.join(", ", a.values())) + ")");
        }
        if (proven == null && (m == null || m.equals(Claim.NS))) {
            if (ch.nsBefore()) {
                problems.add(name + " was already delegated to Steward's nameservers (or DNS could not tell) when the challenge was issued,"
                        + " so the delegation does not show who made it: publish the TXT record instead");
            } else {
                var a = verifier.ns(name);
                if (delegated(a)) proven = Claim.NS;
                else problems.add(a.failed() ? "NS of " + name + ": " + a.problem()
                        : "NS of " + name + " are " + (a.values().isEmpty() ? "not published" : String.join(", ", a.values()))
                        + ", not only " + String.join(", ", nameservers));
            }
        }
        if (proven == null) throw new StewardException(ErrorCode.UNPROCESSABLE, problems, Map.of("name", problems));
        String how = proven;
        try {
            return db.tx(() -> {
                // Checked again in the writing transaction: another account may have been given the name meanwhile.
                refuseClaimedByOthers(clientId, name);
                Claim c = store.put(clientId, name, how, Times.now(clock));
                store.deleteChallenge(ch.id());
                // A zone of another account at or under the proven name holds it without any claim (left
                // from before claims, or its claim was revoked): proof wins, as a registration does —
                // unless another account proved or was given a name below, which staff then settle.
                if (store.claimsBelow(name).stream().allMatch(x -> x.clientId() == clientId)) {
                    for (NameHolder h : holders) h.handOver(name, clientId, NameHolder.Handover.RELEASE);
                }
                return c;
            });
        } catch (RuntimeException e) {
            // Two accounts proving one name at once: the unique name keeps the first.
            if (Db.isConstraintViolation(e)) throw StewardException.conflict(name + " was just claimed by another account");
            throw e;
        }
    }

    /** Proving a name the registry holds for another account conflicts with that holding (409, like a claim held by another). */
    private void refuseRegisteredToOthers(long clientId, String name) {
        if (db.tx(() -> registry.overlapping(name)).stream().anyMatch(h -> h.clientId() != clientId)) {
            throw StewardException.conflict(name + " is part of a domain registered with us by another account");
        }
    }

    private void refuseClaimedByOthers(long clientId, String name) {
        if (db.tx(() -> store.claimsOn(selfAndParents(name))).stream().anyMatch(c -> c.clientId() != clientId)) {
            throw StewardException.conflict(name + " (or a name above it) is held by another account; if it is yours, ask support to reassign it");
        }
    }

    /** True/false when DNS could tell whether the name is delegated to Steward's nameservers only; null when it could not. */
    private Boolean delegatedToSteward(String name) {
        var a = verifier.ns(name);
        return a.failed() ? null : delegated(a);
    }

    private boolean delegated(NameVerifier.Answer a) {
        return !a.failed() && !a.values().isEmpty() && nameservers.containsAll(a.values());
    }

    public List<Claim> claimsOf(long clientId) {
        return db.tx(() -> store.search(clientId, null));
    }

    public List<Challenge> challengesOf(long clientId) {
        return db.tx(() -> store.challengesOf(clientId));
    }

    // Staff

    public List<Claim> search(Long clientId, String query) {
        return db.tx(() -> store.search(clientId, query));
    }

    /** Staff withdraw a claim; what the client holds under the name (zones) stays until staff move or delete it. */
    public Claim revoke(long id) {
        return db.tx(() -> {
            Claim c = store.claim(id).orElseThrow(() -> StewardException.notFound("Claim not found"));
            store.delete(id);
            return c;
        });
    }

    Optional<String> blockingDeletion(long clientId) {
        int n = db.tx(() -> store.countClaimsOf(clientId));
        return n == 0 ? Optional.empty() : Optional.of("the client holds " + n + " name claim(s)");
    }

    private static StewardException invalid(String message) {
        return new StewardException(ErrorCode.UNPROCESSABLE, List.of(message), Map.of("name", List.of(message)));
    }
}
