"""A do-nothing stand-in for the W&B server, on 127.0.0.1 only, so the real client runs in online mode.

Run by make_fixtures.py; not a general server. It answers the few GraphQL operations the client
sends at init/finish with the smallest well-formed reply, accepts file-stream posts and file
uploads and throws them away. Every request is logged to stderr when STANDIN_VERBOSE is set.
"""
import json
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VERBOSE = bool(os.environ.get("STANDIN_VERBOSE"))


def log(*a):
    if VERBOSE:
        print("[standin]", *a, file=sys.stderr, flush=True)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # silence default logging
        pass

    def _body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def _reply(self, obj, code=200):
        data = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        log("GET", self.path)
        self._reply({})

    def do_PUT(self):
        self._body()
        log("PUT", self.path)
        self._reply({})

    def do_POST(self):
        body = self._body()
        if self.path.startswith("/graphql"):
            try:
                req = json.loads(body or b"{}")
            except ValueError:
                req = {}
            query = req.get("query", "")
            m = re.search(r"(query|mutation)\s+(\w+)", query)
            op = req.get("operationName") or (m.group(2) if m else "?")
            log("GQL", op, json.dumps(req.get("variables"))[:300])
            self._reply({"data": self.server.answer(op, req.get("variables") or {})})
        else:
            log("POST", self.path, body[:200])
            self._reply({})


class StandIn(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # clients hang up on keep-alive; not an error
        pass

    def answer(self, op, v):
        port = self.server_address[1]
        if op == "UpsertBucket":
            run = v.get("name") or "run"
            return {"upsertBucket": {"inserted": True, "bucket": {
                "id": "UnVuOjE=", "name": run, "displayName": v.get("displayName") or run,
                "description": None, "config": None, "sweepName": None, "historyLineCount": 0,
                "project": {"id": "UHJvamVjdDox", "name": v.get("project") or "sift",
                            "entity": {"id": "RW50aXR5OjE=", "name": v.get("entity") or "sift"}}}}}
        if op == "CreateRunFiles":
            return {"createRunFiles": {"runID": "UnVuOjE=", "uploadHeaders": [], "files": [
                {"name": f, "uploadUrl": f"http://127.0.0.1:{port}/upload/{f}"} for f in v.get("files", [])]}}
        if op in ("Viewer", "ViewerQuery"):
            return {"viewer": {"id": "VXNlcjox", "entity": "sift", "username": "sift", "flags": "{}",
                               "teams": {"edges": []}}}
        return {}


def start(port=0):
    """Starts the server on 127.0.0.1 in a thread; returns it (server_address has the port)."""
    srv = StandIn(("127.0.0.1", port), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


if __name__ == "__main__":
    s = start(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(s.server_address[1], flush=True)
    threading.Event().wait()
