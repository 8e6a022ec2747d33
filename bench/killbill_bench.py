#!/usr/bin/env python3
"""Drives a running Kill Bill (test mode) through its REST API for bench/killbill-bench.sh.

  killbill_bench.py setup N      tenant, catalog, clock at START, N accounts with one monthly
                                 subscription each (each creation issues its first invoice)
  killbill_bench.py renew N      moves the clock one month on and times until the N renewal
                                 invoices dated RENEWAL exist (counted in Kill Bill's own tables)

Only 127.0.0.1. Prints one KILLBILL line per step.
"""
import base64
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

HOST, PORT = "127.0.0.1", int(os.environ.get("KB_PORT", "18080"))
DB = os.environ.get("KB_DB", "killbill_bench")
API_KEY, API_SECRET = "bench", "bench-secret"
START, RENEWAL = "2026-01-01", "2026-02-01"
WORKERS = int(os.environ.get("KB_CLIENTS", "8"))
AUTH = "Basic " + base64.b64encode(b"admin:password").decode()

CATALOG = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<catalog xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="CatalogSchema.xsd">
  <effectiveDate>2020-01-01T00:00:00+00:00</effectiveDate>
  <catalogName>StewardBench</catalogName>
  <recurringBillingMode>IN_ADVANCE</recurringBillingMode>
  <currencies><currency>USD</currency></currencies>
  <products>
    <product name="Hosting"><category>BASE</category></product>
  </products>
  <rules>
    <changePolicy><changePolicyCase><policy>IMMEDIATE</policy></changePolicyCase></changePolicy>
    <cancelPolicy><cancelPolicyCase><policy>IMMEDIATE</policy></cancelPolicyCase></cancelPolicy>
  </rules>
  <plans>
    <plan name="hosting-monthly">
      <product>Hosting</product>
      <finalPhase type="EVERGREEN">
        <duration><unit>UNLIMITED</unit></duration>
        <recurring>
          <billingPeriod>MONTHLY</billingPeriod>
          <recurringPrice><price><currency>USD</currency><value>9.99</value></price></recurringPrice>
        </recurring>
      </finalPhase>
    </plan>
  </plans>
  <priceLists>
    <defaultPriceList name="DEFAULT"><plans><plan>hosting-monthly</plan></plans></defaultPriceList>
  </priceLists>
</catalog>
"""

_local = threading.local()


def call(method, path, body=None, content_type="application/json", tenant=True, expect=(200, 201, 204)):
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = _local.conn = http.client.HTTPConnection(HOST, PORT, timeout=300)
    headers = {"Authorization": AUTH, "X-Killbill-CreatedBy": "bench", "Accept": "application/json"}
    if tenant:
        headers.update({"X-Killbill-ApiKey": API_KEY, "X-Killbill-ApiSecret": API_SECRET})
    data = None
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        headers["Content-Type"] = content_type
    try:
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        payload = resp.read()
    except (http.client.HTTPException, OSError):
        _local.conn = None
        raise
    if resp.status not in expect:
        raise RuntimeError(f"{method} {path} -> {resp.status}: {payload[:500]!r}")
    return resp, payload


def psql(sql):
    out = subprocess.run(["psql", "-h", HOST, "-d", DB, "-Atc", sql], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def one_subscription(i):
    resp, _ = call("POST", "/1.0/kb/accounts",
                   {"name": f"Bench Client {i}", "email": f"bench-{i}@example.com", "currency": "USD",
                    "externalKey": f"bench-{i}"})
    account_id = resp.getheader("Location").rstrip("/").split("/")[-1]
    call("POST", "/1.0/kb/subscriptions", {"accountId": account_id, "planName": "hosting-monthly"})


def setup(n):
    call("POST", "/1.0/kb/tenants?useGlobalDefault=false", {"apiKey": API_KEY, "apiSecret": API_SECRET}, tenant=False,
         expect=(201, 409))
    call("POST", f"/1.0/kb/test/clock?requestedDate={START}")
    call("POST", "/1.0/kb/catalog/xml", CATALOG, content_type="text/xml")
    t0 = time.monotonic()
    with ThreadPoolExecutor(WORKERS) as pool:
        for f in [pool.submit(one_subscription, i) for i in range(1, n + 1)]:
            f.result()
    created = time.monotonic() - t0
    # Each subscription's first invoice is issued by Kill Bill's bus after the call returns: wait for all of them.
    first = wait_invoices(START, n, 3600)
    total = time.monotonic() - t0
    print(f"KILLBILL setup subscriptions={n} api_s={created:.1f} first_invoices={first} setup_s={total:.1f} "
          f"subscriptions_per_s={n / total:.0f}", flush=True)


def wait_invoices(target_date, n, deadline_s):
    end = time.monotonic() + deadline_s
    while True:
        count = int(psql(f"SELECT count(*) FROM invoices WHERE target_date = '{target_date}'"))
        if count >= n or time.monotonic() > end:
            return count
        time.sleep(0.2)


def proc_cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def backends_cpu_seconds():
    total = 0.0
    for pid in psql(f"SELECT pid FROM pg_stat_activity WHERE datname = '{DB}' AND pid <> pg_backend_pid()").split():
        try:
            total += proc_cpu_seconds(int(pid))
        except FileNotFoundError:
            pass
    return total


def renew(n, kb_pid):
    cpu0 = proc_cpu_seconds(kb_pid) + backends_cpu_seconds()
    t0 = time.monotonic()
    # The clock move returns at once (timeoutSec=0); Kill Bill's notification queue then issues the
    # renewal invoices, each subscription's on its own notification, as on the first of a month.
    call("POST", f"/1.0/kb/test/clock?requestedDate={RENEWAL}&timeoutSec=0")
    count = wait_invoices(RENEWAL, n, 7200)
    seconds = time.monotonic() - t0
    cpu = proc_cpu_seconds(kb_pid) + backends_cpu_seconds() - cpu0
    items = psql(f"SELECT count(*) FROM invoice_items i JOIN invoices v ON v.id = i.invoice_id WHERE v.target_date = '{RENEWAL}'")
    print(f"KILLBILL renewal subscriptions={n} invoices={count} items={items} run_s={seconds:.2f} "
          f"invoices_per_s={count / seconds:.0f} run_cpu_s={cpu:.2f} cpu_us_per_invoice={cpu * 1e6 / max(count, 1):.0f}",
          flush=True)
    if count < n:
        sys.exit(1)


if __name__ == "__main__":
    step, count = sys.argv[1], int(sys.argv[2])
    if step == "setup":
        setup(count)
    else:
        renew(count, int(sys.argv[3]))
