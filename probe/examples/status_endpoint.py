#!/usr/bin/env python3
"""A status endpoint in Python's standard library, for the Live Connections panel and anything else that
reads the Socket Hygiene status format (../STATUS-FORMAT.md, ../status.schema.json).

It runs a small TCP echo server, keeps its connections in one collection (the set that
activeConnections counts) and serves GET /status on 127.0.0.1. Usage:

    python3 status_endpoint.py [--port STATUS_PORT] [--echo-port ECHO_PORT]

Port 0 (the default) picks a free port. Once listening it prints one line on stdout:

    ready: status=http://127.0.0.1:<port>/status echo=127.0.0.1:<port>
"""

import argparse
import itertools
import json
import os
import socketserver
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STARTED = time.monotonic()
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def now_ms():
    return time.monotonic() * 1000


class Connection:
    """One tracked connection: what the format's connection entry reports."""

    ids = itertools.count(1)

    def __init__(self, address):
        self.id = next(Connection.ids)
        host, port = address[0], address[1]
        self.remote = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        self.opened_at = now_ms()
        self.last_activity_at = self.opened_at
        self.bytes_read = 0
        self.bytes_written = 0

    def status(self, now):
        return {
            "id": self.id,
            "remote": self.remote,
            "bytesRead": self.bytes_read,
            "bytesWritten": self.bytes_written,
            "bufferSize": 0,  # sendall() returns once the kernel took every byte: nothing stays queued here
            "ageMs": int(now - self.opened_at),
            "idleMs": int(now - self.last_activity_at),
            "state": "open",
        }


connections = set()
connections_lock = threading.Lock()


class EchoHandler(socketserver.BaseRequestHandler):
    def handle(self):
        connection = Connection(self.client_address)
        with connections_lock:
            connections.add(connection)
        try:
            while True:
                data = self.request.recv(65536)
                if not data:
                    break
                connection.bytes_read += len(data)
                connection.last_activity_at = now_ms()
                self.request.sendall(data)
                connection.bytes_written += len(data)
        except OSError:
            pass
        finally:
            # removed on close, whatever ended the connection: the leak the remove-on-close rule looks for
            with connections_lock:
                connections.discard(connection)


def rss_bytes():
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except OSError:
        import resource  # not on Windows; ru_maxrss is the peak, in KiB on Linux and bytes on macOS

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def status_body():
    now = now_ms()
    with connections_lock:
        tracked = sorted(connections, key=lambda connection: connection.opened_at)
    return {
        "schema": 1,
        "activeConnections": len(tracked),
        # the format names Node's process.memoryUsage(); a Python process has no V8 heap, so those are 0
        "memory": {"rss": rss_bytes(), "heapTotal": 0, "heapUsed": 0, "external": 0},
        "uptime": time.monotonic() - STARTED,
        "pid": os.getpid(),
        "connections": [connection.status(now) for connection in tracked],
    }


class StatusHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.split("?", 1)[0] != "/status":
            self.send_error(404)
            return
        body = json.dumps(status_body()).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # one line per poll would flood the terminal
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="status port (0: a free one)")
    parser.add_argument("--echo-port", type=int, default=0, help="echo server port (0: a free one)")
    args = parser.parse_args()

    socketserver.ThreadingTCPServer.daemon_threads = True
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    echo = socketserver.ThreadingTCPServer(("127.0.0.1", args.echo_port), EchoHandler)
    status = ThreadingHTTPServer(("127.0.0.1", args.port), StatusHandler)
    status.daemon_threads = True
    threading.Thread(target=echo.serve_forever, daemon=True).start()
    print(f"ready: status=http://127.0.0.1:{status.server_address[1]}/status echo=127.0.0.1:{echo.server_address[1]}", flush=True)
    try:
        status.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        status.server_close()
        echo.shutdown()
        echo.server_close()


if __name__ == "__main__":
    main()
