package io.steward.dns;

import io.steward.config.Config;
import java.time.Duration;

/**
 * DNSSEC timings ({@code dns.dnssec.*}). The rollover waits follow RFC 7583: a new key is
 * published for {@code propagation + dnskeyTtl} before it signs, and the old key leaves the key
 * set once the parent's new DS has been out for {@code propagation + dsTtl} and the last answers
 * signed by it have expired from caches.
 *
 * @param validity         how long a signature is valid ({@code signature-validity}, 14 days)
 * @param inceptionOffset  how far a signature's inception is back-dated for skewed clocks ({@code inception-offset}, 1 h)
 * @param dnskeyTtl        TTL of DNSKEY, CDS and CDNSKEY at the apex ({@code dnskey-ttl}, 3600 s)
 * @param dsTtl            the parent's DS TTL, what caches may keep an old DS for ({@code ds-ttl}, 86400 s)
 * @param propagation      how long until every server of the zone serves a change ({@code propagation}, 1 h)
 * @param rolloverInterval how long a key signs before it is rolled ({@code rollover-interval}, 90 days; 0: never by schedule)
 * @param checkInterval    how often the DNSSEC job advances rollovers and pushes DS sets ({@code check-interval}, 10 min)
 * @param denialCache      signed per-name answers (denials, wildcard expansions) kept per zone ({@code denial-cache}, 10000)
 * @param hashedDenial     denial of existence by an NSEC3 chain ({@code denial = nsec3}, the default), or compact
 *                         NSEC at the asked name ({@code denial = compact}, RFC 9824)
 */
record DnssecSettings(Duration validity, Duration inceptionOffset, int dnskeyTtl, int dsTtl, Duration propagation,
                      Duration rolloverInterval, Duration checkInterval, int denialCache, boolean hashedDenial) {

    static DnssecSettings from(Config c) {
        var s = new DnssecSettings(c.getDuration("dns.dnssec.signature-validity", Duration.ofDays(14)),
                c.getDuration("dns.dnssec.inception-offset", Duration.ofHours(1)),
                c.getInt("dns.dnssec.dnskey-ttl", 3600), c.getInt("dns.dnssec.ds-ttl", 86400),
                c.getDuration("dns.dnssec.propagation", Duration.ofHours(1)),
                c.getDuration("dns.dnssec.rollover-interval", Duration.ofDays(90)),
                c.getDuration("dns.dnssec.check-interval", Duration.ofMinutes(10)),
                Math.max(100, c.getInt("dns.dnssec.denial-cache", 10_000)), hashed(c.get("dns.dnssec.denial", "nsec3")));
        if (s.validity.compareTo(Duration.ofHours(3)) < 0) throw new IllegalArgumentException("dns.dnssec.signature-validity must be at least 3 hours");
        return s;
    }

    private static boolean hashed(String denial) {
        return switch (denial) {
            case "nsec3" -> true;
            case "compact" -> false;
            default -> throw new IllegalArgumentException("dns.dnssec.denial must be nsec3 or compact, not " + denial);
        };
    }

    /** A signature is made again once less than a third of its validity remains. */
    Duration refreshBefore() {
        return validity.dividedBy(3);
    }
}
