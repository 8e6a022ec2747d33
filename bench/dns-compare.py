#!/usr/bin/env python3
"""DNS query-cost comparison: Steward's authoritative server against PowerDNS (bind backend) and
Knot DNS serving the same zone, unsigned and signed (ECDSA P-256, NSEC), with queries carrying the
DO bit, positive-only and mixed with NXDOMAIN queries for random names that do not exist.

The figure is server CPU time per answered query (from /proc): the dnsperf client on the other CPU
saturates before the servers do, so queries per second alone says little. Run through
bench/dns-bench.sh (which builds the jar). Outputs in bench/out/dns-compare-*.
"""
import http.client, json, os, random, re, shutil, signal, socket, statistics, struct, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dnsbench_common import ADMIN, PIN, Api, free_port, pinned, say  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
RECORDS = int(os.environ.get("BENCH_RECORDS", "10000"))
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WARMUP = int(os.environ.get("BENCH_WARMUP", str(DURATION)))
NX_PERCENT = int(os.environ.get("BENCH_NX_PERCENT", "25"))
CLIENTS = os.environ.get("BENCH_DNSPERF_CLIENTS", "4")
OUTSTANDING = os.environ.get("BENCH_DNSPERF_OUTSTANDING", "100")
# Lines per mixed query file: enough that dnsperf does not wrap around within a run (it would then
# ask the same "random" names again and measure caches instead of denials).
MIXED_LINES = int(os.environ.get("BENCH_MIXED_LINES", str(max(200000, DURATION * 80000))))
ZONE = "bench.test"
NS = ["ns1.steward.test", "ns2.steward.test"]
SERVERS = ["steward", "powerdns", "knot"]
# BENCH_JFR=1: a JFR profile of Steward (settings=profile) per zone and query mix, over its measured
# rounds, in bench/out/dns-compare-steward-<zone>-<mix>.jfr (the profiler adds to the CPU per query).
JFR = bool(os.environ.get("BENCH_JFR"))
# Targets: Steward's CPU per query <= PowerDNS's, and <= Knot's / 0.7.
KNOT_FACTOR = 0.7


def records():
    """The zone of bench/dns-bench.py: RECORDS A records host0..hostN plus MX, TXT, CNAME."""
    out = [(f"host{i}", "A", 3600, 0, f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}") for i in range(RECORDS)]
    out += [("@", "MX", 3600, 10, f"mail.{ZONE}"), ("mail", "A", 3600, 0, "192.0.2.25"), ("@", "TXT", 3600, 0, "v=spf1 mx -all"),
            ("www", "CNAME", 3600, 0, f"host1.{ZONE}"), ("propagate", "A", 60, 0, "192.0.2.1")]
    return out


def zone_file(path):
    with open(path, "w") as f:
        f.write(f"$ORIGIN {ZONE}.\n$TTL 3600\n@ IN SOA {NS[0]}. hostmaster.steward.test. 2026112500 3600 600 1209600 300\n")
        for n in NS:
            f.write(f"@ IN NS {n}.\n")
        for name, typ, ttl, prio, content in records():
            c = f'"{content}"' if typ == "TXT" else (content + "." if typ in ("MX", "CNAME") else content)
            f.write(f"{name} {ttl} IN {typ} {str(prio) + ' ' if typ == 'MX' else ''}{c}\n")


def ask(port, name, dnssec_ok=True):
    """One UDP query (A, with EDNS and DO); returns (rcode, answer count, first A address or None, RRSIG seen)."""
    q = struct.pack(">HHHHHH", 7, 0, 1, 0, 0, 1)
    for label in name.split("."):
        q += bytes([len(label)]) + label.encode()
    q += b"\x00" + struct.pack(">HH", 1, 1)
    q += b"\x00" + struct.pack(">HHIH", 41, 1232, 0x8000 if dnssec_ok else 0, 0)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(2)
        s.sendto(q, ("127.0.0.1", port))
        resp = s.recv(4096)
    rcode = resp[3] & 15
    an = struct.unpack(">H", resp[6:8])[0]
    # Walk the answer section for an A address and an RRSIG.
    pos, addr, rrsig = 12, None, False
    while resp[pos]:
        pos += resp[pos] + 1
    pos += 5
    for _ in range(an):
        while True:
            if resp[pos] >= 0xC0:
                pos += 2
                break
            if resp[pos] == 0:
                pos += 1
                break
            pos += resp[pos] + 1
        typ, _, _, rdlen = struct.unpack(">HHIH", resp[pos:pos + 10])
        pos += 10
        if typ == 1 and addr is None:
            addr = ".".join(str(b) for b in resp[pos:pos + 4])
        rrsig |= typ == 46
        pos += rdlen
    return rcode, an, addr, rrsig


def cpu_ticks(pid):
    """(user, system) CPU ticks of a process, all its threads."""
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return int(parts[11]), int(parts[12])


def dnsperf(port, datafile, label, seconds=DURATION, once=False):
    cmd = pinned(1, ["dnsperf", "-s", "127.0.0.1", "-p", str(port), "-d", datafile, "-l", str(seconds), "-c", CLIENTS,
                     "-q", OUTSTANDING, "-D"] + (["-n", "1"] if once else []))
    p = subprocess.run(cmd, capture_output=True, text=True)
    with open(os.path.join(OUT, "dns-compare-dnsperf-raw.txt"), "a") as f:
        f.write(f"== {label}\n{p.stdout}{p.stderr}\n")
    m = re.search(r"Queries completed:\s+(\d+)", p.stdout)
    if not m:
        raise RuntimeError(f"dnsperf failed for {label}: {p.stdout[-500:]} {p.stderr[-500:]}")
    return {"completed": int(m.group(1)),
            "qps": float(re.search(r"Queries per second:\s+([\d.]+)", p.stdout).group(1)),
            "lost": int(re.search(r"Queries lost:\s+(\d+)", p.stdout).group(1)),
            "avg_ms": float(re.search(r"Average Latency \(s\):\s+([\d.]+)", p.stdout).group(1)) * 1000,
            "rcodes": re.search(r"Response codes:\s+(.*)", p.stdout).group(1).strip()}


def write_queries(path, nx_percent, seed, lines):
    """hostN names at random, and nx_percent % of names that do not exist, each drawn fresh."""
    rnd = random.Random(seed)
    with open(path, "w") as f:
        f.write("".join(f"nx{rnd.getrandbits(48):012x}.{ZONE} A\n" if rnd.randrange(100) < nx_percent
                        else f"host{rnd.randrange(RECORDS)}.{ZONE} A\n" for _ in range(lines)))


class Servers:
    """Starts and stops the servers; everything lives under one temporary directory."""

    def __init__(self, work):
        self.work = work
        self.procs = []

    def start(self, cmd, log, cpu=0, env=None):
        p = subprocess.Popen(pinned(cpu, cmd), env=env, stdout=open(os.path.join(OUT, log), "w"), stderr=subprocess.STDOUT)
        self.procs.append(p)
        return p

    def stop(self):
        for p in self.procs:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()

    def steward(self, java):
        http_port, dns_port = free_port(), free_port()
        env = dict(os.environ, STEWARD_ACCESS_LOG_LEVEL="WARN", STEWARD_DNS_PORT=str(dns_port), STEWARD_DNS_HOST="127.0.0.1",
                   STEWARD_DNS_FORWARDING_PORT="-1", STEWARD_DNS_UDP_THREADS=os.environ.get("BENCH_UDP_THREADS", "1"))
        proc = self.start([java] + os.environ.get("BENCH_JAVA_OPTS", "").split() + ["-jar", os.path.join(ROOT, "target", "steward.jar"),
                          "serve", "--demo", "--host", "127.0.0.1", "--port", str(http_port), "--data", os.path.join(self.work, "data")],
                          "dns-compare-steward.log", env=env)
        api = Api(http_port)
        for _ in range(240):
            try:
                if api.call("GET", "/clients?q=demo@example.com")[0] == 200:
                    break
            except Exception:
                pass
            if proc.poll() is not None:
                raise RuntimeError("steward exited; see bench/out/dns-compare-steward.log")
            time.sleep(0.5)
        client_id = api.call("GET", "/clients?q=demo@example.com")[1]["clients"][0]["id"]
        status, zone = api.call("POST", "/dns/zones", {"client_id": client_id, "name": ZONE})
        assert status == 201, zone
        zone_id = zone["zone"]["id"]
        recs = records()
        for i in range(0, len(recs), 2500):
            chunk = [{"name": n, "type": t, "ttl": ttl, "priority": p, "content": c} for n, t, ttl, p, c in recs[i:i + 2500]]
            s, body = api.call("POST", f"/dns/zones/{zone_id}/import", {"records": chunk})
            assert s == 201, body
        return proc, dns_port, lambda: api.call("POST", f"/dns/zones/{zone_id}/dnssec", {"enabled": True})

    def powerdns(self, name, signed):
        """PowerDNS 4, bind backend, one receiver and one distributor thread, default caches. Signed: a
        DNSSEC database for the bind backend and one combined ECDSA P-256 key (algorithm 13), NSEC."""
        conf = os.path.join(self.work, name)
        os.makedirs(conf)
        zone_file(os.path.join(conf, "bench.zone"))
        port = free_port()
        with open(os.path.join(conf, "named.conf"), "w") as f:
            f.write(f'zone "{ZONE}" {{ type master; file "{conf}/bench.zone"; }};\n')
        with open(os.path.join(conf, "pdns.conf"), "w") as f:
            f.write(f"launch=bind\nbind-config={conf}/named.conf\nlocal-address=127.0.0.1\nlocal-port={port}\n"
                    f"socket-dir={conf}\ndaemon=no\nguardian=no\nsetuid=\nsetgid=\nreceiver-threads=1\ndistributor-threads=1\n"
                    f"webserver=no\napi=no\nloglevel=3\n")
            if signed:
                f.write(f"bind-dnssec-db={conf}/dnssec.sqlite3\ndefault-ksk-algorithm=ecdsap256sha256\ndefault-zsk-algorithm=\n")
        if signed:
            for cmd in (["create-bind-db", f"{conf}/dnssec.sqlite3"], ["secure-zone", ZONE], ["show-zone", ZONE]):
                p = subprocess.run(["pdnsutil", f"--config-dir={conf}"] + cmd, capture_output=True, text=True)
                with open(os.path.join(OUT, f"dns-compare-{name}.pdnsutil.txt"), "a") as f:
                    f.write(f"$ pdnsutil {' '.join(cmd)}\n{p.stdout}{p.stderr}\n")
                if p.returncode:
                    raise RuntimeError(f"pdnsutil {' '.join(cmd)} failed: {p.stderr}")
        return self.start(["pdns_server", f"--config-dir={conf}"], f"dns-compare-{name}.log"), port

    def knot(self, name, signed):
        """Knot DNS, one UDP, one TCP and one background worker; signed: automatic signing with one
        combined ECDSA P-256 key (single-type signing), NSEC."""
        d = os.path.join(self.work, name)
        for sub in ("run", "db", "zones"):
            os.makedirs(os.path.join(d, sub))
        zone_file(os.path.join(d, "zones", "bench.test.zone"))
        port = free_port()
        conf = os.path.join(d, "knot.conf")
        with open(conf, "w") as f:
            f.write(f"server:\n  rundir: {d}/run\n  listen: 127.0.0.1@{port}\n  udp-workers: 1\n  tcp-workers: 1\n"
                    f"  background-workers: 1\n\ndatabase:\n  storage: {d}/db\n\nlog:\n  - target: stderr\n    any: info\n\n")
            if signed:
                f.write("policy:\n  - id: bench\n    algorithm: ecdsap256sha256\n    single-type-signing: on\n    nsec3: off\n\n")
            f.write(f"zone:\n  - domain: {ZONE}\n    storage: {d}/zones\n    file: bench.test.zone\n")
            if signed:
                f.write("    dnssec-signing: on\n    dnssec-policy: bench\n")
        return self.start(["knotd", "-c", conf], f"dns-compare-{name}.log"), port


def wait_answering(port, what):
    for _ in range(120):
        try:
            if ask(port, f"host1.{ZONE}")[2]:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{what} does not answer on port {port}")


def check(ports, signed):
    """All servers give the same addresses, a denial for a name that does not exist, and RRSIGs when signed."""
    for name in (f"host1.{ZONE}", f"host{RECORDS - 1}.{ZONE}"):
        got = {s: ask(p, name)[2] for s, p in ports.items()}
        assert len(set(got.values())) == 1 and None not in got.values(), f"answers differ for {name}: {got}"
    for s, p in ports.items():
        for _ in range(40):
            rcode, an, _, rrsig = ask(p, f"host2.{ZONE}")
            if rrsig == signed:
                break
            time.sleep(0.5)  # Knot signs in the background after loading
        assert rrsig == signed, f"{s}: RRSIG {'missing' if signed else 'present'} in the answer for host2"
        rcode, an, addr, _ = ask(p, f"nx0check.{ZONE}")
        assert addr is None and rcode in (0, 3), f"{s}: no denial for a name that does not exist (rcode {rcode})"


def main():
    for tool in ("dnsperf", "pdns_server", "pdnsutil", "knotd"):
        if not shutil.which(tool):
            say(f"dns-compare: {tool} is missing (apt-get install dnsperf pdns-server pdns-backend-bind knot)")
            return 2
    os.makedirs(OUT, exist_ok=True)
    open(os.path.join(OUT, "dns-compare-dnsperf-raw.txt"), "w").close()
    for f in os.listdir(OUT):
        if f.startswith("dns-compare-") and f.endswith(".pdnsutil.txt"):
            os.remove(os.path.join(OUT, f))
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
    work = tempfile.mkdtemp(prefix="steward-dns-compare.")
    servers = Servers(work)
    signal.signal(signal.SIGTERM, lambda *a: (servers.stop(), shutil.rmtree(work, ignore_errors=True), sys.exit(130)))
    loads = [os.getloadavg()[0]]
    try:
        say(f"dns-compare: starting Steward, PowerDNS and Knot (unsigned and signed), {RECORDS} records")
        steward, steward_port, enable_dnssec = servers.steward(java)
        pdns_u, pdns_u_port = servers.powerdns("pdns-unsigned", False)
        pdns_s, pdns_s_port = servers.powerdns("pdns-signed", True)
        knot_u, knot_u_port = servers.knot("knot-unsigned", False)
        knot_s, knot_s_port = servers.knot("knot-signed", True)
        for port, what in ((pdns_u_port, "powerdns"), (pdns_s_port, "powerdns (signed)"), (knot_u_port, "knot"), (knot_s_port, "knot (signed)")):
            wait_answering(port, what)

        positive = os.path.join(work, "positive.txt")
        write_queries(positive, 0, 42, 100000)
        mixed = os.path.join(work, "mixed.txt")
        every_name = os.path.join(work, "every-name.txt")
        with open(every_name, "w") as f:
            f.write("".join(f"host{i}.{ZONE} A\n" for i in range(RECORDS)))
        first_pass = {}
        results = {}  # (zone, mix, server) -> list of runs
        seed = 1000
        for zone in ("unsigned", "signed"):
            if zone == "signed":
                s, body = enable_dnssec()
                assert s == 200, body
                say(f"dns-compare: DNSSEC on in Steward: {json.dumps(body)[:200]}")
            procs = {"steward": (steward, steward_port),
                     "powerdns": (pdns_s, pdns_s_port) if zone == "signed" else (pdns_u, pdns_u_port),
                     "knot": (knot_s, knot_s_port) if zone == "signed" else (knot_u, knot_u_port)}
            check({s: p for s, (_, p) in procs.items()}, zone == "signed")
            if zone == "signed":
                # Every name asked once, in order: Steward and PowerDNS sign on demand and keep the
                # signatures, Knot signed the whole zone when it loaded it. The rounds then measure the
                # steady state; this pass measures what the first answer of each name costs.
                for name, (proc, port) in procs.items():
                    c0 = cpu_ticks(proc.pid)
                    run = dnsperf(port, every_name, f"first pass signed {name}", 600, once=True)
                    c1 = cpu_ticks(proc.pid)
                    first_pass[name] = ((c1[0] - c0[0]) + (c1[1] - c0[1])) / os.sysconf("SC_CLK_TCK") / max(1, run["completed"]) * 1e6
                    say(f"dns-compare: first pass over every name, signed, {name}: {run['completed']} queries, "
                        f"server CPU {first_pass[name]:.2f} us/query")
            for mix in ("positive", "mixed"):
                say(f"dns-compare: {zone} zone, {mix} queries: warm-up {WARMUP} s each")
                for name, (_, port) in procs.items():
                    if mix == "mixed":
                        seed += 1
                        write_queries(mixed, NX_PERCENT, seed, MIXED_LINES)
                    dnsperf(port, positive if mix == "positive" else mixed, f"warm-up {zone} {mix} {name}", WARMUP)
                jfr(steward, "start", zone, mix)
                for r in range(ROUNDS):
                    order = SERVERS[r % 3:] + SERVERS[:r % 3]
                    for name in order:
                        proc, port = procs[name]
                        if mix == "mixed":
                            seed += 1
                            write_queries(mixed, NX_PERCENT, seed, MIXED_LINES)
                        loads.append(os.getloadavg()[0])
                        c0 = cpu_ticks(proc.pid)
                        run = dnsperf(port, positive if mix == "positive" else mixed, f"round {r + 1} {zone} {mix} {name}")
                        c1 = cpu_ticks(proc.pid)
                        ticks = (c1[0] - c0[0]) + (c1[1] - c0[1])
                        run["cpu_us"] = ticks / os.sysconf("SC_CLK_TCK") / max(1, run["completed"]) * 1e6
                        run["sys_pct"] = 100.0 * (c1[1] - c0[1]) / max(1, ticks)
                        loads.append(os.getloadavg()[0])
                        if mix == "mixed" and run["completed"] > MIXED_LINES:
                            say(f"dns-compare: warning: {run['completed']} queries from {MIXED_LINES} lines, names repeated (raise BENCH_MIXED_LINES)")
                        results.setdefault((zone, mix, name), []).append(run)
                        say(f"dns-compare: round {r + 1} {zone} {mix} {name}: {run['qps']:.0f} qps, avg {run['avg_ms']:.2f} ms, "
                            f"lost {run['lost']}, server CPU {run['cpu_us']:.2f} us/query, {run['rcodes']}")
                jfr(steward, "stop", zone, mix)
        return report(results, loads, first_pass)
    except Exception as e:  # the benchmark could not run (exit 2), not a missed target (exit 1)
        say(f"dns-compare: {type(e).__name__}: {e}")
        return 2
    finally:
        servers.stop()
        shutil.rmtree(work, ignore_errors=True)


def jfr(proc, action, zone, mix):
    if not JFR:
        return
    jcmd = os.path.join(os.environ["JAVA_HOME"], "bin", "jcmd")
    args = ["JFR.start", "name=bench", "settings=profile"] if action == "start" else \
        ["JFR.stop", "name=bench", f"filename={os.path.join(OUT, f'dns-compare-steward-{zone}-{mix}.jfr')}"]
    subprocess.run([jcmd, str(proc.pid)] + args, capture_output=True, check=True)


def versions():
    def first(cmd, pattern):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
            m = re.search(pattern, p.stdout + p.stderr)
            return m.group(1) if m else "?"
        except OSError:
            return "?"
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
    parts = [("dnsperf", ["dnsperf", "-h"], r"Version (\S+)"), ("PowerDNS", ["pdns_server", "--version"], r"Server (\S+)"),
             ("Knot", ["knotd", "--version"], r"version (\S+)"), ("java", [java, "-version"], r'version "([^"]+)"')]
    return ", ".join(f"{label} {first(cmd, pattern)}" for label, cmd, pattern in parts)


def report(results, loads, first_pass):
    def med(key, field):
        return statistics.median(r[field] for r in results[key])
    lines = [f"DNS comparison: {RECORDS + 5}-record zone, dnsperf -D -c {CLIENTS} -q {OUTSTANDING}, {WARMUP} s warm-up, {DURATION} s x {ROUNDS} rounds "
             f"(median), mixed = {NX_PERCENT}% names that do not exist; pinning: {'servers on cpu 0, dnsperf on cpu 1' if PIN else 'none'}",
             f"versions: {versions()}",
             f"load average (1 min) during the runs: min {min(loads):.2f}, median {statistics.median(loads):.2f}, max {max(loads):.2f}",
             "",
             f"{'zone':9} {'queries':9} {'server':9} {'qps':>8} {'avg ms':>7} {'CPU us/q':>9} {'kernel':>6}  {'CPU us/q per round':20} response codes (last round)"]
    ok = True
    verdicts = []
    for zone in ("unsigned", "signed"):
        for mix in ("positive", "mixed"):
            for name in SERVERS:
                key = (zone, mix, name)
                per_round = " ".join(f"{r['cpu_us']:.2f}" for r in results[key])
                lines.append(f"{zone:9} {mix:9} {name:9} {med(key, 'qps'):8.0f} {med(key, 'avg_ms'):7.2f} {med(key, 'cpu_us'):9.2f} {med(key, 'sys_pct'):5.0f}%  "
                             f"{per_round:20} {results[key][-1]['rcodes']}")
            s, p, k = (med((zone, mix, n), "cpu_us") for n in SERVERS)
            vs_pdns, vs_knot = s <= p, s <= k / KNOT_FACTOR
            ok &= vs_pdns and vs_knot
            verdicts.append(f"{zone} {mix}: steward/powerdns CPU {s / p:.2f} (target <= 1.00: {'met' if vs_pdns else 'MISSED'}); "
                            f"steward/knot CPU {s / k:.2f} (target <= {1 / KNOT_FACTOR:.2f}: {'met' if vs_knot else 'MISSED'})")
    lines += [""] + verdicts + ["", "first answer of each of the " + str(RECORDS) + " names after signing (signed on demand), server CPU us/query: "
                                + ", ".join(f"{n} {first_pass[n]:.2f}" for n in SERVERS)]
    with open(os.path.join(OUT, "dns-compare-report.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
