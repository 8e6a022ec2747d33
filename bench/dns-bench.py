#!/usr/bin/env python3
"""DNS benchmark: Steward's authoritative server against PowerDNS serving the same 10k-record zone,
and the propagation of record changes from the API's 2xx answer to the DNS server's new answer.

Run through bench/dns-bench.sh (which builds the jar). Outputs in bench/out/dns-*.
"""
import base64, http.client, json, os, random, re, shutil, signal, socket, statistics, struct, subprocess, sys, tempfile, threading, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dnsbench_common import ADMIN, PIN, Api, free_port, pinned, say  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
RECORDS = int(os.environ.get("BENCH_RECORDS", "10000"))
DURATION = int(os.environ.get("BENCH_DURATION", "15"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CHANGES = int(os.environ.get("BENCH_CHANGES", "500"))
CLIENTS = os.environ.get("BENCH_DNSPERF_CLIENTS", "4")
OUTSTANDING = os.environ.get("BENCH_DNSPERF_OUTSTANDING", "100")
ZONE = "bench.test"


def records():
    """The zone: RECORDS A records host0..hostN plus some of the other types, the same for both servers."""
    out = []
    for i in range(RECORDS):
        out.append((f"host{i}", "A", 3600, 0, f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"))
    out += [("@", "MX", 3600, 10, f"mail.{ZONE}"), ("mail", "A", 3600, 0, "192.0.2.25"), ("@", "TXT", 3600, 0, "v=spf1 mx -all"),
            ("www", "CNAME", 3600, 0, f"host1.{ZONE}"), ("propagate", "A", 60, 0, "192.0.2.1")]
    return out


def zone_file(path, ns):
    with open(path, "w") as f:
        f.write(f"$ORIGIN {ZONE}.\n$TTL 3600\n@ IN SOA {ns[0]}. hostmaster.steward.test. 2026112500 3600 600 1209600 300\n")
        for n in ns:
            f.write(f"@ IN NS {n}.\n")
        for name, typ, ttl, prio, content in records():
            c = f'"{content}"' if typ == "TXT" else (content + "." if typ in ("MX", "CNAME") else content)
            f.write(f"{name} {ttl} IN {typ} {str(prio) + ' ' if typ == 'MX' else ''}{c}\n")


def query_bytes(name, qid):
    q = struct.pack(">HHHHHH", qid, 0, 1, 0, 0, 0)
    for label in name.split("."):
        q += bytes([len(label)]) + label.encode()
    return q + b"\x00" + struct.pack(">HH", 1, 1)


def answer_ip(resp):
    """The last A record's address in a response (enough for the one-record answers here)."""
    if len(resp) < 12 or struct.unpack(">H", resp[6:8])[0] == 0:
        return None
    return ".".join(str(b) for b in resp[-4:])


def dnsperf(port, datafile, label):
    cmd = pinned(1, ["dnsperf", "-s", "127.0.0.1", "-p", str(port), "-d", datafile, "-l", str(DURATION), "-c", CLIENTS,
                     "-q", OUTSTANDING, "-v"])
    p = subprocess.run(cmd, capture_output=True, text=True)
    qps = float(re.search(r"Queries per second:\s+([\d.]+)", p.stdout).group(1))
    lost = re.search(r"Queries lost:\s+(\d+)", p.stdout).group(1)
    lat = sorted(float(m.group(1)) for m in re.finditer(r"^> \S+ .* ([\d.]+)$", p.stdout, re.M))
    p50 = lat[len(lat) // 2] * 1000 if lat else float("nan")
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000 if lat else float("nan")
    with open(os.path.join(OUT, "dns-dnsperf-raw.txt"), "a") as f:
        f.write(f"== {label}\n" + "\n".join(l for l in p.stdout.splitlines() if not l.startswith(">")) + "\n")
    return qps, p50, p99, lost


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return int(parts[11]) + int(parts[12])


def main():
    os.makedirs(OUT, exist_ok=True)
    open(os.path.join(OUT, "dns-dnsperf-raw.txt"), "w").close()
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
    work = tempfile.mkdtemp(prefix="steward-dns-bench.")
    procs = []

    def cleanup(*_):
        for p in procs:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
        shutil.rmtree(work, ignore_errors=True)

    signal.signal(signal.SIGTERM, lambda *a: (cleanup(), sys.exit(130)))
    try:
        http_port, dns_port, pdns_port = free_port(), free_port(), free_port()
        env = dict(os.environ, STEWARD_ACCESS_LOG_LEVEL="WARN", STEWARD_DNS_PORT=str(dns_port), STEWARD_DNS_HOST="127.0.0.1",
                   STEWARD_DNS_FORWARDING_PORT="-1", STEWARD_DNS_UDP_THREADS=os.environ.get("BENCH_UDP_THREADS", "1"))
        log = open(os.path.join(OUT, "dns-server.log"), "w")
        steward = subprocess.Popen(pinned(0, [java] + os.environ.get("BENCH_JAVA_OPTS", "").split() + ["-jar", os.path.join(ROOT, "target", "steward.jar"),
                                   "serve", "--demo", "--host", "127.0.0.1", "--port", str(http_port), "--data", os.path.join(work, "data")]),
                                   env=env, stdout=log, stderr=subprocess.STDOUT)
        procs.append(steward)
        api = Api(http_port)
        for _ in range(240):
            try:
                if api.call("GET", "/clients?q=demo@example.com")[0] == 200:
                    break
            except Exception:
                pass
            if steward.poll() is not None:
                sys.exit("steward exited; see bench/out/dns-server.log")
            time.sleep(0.5)
        client_id = api.call("GET", "/clients?q=demo@example.com")[1]["clients"][0]["id"]
        status, zone = api.call("POST", "/dns/zones", {"client_id": client_id, "name": ZONE})
        assert status == 201, zone
        zone_id = zone["zone"]["id"]
        say(f"dns-bench: importing {RECORDS} records into Steward through the admin API")
        recs = records()
        t0 = time.time()
        for i in range(0, len(recs), 2500):
            chunk = [{"name": n, "type": t, "ttl": ttl, "priority": p, "content": c} for n, t, ttl, p, c in recs[i:i + 2500]]
            s, body = api.call("POST", f"/dns/zones/{zone_id}/import", {"records": chunk})
            assert s == 201, body
        s, body = api.call("GET", f"/dns/zones/{zone_id}")
        ids = {r["name"].split(".")[0] + "/" + r["type"]: r["id"] for r in body["zone"]["records"]}
        say(f"dns-bench: loaded in {time.time() - t0:.1f} s")

        # PowerDNS, bind backend, the same zone, its default caches, one thread each, pinned like Steward.
        conf = os.path.join(work, "pdns")
        os.makedirs(conf)
        zone_file(os.path.join(conf, "bench.zone"), ["ns1.steward.test", "ns2.steward.test"])
        with open(os.path.join(conf, "named.conf"), "w") as f:
            f.write(f'zone "{ZONE}" {{ type master; file "{conf}/bench.zone"; }};\n')
        with open(os.path.join(conf, "pdns.conf"), "w") as f:
            f.write(f"launch=bind\nbind-config={conf}/named.conf\nlocal-address=127.0.0.1\nlocal-port={pdns_port}\n"
                    f"socket-dir={conf}\ndaemon=no\nguardian=no\nsetuid=\nsetgid=\nreceiver-threads=1\ndistributor-threads=1\n"
                    f"webserver=no\napi=no\nloglevel=3\n")
        pdns = subprocess.Popen(pinned(0, ["pdns_server", f"--config-dir={conf}"]), stdout=open(os.path.join(OUT, "dns-pdns.log"), "w"),
                                stderr=subprocess.STDOUT)
        procs.append(pdns)

        # Both must give the same answer before they are compared.
        def ask(port, name):
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.settimeout(2)
                s.sendto(query_bytes(name, 7), ("127.0.0.1", port))
                return answer_ip(s.recv(4096))
        for _ in range(40):
            try:
                if ask(pdns_port, f"host1.{ZONE}"):
                    break
            except OSError:
                pass
            time.sleep(0.25)
        for name in (f"host1.{ZONE}", f"host{RECORDS - 1}.{ZONE}"):
            a, b = ask(dns_port, name), ask(pdns_port, name)
            assert a == b and a, f"answers differ for {name}: steward {a}, powerdns {b}"

        datafile = os.path.join(work, "queries.txt")
        rnd = random.Random(42)
        with open(datafile, "w") as f:
            for _ in range(100000):
                f.write(f"host{rnd.randrange(RECORDS)}.{ZONE} A\n")

        say(f"dns-bench: warming up both servers ({DURATION} s each)")
        dnsperf(dns_port, datafile, "warm-up steward")
        dnsperf(pdns_port, datafile, "warm-up powerdns")
        results = {"steward": [], "powerdns": []}
        for r in range(ROUNDS):
            order = [("steward", dns_port, steward), ("powerdns", pdns_port, pdns)]
            if r % 2:
                order.reverse()
            for name, port, proc in order:
                c0 = cpu_ticks(proc.pid)
                qps, p50, p99, lost = dnsperf(port, datafile, f"round {r + 1} {name}")
                cpu = (cpu_ticks(proc.pid) - c0) / os.sysconf("SC_CLK_TCK")
                us_per_q = cpu / (qps * DURATION) * 1e6
                results[name].append((qps, p50, p99, us_per_q))
                say(f"dns-bench: round {r + 1} {name}: {qps:.0f} qps, p50 {p50:.3f} ms, p99 {p99:.3f} ms, lost {lost}, server CPU {us_per_q:.1f} us/query")

        # Propagation: change the record through the admin API; from its 2xx, ask Steward's server until
        # the new address comes back. Any answer with the old address after the 2xx is stale.
        say(f"dns-bench: propagation, {CHANGES} changes")
        rid = ids["propagate/A"]
        lat, stale, t_start = [], 0, time.time()
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.settimeout(2)
        for i in range(CHANGES):
            ip = f"192.0.{2 + (i // 250) % 2}.{1 + i % 250}"
            s, body = api.call("PUT", f"/dns/zones/{zone_id}/records/{rid}", {"content": ip})
            t0 = time.perf_counter()
            assert s == 200, body
            while True:
                sock.sendto(query_bytes(f"propagate.{ZONE}", i & 0xffff), ("127.0.0.1", dns_port))
                got = answer_ip(sock.recv(4096))
                if got == ip:
                    lat.append((time.perf_counter() - t0) * 1000)
                    break
                stale += 1
        elapsed = time.time() - t_start
        lat.sort()
        prop = {"p50": lat[len(lat) // 2], "p99": lat[min(len(lat) - 1, int(len(lat) * 0.99))], "max": lat[-1],
                "changes_per_s": CHANGES / elapsed, "stale": stale}

        def med(name, i):
            return statistics.median(x[i] for x in results[name])
        sq, pq = med("steward", 0), med("powerdns", 0)
        report = [
            f"DNS benchmark: {RECORDS + 5}-record zone, dnsperf -c {CLIENTS} -q {OUTSTANDING} for {DURATION} s x {ROUNDS} rounds (median), "
            f"pinning: {'servers on cpu 0, dnsperf on cpu 1' if PIN else 'none'}, load average at the end (1 min): {os.getloadavg()[0]:.2f}",
            f"{'server':10} {'qps':>10} {'p50 ms':>8} {'p99 ms':>8} {'CPU us/q':>9}",
            f"{'steward':10} {sq:10.0f} {med('steward', 1):8.3f} {med('steward', 2):8.3f} {med('steward', 3):9.1f}",
            f"{'powerdns':10} {pq:10.0f} {med('powerdns', 1):8.3f} {med('powerdns', 2):8.3f} {med('powerdns', 3):9.1f}",
            f"steward / powerdns qps: {sq / pq:.2f}x (target >= 1.0x)",
            f"propagation ({CHANGES} changes through PUT /admin/api/dns/zones/@id/records/@record_id): p50 {prop['p50']:.2f} ms, "
            f"p99 {prop['p99']:.2f} ms, max {prop['max']:.2f} ms, {prop['changes_per_s']:.0f} changes/s, stale answers {prop['stale']} "
            f"(targets: p99 < 20 ms, 0 stale)",
        ]
        with open(os.path.join(OUT, "dns-report.txt"), "w") as f:
            f.write("\n".join(report) + "\n")
        print("\n".join(report))
        ok = sq >= pq and prop["p99"] < 20 and prop["stale"] == 0
        return 0 if ok else 1
    finally:
        cleanup()


if __name__ == "__main__":
    sys.exit(main())
