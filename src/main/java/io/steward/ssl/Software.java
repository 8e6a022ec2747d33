package io.steward.ssl;

import java.util.List;

/** The server software a certificate is ordered for (the references' numbering, as commercial CAs ask for it). */
final class Software {
    private Software() {}

    record Entry(int id, String name) {}

    static final List<Entry> ALL = List.of(
            new Entry(0, "AOL"), new Entry(1, "Apache-SSL (Ben-SSL, not Stronghold)"), new Entry(2, "Apache + ModSSL"),
            new Entry(3, "Apache + OpenSSL"), new Entry(4, "Apache + Raven"), new Entry(5, "C2Net Stronghold"),
            new Entry(6, "Cisco 3000 Series VPN Concentrator"), new Entry(7, "Citrix"), new Entry(8, "Cobalt Raq"),
            new Entry(9, "Covalent Server Software"), new Entry(10, "IBM HTTP Server"), new Entry(11, "IBM Internet Connection Server"),
            new Entry(12, "iPlanet"), new Entry(13, "Java Web Server (Javasoft / Sun)"), new Entry(14, "Lotus Domino"),
            new Entry(15, "Lotus Domino Go!"), new Entry(16, "Microsoft IIS 1.x to 4.x"), new Entry(17, "Microsoft IIS 5.x and later"),
            new Entry(18, "Netscape Enterprise Server"), new Entry(19, "Netscape FastTrack"), new Entry(20, "Novell Web Server"),
            new Entry(21, "Oracle"), new Entry(22, "Quid Pro Quo"), new Entry(23, "R3 SSL Server"), new Entry(24, "Raven SSL"),
            new Entry(25, "RedHat Linux"), new Entry(26, "SAP Web Application Server"), new Entry(27, "Tomcat"),
            new Entry(28, "Website Professional"), new Entry(29, "WebStar 4.x and later"), new Entry(30, "WebTen (from Tenon)"),
            new Entry(31, "Zeus Web Server"), new Entry(32, "Ensim"), new Entry(33, "Plesk"), new Entry(34, "WHM/cPanel"),
            new Entry(35, "H-Sphere"), new Entry(36, "Nginx"), new Entry(37, "Other"));

    static boolean exists(int id) {
        return ALL.stream().anyMatch(e -> e.id() == id);
    }
}
