"""CPU per portal call of the HTTP client (prints figures; not a test).

    .venv/bin/python bench/portal_http.py [--calls 2000]

The sender's HTTP work runs in the interpreter that answers the hall, so its CPU per call
is what a drain takes from ticket issuing (issue 11). Posts a DVCQG-sized JSON body to a
local keep-alive server and prints the calling thread's CPU time per call for requests
(what the adapter used before), requests without environment lookups, urllib3, and the
dvcqg adapter's own transport (urllib3, `DvcqgPortal._request`).
"""

from __future__ import annotations

import argparse
import http.server
import json
import socketserver
import sys
import threading
import time
from pathlib import Path

import requests
import urllib3

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from motcua.sync.dvcqg import DvcqgPortal


class Answer(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = -1  # headers and body in one write (no Nagle/delayed-ACK stall)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        body = b'{"error_code":"0","message":"ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=2000)
    args = ap.parse_args()
    srv = Server(("127.0.0.1", 0), Answer)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{srv.server_address[1]}/"
    body = json.dumps(
        {
            "session": "s",
            "madonvi": "000.00.00.H56",
            "service": "CapNhatTienDoHoSoMC",
            "data": "x" * 800,
        }
    ).encode()
    headers = {"Content-Type": "application/json; charset=utf-8", "dstcode": "000.00.00.H56"}

    def run(name: str, call) -> None:
        for _ in range(50):
            call()
        cpu, wall = time.thread_time(), time.perf_counter()
        for _ in range(args.calls):
            call()
        n = args.calls
        print(
            f"{name:28s} CPU {(time.thread_time() - cpu) / n * 1e6:5.0f} us/call, "
            f"wall {(time.perf_counter() - wall) / n * 1e6:5.0f} us/call"
        )

    plain = requests.Session()
    run("requests", lambda: plain.post(url, data=body, headers=headers, timeout=5).json())
    bare = requests.Session()
    bare.trust_env = False
    run("requests, trust_env=False", lambda: bare.post(url, data=body, headers=headers).json())
    pool = urllib3.PoolManager()
    run("urllib3", lambda: json.loads(pool.request("POST", url, body=body, headers=headers).data))
    portal = DvcqgPortal(url, "u", "p", "H56", timeout_s=5)
    run("dvcqg adapter (urllib3)", lambda: json.loads(portal._request(url, body, headers).data))
    srv.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
