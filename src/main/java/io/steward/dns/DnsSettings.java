package io.steward.dns;

import io.steward.config.Config;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/**
 * The DNS feature's configuration ({@code dns.*}; lists are comma-separated).
 *
 * @param enabled        whether this node runs the authoritative server ({@code dns.enabled}, true)
 * @param host           listen address ({@code dns.host}, 127.0.0.1; 0.0.0.0 and port 53 in production)
 * @param port           UDP and TCP port ({@code dns.port}, 5353; 0 picks a free one, as tests do)
 * @param nameservers    NS records of every new zone and the SOA's primary ({@code dns.nameservers})
 * @param hostmaster     the SOA's responsible mailbox as a name ({@code dns.hostmaster})
 * @param secondaries    addresses allowed to AXFR and sent NOTIFY on change, {@code ip} or {@code ip:port}
 * @param pollMillis     how often the change log is read for other nodes' changes ({@code dns.poll-ms}, 250)
 * @param forwardHost    the forwarding HTTP listener's address ({@code dns.forwarding.host})
 * @param forwardPort    its port ({@code dns.forwarding.port}, 8053; 0 picks a free one; -1 disables it)
 * @param forwardIpv4    the address URL/FRAME names resolve to ({@code dns.forwarding.ipv4}, the listener's by default)
 * @param forwardIpv6    the IPv6 address they resolve to, or null ({@code dns.forwarding.ipv6})
 */
public record DnsSettings(boolean enabled, String host, int port, List<String> nameservers, String hostmaster,
                          int soaTtl, int nsTtl, int refresh, int retry, int expire, int minimum,
                          RecordRules.Limits limits, int maxRecords, List<InetSocketAddress> secondaries, int pollMillis,
                          int udpThreads, int maxUdpPayload, String forwardHost, int forwardPort, String forwardIpv4, String forwardIpv6) {

    public static DnsSettings from(Config c) {
        String forwardHost = c.get("dns.forwarding.host", "127.0.0.1");
        List<String> ns = list(c.get("dns.nameservers", "ns1.steward.test,ns2.steward.test")).stream()
                .map(s -> s.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", "")).toList();
        if (ns.isEmpty() || ns.stream().anyMatch(n -> RecordRules.hostName(n) == null)) {
            throw new IllegalArgumentException("dns.nameservers must list host names");
        }
        String hostmaster = c.get("dns.hostmaster", "hostmaster." + ns.get(0).substring(ns.get(0).indexOf('.') + 1));
        return new DnsSettings(c.getBool("dns.enabled", true), c.get("dns.host", "127.0.0.1"), c.getInt("dns.port", 5353),
                ns, hostmaster.replaceAll("\\.$", ""),
                c.getInt("dns.soa.ttl", 3600), c.getInt("dns.ns-ttl", 86400), c.getInt("dns.soa.refresh", 3600),
                c.getInt("dns.soa.retry", 600), c.getInt("dns.soa.expire", 1209600), c.getInt("dns.soa.minimum", 300),
                new RecordRules.Limits(c.getInt("dns.min-ttl", 1), c.getInt("dns.max-ttl", 604800), c.getInt("dns.default-ttl", 3600)),
                c.getInt("dns.max-records", 50000),
                list(c.get("dns.secondaries", "")).stream().map(DnsSettings::address).toList(),
                Math.max(10, c.getInt("dns.poll-ms", 250)), Math.max(1, c.getInt("dns.udp-threads", 2)),
                Math.max(512, Math.min(65535, c.getInt("dns.max-udp-payload", 1232))),
                forwardHost, c.getInt("dns.forwarding.port", 8053),
                c.get("dns.forwarding.ipv4", forwardHost.matches("[0-9.]+") && !forwardHost.equals("0.0.0.0") ? forwardHost : "127.0.0.1"),
                c.find("dns.forwarding.ipv6").filter(s -> !s.isBlank()).orElse(null));
    }

    private static List<String> list(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static InetSocketAddress address(String s) {
        int colon = s.lastIndexOf(':');
        boolean hasPort = colon > 0 && s.indexOf(':') == colon;
        String host = hasPort ? s.substring(0, colon) : s;
        int port = hasPort ? Integer.parseInt(s.substring(colon + 1)) : 53;
        return new InetSocketAddress(host, port);
    }
}
