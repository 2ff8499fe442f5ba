#!/usr/bin/env python3
"""Edit-to-visible latency of `dossier serve` on the 10,000-article investigation.

    python3 bench/serve-latency.py            # 5 edits, median
    RUNS=9 python3 bench/serve-latency.py     # more edits

Builds dossier (release), generates bench/out/10000/ when it is missing,
starts `dossier serve` on a free port, listens to its event stream as an
open page does, then appends a unique word to one article RUNS times and
measures, from the moment the file is written:

  reload   until the event stream announces a new version (the page's
           script reloads on it);
  visible  until a GET of the article's page, sent when the event
           arrives (as the reloading page does), returns the word.

The server's own "rebuilt in N ms" is shown too, with its stages
(DOSSIER_TIMINGS=1). Each edit waits GAP
seconds (default 4) after the previous one, so that the background check
of every page (started after each rebuild) has finished, as it has when
an author saves, looks and types again. The article is restored at the
end. Finally a full `dossier build` is timed for comparison (SKIP_BUILD=1
leaves it out). Standard library only.

Environment: RUNS (5), GAP (4), SIZE (10000), SKIP_CARGO=1 (use the
release binary as it is), SKIP_BUILD=1; DOSSIER (a binary to use instead
of building one), SITE (the investigation's folder instead of
bench/out/SIZE/dossier) and ARTICLE (the slug of the article to edit),
which bench/table.sh sets to measure the shared corpus.
"""

import http.client
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SIZE = int(os.environ.get("SIZE", "10000"))
RUNS = int(os.environ.get("RUNS", "5"))
GAP = float(os.environ.get("GAP", "4"))
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target")
BIN = os.environ.get("DOSSIER") or os.path.join(TARGET, "release", "dossier")
SITE = os.environ.get("SITE") or os.path.join(HERE, "out", str(SIZE), "dossier")
ARTICLE = os.environ.get("ARTICLE", "story-00042")


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


class Events:
    """The server's event stream, read on a thread: (arrival time, data)."""

    def __init__(self, port):
        self.items = []
        self.cond = threading.Condition()
        self.conn = http.client.HTTPConnection("127.0.0.1", port)
        self.conn.request("GET", "/__dossier/events", headers={"Accept": "text/event-stream"})
        self.resp = self.conn.getresponse()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        try:
            while True:
                line = self.resp.fp.readline()
                if not line:
                    return
                line = line.decode().rstrip("\r\n")
                if line.startswith("data:"):
                    with self.cond:
                        self.items.append((time.monotonic(), line[5:].strip()))
                        self.cond.notify_all()
        except (OSError, ValueError):
            return

    def wait_new(self, seen, timeout):
        """The first event after the first `seen` ones: (time, version)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while len(self.items) <= seen:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("no reload event")
                self.cond.wait(left)
            return self.items[seen]


def main():
    if os.environ.get("SKIP_CARGO") != "1" and not os.environ.get("DOSSIER"):
        log("building dossier (release)")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    if not os.path.isdir(os.path.join(SITE, "content")):
        log(f"generating the {SIZE}-article investigation")
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(SIZE)], cwd=REPO, check=True)

    article = os.path.join(SITE, "content", "articles", ARTICLE + ".md")
    page = f"/articles/{ARTICLE}/"
    with open(article, "rb") as f:
        original = f.read()

    port = free_port()
    server = subprocess.Popen(
        [BIN, "serve", "--port", str(port)],
        cwd=SITE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, NO_COLOR="1", DOSSIER_TIMINGS="1"),
    )
    rebuilt = []  # server-reported rebuild times, ms
    stages = []  # per rebuild: {stage: ms}, from DOSSIER_TIMINGS
    current = {}

    def read_output():
        nonlocal current
        for raw in server.stdout:
            line = raw.decode(errors="replace").rstrip()
            m = re.search(r"rebuilt in (\d+) ms", line)
            t = re.match(r"\s*(\w+):\s+([\d.]+) ms$", line)
            if m:
                rebuilt.append(int(m.group(1)))
                stages.append(current)
                current = {}
            elif t:
                current[t.group(1)] = float(t.group(2))
            elif "error" in line:
                log("server:", line)

    threading.Thread(target=read_output, daemon=True).start()
    reload_ms, visible_ms = [], []
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if get(port, "/", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.1)
        events = Events(port)
        events.wait_new(0, 10)
        log(f"serving on port {port}; waiting {GAP:g} s for the first check of every page")
        time.sleep(GAP)
        for run in range(RUNS):
            word = "latencyprobe" + secrets.token_hex(4)
            status, body = get(port, page)  # the page is open in the browser
            assert status == 200 and word.encode() not in body, status
            seen = len(events.items)
            with open(article, "ab") as f:
                f.write(f"\n\nThe word is {word}.\n".encode())
            t0 = time.monotonic()
            t_event, _version = events.wait_new(seen, 30)
            while True:
                status, body = get(port, page)
                if status == 200 and word.encode() in body:
                    break
                if time.monotonic() - t0 > 30:
                    raise SystemExit(f"the edit never showed (status {status})")
                time.sleep(0.01)
            t_visible = time.monotonic()
            reload_ms.append((t_event - t0) * 1000)
            visible_ms.append((t_visible - t0) * 1000)
            time.sleep(0.05)  # the server's report of the rebuild
            server_ms = f"{rebuilt[-1]} ms" if rebuilt else "?"
            parts = ", ".join(f"{k} {v:.0f}" for k, v in (stages[-1] if stages else {}).items())
            log(f"edit {run + 1}: reload event {reload_ms[-1]:.0f} ms, page shows it {visible_ms[-1]:.0f} ms (server: rebuilt in {server_ms}: {parts})")
            time.sleep(GAP)
        memory = None
        try:
            with open(f"/proc/{server.pid}/status") as f:
                memory = {k: v.strip() for k, v in (l.split(":", 1) for l in f) if k in ("VmRSS", "VmHWM")}
        except OSError:
            pass
    finally:
        with open(article, "wb") as f:
            f.write(original)
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()

    build_s = None
    if os.environ.get("SKIP_BUILD") != "1":
        out = f"/dev/shm/dossier-latency-{os.getpid()}" if os.access("/dev/shm", os.W_OK) else os.path.join(HERE, "out", "latency-site")
        try:
            t = time.monotonic()
            subprocess.run([BIN, "build", "--out", out], cwd=SITE, check=True, stdout=subprocess.DEVNULL)
            build_s = time.monotonic() - t
        finally:
            subprocess.run(["rm", "-rf", out])

    med_reload = statistics.median(reload_ms)
    med_visible = statistics.median(visible_ms)
    print(f"{SIZE} articles, {RUNS} edits, median:")
    print(f"  reload event    {med_reload:6.0f} ms")
    print(f"  page shows edit {med_visible:6.0f} ms")
    if rebuilt:
        print(f"  server rebuild  {statistics.median(rebuilt[-RUNS:]):6.0f} ms (after the watcher's wait for the save to settle)")
        for name in stages[-1]:
            values = [st.get(name, 0.0) for st in stages[-RUNS:]]
            print(f"    {name:>8}      {statistics.median(values):6.0f} ms")
    if memory:
        print(f"  server memory   {memory.get('VmRSS')} resident, {memory.get('VmHWM')} peak")
    if build_s is not None:
        print(f"  full build      {build_s * 1000:6.0f} ms  (edit-to-visible = {med_visible / 1000 / build_s:.2f} of it)")


if __name__ == "__main__":
    main()
