"""Runs `build.py serve` in a subprocess for tests and the latency benchmark, and talks to it.

The server is started on a free port (`--port 0`); its terminal output is collected line by line
so a test can wait for a line and assert on it. Requests go over real HTTP; `raw()` sends a
request line exactly as given (urllib would normalise `/../`).
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT = 900.0  # a 10,000-record site builds first, maybe on a busy machine
WAIT_TIMEOUT = 60.0


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


class ServerProcess:
    """`build.py serve` for one site root; use as a context manager."""

    def __init__(self, root: Path, *args: str, out: Path | None = None, port: int = 0):
        self.root = root
        self.out = out or root / "site"
        self.args = ["serve", "--port", str(port), "--content", str(root / "content"), "--out", str(self.out), *args]
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self.process: subprocess.Popen | None = None
        self.url = ""
        self.origin = ""

    # life -------------------------------------------------------------------------------------
    def start(self) -> ServerProcess:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), *self.args], cwd=self.root, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
        )
        threading.Thread(target=self._read, daemon=True).start()
        line = self.wait_for_line(r"^serving (http://\S+) ", timeout=STARTUP_TIMEOUT)
        self.url = re.match(r"^serving (http://\S+) ", line).group(1)
        self.origin = re.match(r"^(http://[^/]+)", self.url).group(1)
        return self

    def _read(self) -> None:
        assert self.process and self.process.stdout
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def stop(self, signum: int = signal.SIGTERM) -> int:
        """Send `signum` and return the exit status."""
        if self.process is None:
            return 0
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=WAIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def output(self) -> str:
        with self._changed:
            return "\n".join(self.lines)

    def wait_for_line(self, pattern: str, timeout: float = WAIT_TIMEOUT, start: int = 0) -> str:
        """The first output line from index `start` on that matches `pattern`."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines[start:]:
                    if regex.search(line):
                        return line
                exited = self.process is not None and self.process.poll() is not None
                remaining = deadline - time.monotonic()
                if remaining <= 0 or exited:
                    raise AssertionError(f"no line matching {pattern!r}; output so far:\n" + "\n".join(self.lines))
                self._changed.wait(min(remaining, 0.5))

    # requests ---------------------------------------------------------------------------------
    def get(self, path: str, method: str = "GET") -> Response:
        request = urllib.request.Request(self.origin + path, method=method)
        try:
            with _opener.open(request, timeout=WAIT_TIMEOUT) as response:
                return Response(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read())

    def raw(self, target: str, host: str = "127.0.0.1") -> Response:
        """Send `GET target` byte for byte, with no normalisation."""
        port = int(self.origin.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=WAIT_TIMEOUT) as sock:
            sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("latin-1"))
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers = dict(line.split(": ", 1) for line in header_lines)
        return Response(int(status_line.split()[1]), headers, body)

    def status(self) -> dict:
        return json.loads(self.get("/_preview/status").body)

    def wait_for_build(self, after: int, timeout: float = WAIT_TIMEOUT) -> dict:
        """The status once build number `after + 1` (or later) is done and nothing is pending."""
        return self.wait_until(lambda s: s["generation"] > after and not s["building"], timeout)

    def wait_until(self, condition: Callable[[dict], bool], timeout: float = WAIT_TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            status = self.status()
            if condition(status):
                return status
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; last status: {status}\noutput:\n{self.output}")
            time.sleep(0.02)


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` in a file, saving it the way editors do: a temporary file, renamed."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(temporary, path)
