#!/usr/bin/env python3
"""How long `bamaso serve` takes from a saved page to the reload event, on a big site.

    python3 Benchmarks/serve_rebuild.py BAMASO ROOT [--edits 5]

Starts `BAMASO serve --root ROOT --port 0`, waits for the first build, listens to the live
reload stream as an open page does, then edits one page at a time (appending a sentence) and
measures the time from the file's change to the `reload` event. Prints each edit's time and
the server's own "Rebuilt in" line, then the median. Every edited page is restored at the end.
Only 127.0.0.1 is contacted.
"""

import argparse
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path


def read_lines(process, lines, ready):
    for line in process.stdout:
        lines.append((time.perf_counter(), line.rstrip("\n")))
        ready.set()


def wait_for(lines, ready, pattern, start, timeout):
    """The first line at index >= start that matches, as (index, time, match)."""
    deadline = time.monotonic() + timeout
    index = start
    while time.monotonic() < deadline:
        while index < len(lines):
            match = re.search(pattern, lines[index][1])
            if match:
                return index, lines[index][0], match
            index += 1
        ready.wait(0.05)
        ready.clear()
    sys.exit("timed out waiting for %r; the server said:\n%s" % (pattern, "\n".join(l for _, l in lines[-20:])))


def get(port, path):
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" % path).encode())
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    return data.decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bamaso", type=Path)
    parser.add_argument("root", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()

    pages = [page for page in sorted((args.root / "content" / "risks").glob("*.en.md"))
             if not page.name.startswith("_")][: args.edits]
    originals = {page: page.read_bytes() for page in pages}
    process = subprocess.Popen([str(args.bamaso), "serve", "--root", str(args.root), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines, ready = [], threading.Event()
    threading.Thread(target=read_lines, args=(process, lines, ready), daemon=True).start()
    results = []
    try:
        index, _, match = wait_for(lines, ready, r"Serving the site at http://127\.0\.0\.1:(\d+)/", 0, 600)
        port = int(match.group(1))
        index, _, first = wait_for(lines, ready, r"^Built in ([0-9.]+) s", 0, 600)
        print("first build: %s s" % first.group(1))
        for page in pages:
            html = get(port, "/en/")
            generation = re.search(r"since=(\d+)", html).group(1)
            stream = socket.create_connection(("127.0.0.1", port), timeout=60)
            stream.sendall(("GET /__bamaso/live-reload?since=%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            "Accept: text/event-stream\r\n\r\n" % generation).encode())
            time.sleep(0.5)  # the server has the subscription before the file changes
            started = time.perf_counter()
            with page.open("a", encoding="utf-8") as file:
                file.write("\nOne more sentence, written by the benchmark.\n")
            received = b""
            while b"event: reload" not in received:
                chunk = stream.recv(4096)
                if not chunk:
                    sys.exit("the event stream closed before a reload event")
                received += chunk
            elapsed = time.perf_counter() - started
            stream.close()
            index, _, rebuilt = wait_for(lines, ready, r"^(Rebuilt in .*)$", index + 1, 120)
            results.append(elapsed)
            print("%s: %.0f ms to the reload event; the server: %s" % (page.name, elapsed * 1000, rebuilt.group(1)))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        for page, data in originals.items():
            page.write_bytes(data)
    print("median: %.0f ms from the file change to the reload event (%d edits)"
          % (statistics.median(results) * 1000, len(results)))


if __name__ == "__main__":
    main()
