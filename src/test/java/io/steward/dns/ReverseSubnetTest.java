package io.steward.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.core.StewardException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reverse zone names and PTR owner names of subnets (RFC 1035 §3.5, RFC 3596 §2.5, RFC 2317). */
class ReverseSubnetTest {
    private static ReverseSubnet subnet(String network, int prefix, boolean classless) {
        return new ReverseSubnet(ReverseSubnet.literal(network), prefix, classless);
    }

    @Test
    void an_octet_aligned_ipv4_subnet_has_one_zone_and_ptrs_under_it() {
        var s = subnet("192.0.2.0", 24, false);
        assertThat(s.zones()).containsExactly("2.0.192.in-addr.arpa");
        assertThat(s.ptrOwner(ReverseSubnet.literal("192.0.2.10"))).isEqualTo("10.2.0.192.in-addr.arpa");
        assertThat(subnet("10.0.0.0", 16, false).zones()).containsExactly("0.10.in-addr.arpa");
    }

    @Test
    void a_subnet_between_boundaries_is_covered_by_the_zones_of_the_next_boundary() {
        assertThat(subnet("198.51.100.0", 22, false).zones())
                .containsExactly("100.51.198.in-addr.arpa", "101.51.198.in-addr.arpa", "102.51.198.in-addr.arpa", "103.51.198.in-addr.arpa");
        assertThat(subnet("2001:db8::", 62, false).zones()).containsExactly(
                "0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "1.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                "2.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "3.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    }

    @Test
    void an_ipv4_subnet_longer_than_24_shares_its_24_zone_unless_classless() {
        assertThat(subnet("203.0.113.128", 26, false).zones()).containsExactly("113.0.203.in-addr.arpa");
        var classless = subnet("203.0.113.128", 26, true);
        assertThat(classless.zones()).containsExactly("128-26.113.0.203.in-addr.arpa");
        assertThat(classless.parent()).contains("113.0.203.in-addr.arpa");
        assertThat(classless.ptrOwner(ReverseSubnet.literal("203.0.113.130"))).isEqualTo("130.128-26.113.0.203.in-addr.arpa");
        assertThat(classless.cnames()).hasSize(64).containsEntry("130.113.0.203.in-addr.arpa", "130.128-26.113.0.203.in-addr.arpa");
    }

    @Test
    void ipv6_ptrs_are_the_32_nibbles_reversed() {
        var s = subnet("2001:db8:100::", 64, false);
        assertThat(s.zones()).containsExactly("0.0.0.0.0.0.1.0.8.b.d.0.1.0.0.2.ip6.arpa");
        assertThat(s.ptrOwner(ReverseSubnet.literal("2001:db8:100::a")))
                .isEqualTo("a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.8.b.d.0.1.0.0.2.ip6.arpa");
        assertThat(s.contains(ReverseSubnet.literal("2001:db8:101::a"))).isFalse();
    }

    @Test
    void prefixes_reverse_zones_cannot_be_cut_for_are_refused() {
        for (var bad : List.of(new Object[] {"10.0.0.0", 4, false}, new Object[] {"2001::", 8, false}, new Object[] {"192.0.2.0", 24, true},
                new Object[] {"2001:db8::", 64, true})) {
            assertThatThrownBy(() -> subnet((String) bad[0], (Integer) bad[1], (Boolean) bad[2])).as("%s/%s", bad[0], bad[1])
                    .isInstanceOf(StewardException.class);
        }
    }
}
