#!/usr/bin/env python3
"""`keel serve` against hostile and clumsy clients, over raw sockets (Python standard library only).

No single request may stop the server or hold it:
- invalid UTF-8 in the path, the query, the Host header and the body: a 4xx with a JSON error
  (itself valid UTF-8), and the server keeps serving;
- bodies are bounded however they are framed: a 20 MB chunked body is refused with 413 and the
  server's memory does not grow by it; a write without the token is refused (403) before its body
  is read, however large the body claims to be;
- two Host headers: 400; headers over the limit: 431;
- while 100 clients trickle a request one byte every 0.5 s, a normal request is still answered
  within 1 s, and the trickling ones are closed by the request deadline (10 s);
- 100 idle keep-alive connections do not hold up a new request, and are closed after the idle
  timeout (5 s); beyond the connection cap a client gets a 503, not silence;
- SIGTERM stops the server promptly with idle and half-sent connections open.

Usage: abuse_test.py --keel PATH
The set-up (server, CLI, checks) is keel_server.py, beside this file.
"""
import json
import os
import re
import select
import signal
import socket
import sys
import tempfile
import threading
import time

from keel_server import Checks, Keel, Server, parse_args, test_env

REQUEST_DEADLINE = 10.0  # HttpOptions::request_deadline
IDLE_TIMEOUT = 5.0  # HttpOptions::idle_timeout
MAX_CONNECTIONS = 512  # HttpOptions::max_connections


def parse_response(data):
    """(status, headers dict with lower-case names, body) of the first response in data, or None
    when it is not all there yet."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return None
    lines = data[:end].decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    body = data[end + 4:end + 4 + length]
    if len(body) < length:
        return None
    return status, headers, body


def read_response(sock, timeout=10.0):
    """Reads one response from a socket; None when the server closed without one."""
    sock.settimeout(timeout)
    data = b""
    while True:
        parsed = parse_response(data)
        if parsed:
            return parsed
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, socket.timeout):
            return None
        if not chunk:
            return None
        data += chunk


def closed_by_peer(sock):
    """True when the server has closed this connection (EOF or reset), without blocking."""
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        if not readable:
            return False
        sock.setblocking(False)
        return sock.recv(65536) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True
    except BlockingIOError:
        return False


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))


def main() -> int:
    args = parse_args()
    check = Checks()
    failures = check.failures

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "k.db")
        env = test_env(tmp)
        Keel(args.keel, db, env)("ask", "Acme", "--kind", "chat", "--on", "2026-11-01")

        server = Server(args.keel, db, env)
        port, host = server.port, server.host

        def connect():
            return socket.create_connection(("127.0.0.1", port), timeout=10)

        def raw(data):
            """Sends bytes on a new connection; returns the first response (or None)."""
            with connect() as s:
                s.sendall(data)
                return read_response(s)

        def get(path="/api/status"):
            r = server.request("GET", path, timeout=10)
            return r.status, r.body

        def still_serving(after):
            try:
                status, _ = get()
            except OSError as e:
                status = repr(e)
            check(status == 200, f"the server still answers after {after} (got {status})")

        def json_error(response, want, what):
            ok = response is not None and response[0] == want
            if ok:
                try:
                    # Strict UTF-8: the error must be valid JSON text whatever the request held.
                    ok = isinstance(json.loads(response[2].decode("utf-8"))["error"], str)
                except (ValueError, KeyError, UnicodeDecodeError):
                    ok = False
            got = None if response is None else (response[0], response[2][:200])
            check(ok, f"{what}: want {want} with a JSON error, got {got}")

        status, page = get("/")
        token = server.token
        h = f"Host: {host}\r\n".encode()

        # --- 100 clients trickling bytes: a normal request is still answered within 1 s.
        # Blocking sockets, as a simple attacker's: with Python's timeout mode the old server's
        # workers happened to drop them.
        slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(100)]
        request_bytes = b"GET /api/status HTTP/1.1\r\n" + h + b"X-Slow: " + b"s" * 60 + b"\r\n\r\n"
        stop = threading.Event()
        started = time.monotonic()

        def trickle():
            i = 0
            while not stop.is_set() and i < len(request_bytes):
                for s in slow:
                    try:
                        s.send(request_bytes[i:i + 1])
                    except OSError:
                        pass
                i += 1
                stop.wait(0.5)

        trickler = threading.Thread(target=trickle)
        trickler.start()
        time.sleep(1.0)
        latencies = []
        for _ in range(5):
            t0 = time.monotonic()
            try:
                status, _ = get()
            except OSError:
                status = None
            latencies.append((status, time.monotonic() - t0))
            time.sleep(0.5)
        check(all(s == 200 and t < 1.0 for s, t in latencies),
              f"with 100 slow clients a normal request is answered within 1 s: {latencies}")
        # The deadline runs from each request's first byte; give it a second's slack.
        while time.monotonic() - started < REQUEST_DEADLINE + 1.5:
            time.sleep(0.2)
        closed = sum(closed_by_peer(s) for s in slow)
        check(closed == len(slow), f"the request deadline closed the trickling clients ({closed} of {len(slow)})")
        stop.set()
        trickler.join()
        for s in slow:
            s.close()

        # --- Invalid UTF-8 anywhere: 4xx, and the server lives on.
        for target in [b"/%ff", b"/%c3%28", b"/\xff", b"/api/%ff", b"/api/list?org=%ff",
                       b"/api/list?org=%c3%28", b"/api/list?org=\xff\xfe", b"/api/list?%ff=1",
                       b"/api/stats?by=%zz"]:
            r = raw(b"GET " + target + b" HTTP/1.1\r\n" + h + b"Connection: close\r\n\r\n")
            json_error(r, 400, f"GET {target!r}")
        still_serving("invalid UTF-8 in paths and queries")
        r = raw(b"GET /api/status HTTP/1.1\r\nHost: \xff\xfe:1\r\nConnection: close\r\n\r\n")
        json_error(r, 403, "invalid UTF-8 in the Host header")
        body = b'{"org": "\xff\xfe", "kind": "chat"}'
        r = raw(b"POST /api/ask HTTP/1.1\r\n" + h + f"X-Keel-Token: {token}\r\n".encode()
                + b"Content-Type: application/json\r\nConnection: close\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        json_error(r, 400, "invalid UTF-8 in a JSON body")
        still_serving("invalid UTF-8 in the Host header and the body")
        r = raw(b"GET /api/status HTTP/1.1\r\n" + h + b"Connection: close\r\n\r\n")
        check(r is not None and r[0] == 200, "a well-formed request on a raw socket is answered")

        # --- Malformed HTTP and oversized or repeated headers.
        json_error(raw(b"GET /api/status HTTP/1.1\r\n" + h + h + b"\r\n"), 400, "two Host headers")
        json_error(raw(b"GET /api/status HTTP/1.1\r\nHost: evil.example\r\n" + h + b"\r\n"), 400,
                   "two different Host headers")
        json_error(raw(b"GET /api/status HTTP/1.1\r\n" + h + b"X-Big: " + b"a" * 20000 + b"\r\n\r\n"),
                   431, "headers over 16 KiB")
        json_error(raw(b"GET /api/status HTTP/1.1\r\n" + h + b"Bad Header\r\n\r\n"), 400,
                   "a header line without a colon")
        json_error(raw(b"DELETE /api/ask HTTP/1.1\r\n" + h + b"\r\n"), 405, "an unknown method")
        json_error(raw(b"GET http://evil.example/api/status HTTP/1.1\r\n" + h + b"\r\n"), 400,
                   "an absolute-form target")
        still_serving("malformed requests")

        # --- Bodies: bounded however framed, and a refused write is not read.
        def post_head(extra=b"", with_token=True):
            out = b"POST /api/ask HTTP/1.1\r\n" + h + b"Content-Type: application/json\r\n"
            if with_token:
                out += f"X-Keel-Token: {token}\r\n".encode()
            return out + extra

        chunk = b'{"org": "Chunked", "kind": "chat", "on": "2026-11-20"}'
        r = raw(post_head(b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                + f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n0\r\n\r\n")
        check(r is not None and r[0] == 200 and json.loads(r[2])["org"] == "Chunked",
              f"a chunked body within the limit is accepted ({r and r[0]})")

        def stream_body(head, total, piece=64 * 1024, chunked=True):
            """Sends head, then up to `total` body bytes; returns (response or None, bytes sent)."""
            s = connect()
            s.sendall(head)
            sent = 0
            data = b""
            block = (f"{piece:x}\r\n".encode() + b"x" * piece + b"\r\n") if chunked else b"x" * piece
            try:
                while sent < total:
                    readable, writable, _ = select.select([s], [s], [], 5)
                    if readable:
                        part = s.recv(65536)
                        if not part:
                            break
                        data += part
                        if parse_response(data):
                            break
                    elif writable:
                        s.send(block)
                        sent += piece
                    else:
                        break
            except (BrokenPipeError, ConnectionResetError):
                pass
            response = parse_response(data) or read_response(s, timeout=5)
            s.close()
            return response, sent

        before = rss_kib(server.pid)
        r, sent = stream_body(post_head(b"Transfer-Encoding: chunked\r\n\r\n"), 20 * 1024 * 1024)
        json_error(r, 413, f"a 20 MB chunked body (refused after {sent} bytes were sent)")
        grown = rss_kib(server.pid) - before
        check(grown < 8 * 1024, f"the server's memory did not take the 20 MB chunked body (grew {grown} KiB)")
        r, sent = stream_body(post_head(b"Transfer-Encoding: chunked\r\n\r\n"), 2 * 1024 * 1024, piece=100)
        json_error(r, 413, "a chunked body over the limit in small chunks")
        r, _ = stream_body(post_head(b"Content-Length: 209715200\r\n\r\n"), 4 * 1024 * 1024, chunked=False)
        json_error(r, 413, "a 200 MB Content-Length with the token")

        before = rss_kib(server.pid)
        r, sent = stream_body(post_head(b"Content-Length: 209715200\r\n\r\n", with_token=False),
                              20 * 1024 * 1024, chunked=False)
        json_error(r, 403, "a 200 MB write without the token is refused before its body")
        r, _ = stream_body(post_head(b"Transfer-Encoding: chunked\r\n\r\n", with_token=False),
                           20 * 1024 * 1024)
        json_error(r, 403, "a chunked write without the token is refused before its body")
        grown = rss_kib(server.pid) - before
        check(grown < 8 * 1024, f"refused bodies were not read into memory (grew {grown} KiB)")
        still_serving("oversized bodies")

        # A client that waits for 100 Continue gets it, and its body is read.
        s = connect()
        s.sendall(post_head(f"Expect: 100-continue\r\nContent-Length: {len(chunk)}\r\n\r\n".encode()))
        cont = read_response(s, timeout=3)
        check(cont is not None and cont[0] == 100, "Expect: 100-continue is answered")
        s.sendall(chunk)
        r = read_response(s)
        check(r is not None and r[0] == 200, "the body sent after 100 Continue is handled")
        s.close()

        # Pipelined requests on one connection are answered in order; HEAD has no body.
        s = connect()
        s.sendall(b"GET /api/status HTTP/1.1\r\n" + h + b"\r\nGET /nothing HTTP/1.1\r\n" + h + b"\r\n")
        s.settimeout(10)
        data = b""
        first = second = None
        while second is None:
            part = s.recv(65536)
            if not part:
                break
            data += part
            first = parse_response(data)
            if first:
                rest = data[data.find(b"\r\n\r\n") + 4 + len(first[2]):]
                second = parse_response(rest)
        check(first is not None and first[0] == 200 and second is not None and second[0] == 404,
              "two pipelined requests get two answers in order")
        s.close()
        c = server.connection()
        c.request("HEAD", "/", headers={"Host": host})
        r = c.getresponse()
        check(r.status == 200 and r.read() == b"" and int(r.getheader("Content-Length")) == len(page),
              "HEAD / gives the page's headers without the page")
        check(r.getheader("X-Frame-Options") == "DENY" and r.getheader("Cache-Control") == "no-store",
              "the security headers are on every response")
        c.close()

        # --- 100 idle keep-alive connections do not hold up a new request.
        idle = []
        for _ in range(100):
            s = connect()
            s.sendall(b"GET /api/status HTTP/1.1\r\n" + h + b"\r\n")
            r = read_response(s)
            if r is None or r[0] != 200:
                check(False, "a keep-alive request is answered")
            idle.append(s)
        opened = time.monotonic()
        t0 = time.monotonic()
        status, _ = get()
        took = time.monotonic() - t0
        check(status == 200 and took < 1.0, f"with 100 idle keep-alive connections a new request takes {took:.3f} s")
        while time.monotonic() - opened < IDLE_TIMEOUT + 1.5:
            time.sleep(0.2)
        closed = sum(closed_by_peer(s) for s in idle)
        check(closed == len(idle), f"idle keep-alive connections are closed after the idle timeout ({closed} of {len(idle)})")
        for s in idle:
            s.close()

        # --- Beyond the connection cap: a 503, and service again once they go.
        crowd = [connect() for _ in range(MAX_CONNECTIONS)]
        time.sleep(0.3)
        r = raw(b"GET /api/status HTTP/1.1\r\n" + h + b"\r\n")
        json_error(r, 503, f"a connection beyond {MAX_CONNECTIONS} open ones")
        for s in crowd:
            s.close()
        time.sleep(0.3)
        still_serving("the connection cap was reached")

        # --- SIGTERM with an idle keep-alive connection and a half-sent request open.
        tab = connect()
        tab.sendall(b"GET /api/status HTTP/1.1\r\n" + h + b"\r\n")
        read_response(tab)
        half = connect()
        half.sendall(b"GET /api/status HTTP/1.1\r\nHo")
        time.sleep(0.2)
        t0 = time.monotonic()
        rc = server.stop(signal.SIGTERM)
        took = time.monotonic() - t0
        check(rc == 0 and took < 1.0, f"SIGTERM stops the server at once with open connections (exit {rc}, {took:.2f} s)")
        tab.close()
        half.close()
        err = server.process.stderr.read()
        check("keel: stopped" in err, f"the server says it stopped ({err!r})")

    print(f"abuse_test: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
