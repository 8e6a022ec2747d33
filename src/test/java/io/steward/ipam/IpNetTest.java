package io.steward.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.core.StewardException;
import io.steward.dns.ReverseSubnet;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Subnet arithmetic: parsing, usable ranges (RFC 919/950, 3021, 4291 §2.6.1, 6164) and RFC 5952 text. */
class IpNetTest {
    @Test
    void ipv4_subnets_lose_network_and_broadcast_except_31_and_32() {
        var net = IpNet.parse("192.0.2.0/24", "cidr");
        assertThat(net.usable()).isEqualTo(BigInteger.valueOf(254));
        assertThat(IpNet.text(net.at(net.firstUsable()))).isEqualTo("192.0.2.1");
        assertThat(IpNet.text(net.at(net.lastUsable()))).isEqualTo("192.0.2.254");
        assertThat(net.netmask()).isEqualTo("255.255.255.0");
        assertThat(IpNet.parse("192.0.2.0/31", "cidr").usable()).isEqualTo(BigInteger.TWO);
        assertThat(IpNet.parse("192.0.2.7/32", "cidr").usable()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void ipv6_subnets_lose_the_anycast_address_and_count_beyond_long() {
        var net = IpNet.parse("2001:db8::/64", "cidr");
        assertThat(net.usable()).isEqualTo(BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
        assertThat(IpNet.text(net.at(net.firstUsable()))).isEqualTo("2001:db8::1");
        assertThat(IpNet.parse("2001:db8::/127", "cidr").usable()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void host_bits_and_garbage_are_refused_naming_the_field() {
        assertThatThrownBy(() -> IpNet.parse("192.0.2.1/24", "cidr")).isInstanceOf(StewardException.class)
                .satisfies(e -> assertThat(((StewardException) e).fields().get("cidr").get(0)).contains("192.0.2.0/24"));
        for (String bad : new String[] {"192.0.2.0", "192.0.2.0/33", "192.0.2.0/-1", "example.com/24", "", "2001:db8::/129"}) {
            assertThatThrownBy(() -> IpNet.parse(bad, "cidr")).as(bad).isInstanceOf(StewardException.class);
        }
    }

    @Test
    void ipv6_text_is_rfc_5952() {
        assertThat(IpNet.canonical("2001:0DB8:0000:0000:0000:0000:0000:0001")).isEqualTo("2001:db8::1");
        assertThat(IpNet.canonical("2001:db8:0:1:1:1:1:1")).as("a single zero group stays").isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(IpNet.canonical("2001:0:0:1:0:0:0:1")).as("the longest run is shortened").isEqualTo("2001:0:0:1::1");
        assertThat(IpNet.canonical("::")).isEqualTo("::");
        assertThat(IpNet.canonical("not an address")).isNull();
        assertThat(ReverseSubnet.literal("localhost")).as("never a name lookup").isNull();
    }

    @Test
    void overlapping_subnets_are_seen_from_either_side() {
        var big = IpNet.parse("198.51.100.0/24", "cidr");
        var small = IpNet.parse("198.51.100.128/25", "cidr");
        assertThat(big.overlaps(small)).isTrue();
        assertThat(small.overlaps(big)).isTrue();
        assertThat(small.overlaps(IpNet.parse("198.51.101.0/24", "cidr"))).isFalse();
        assertThat(big.overlaps(IpNet.parse("2001:db8::/64", "cidr"))).isFalse();
    }
}
