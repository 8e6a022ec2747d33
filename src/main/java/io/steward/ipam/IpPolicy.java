package io.steward.ipam;

import java.util.List;

/** How many addresses of each family a product's services get, from which pools (the first with room gives). */
record IpPolicy(long productId, int ipv4Count, int ipv6Count, List<Long> poolIds) {
    int count(int family) {
        return family == 4 ? ipv4Count : ipv6Count;
    }
}
