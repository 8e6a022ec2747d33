"""Helpers shared by the DNS benchmark drivers (dns-bench.py, dns-compare.py): logging, free
loopback ports, CPU pinning and the admin API client."""
import http.client, json, os, shutil, socket, sys

ADMIN = "Bearer demo-admin-key"
PIN = shutil.which("taskset") is not None and os.cpu_count() >= 2 and not os.environ.get("BENCH_NO_PIN")


def say(*a):
    print(*a, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pinned(cpu, cmd):
    return (["taskset", "-c", str(cpu)] if PIN else []) + cmd


class Api:
    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": ADMIN, "Content-Type": "application/json"}
        for attempt in range(2):
            try:
                self.conn.request(method, "/admin/api" + path, body=data, headers=headers)
                r = self.conn.getresponse()
                text = r.read()
                return r.status, json.loads(text) if text else None
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        raise RuntimeError("API unreachable")
