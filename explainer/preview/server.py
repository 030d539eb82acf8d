"""`build.py serve`: build the site, serve it, rebuild on every save and reload the browser.

Owns the server's life from start to Ctrl-C: listening (and warning when other machines can
reach it), the first build, the watch and rebuild tasks, the HTTP server, and stopping cleanly on
SIGINT or SIGTERM, also while a build's render workers are being forked. What a URL shows is
`urls`', the handlers are `handlers`', and the builds and reloads are `session`'s.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing.util
import os
import signal
import socket
import sys
import threading
import webbrowser
from types import FrameType

from livereload.handlers import LiveReloadHandler
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from explainer.core.options import BuildOptions
from explainer.preview.editor import Editor
from explainer.preview.handlers import application
from explainer.preview.hosts import HostCheck, browsable, exposure_warning
from explainer.preview.livebuild import LiveSite
from explainer.preview.session import Preview

STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_stop_asked = threading.Event()


# Ctrl-C goes to the whole process group, so also to the build's forked render workers. Stop
# signals are held while a worker is forked (landing in the middle of Python's own fork handlers
# they would leave locks taken); the worker then ignores Ctrl-C and leaves stopping to the server.
def _hold_stop_signals() -> None:
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)


def _release_stop_signals_in_parent() -> None:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


# Where an exception is printed ("Exception ignored in ...", with a traceback) and dropped: fork
# handlers, and the finalizers that end a build's worker pool (run when the pool is collected).
_DROPPING = {
    _hold_stop_signals.__code__, _release_stop_signals_in_parent.__code__, multiprocessing.util.Finalize.__call__.__code__,
}


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """Stop: noted first, then raised, except where Python would print the exception and drop
    it (`_DROPPING`). An interrupt that is lost, there or among a build's errors, stops the
    server once the first build has finished."""
    _stop_asked.set()
    while frame is not None:
        if frame.f_code in _DROPPING:
            return
        frame = frame.f_back
    raise KeyboardInterrupt


def _leave_stopping_to_the_server() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # how the pool ends its workers
    signal.set_wakeup_fd(-1)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


async def _run(preview: Preview, sockets: list[socket.socket], url: str, open_browser: bool) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    tasks = [asyncio.create_task(preview.watch(stop)), asyncio.create_task(preview.rebuild_loop())]
    ready = asyncio.ensure_future(preview.watcher.ready.wait())
    await asyncio.wait([ready, tasks[0]], return_when=asyncio.FIRST_COMPLETED)
    ready.cancel()
    server = HTTPServer(application(preview))
    server.add_sockets(sockets)
    print(f"serving {url} (Ctrl-C to stop)", flush=True)
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    await stop.wait()
    if preview.building:
        print("stopping after the current rebuild", flush=True)
    server.stop()
    for waiter in list(LiveReloadHandler.waiters):
        waiter.close()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    preview.executor.shutdown(wait=True, cancel_futures=True)
    await server.close_all_connections()


def serve(
    options: BuildOptions, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
    editor: Editor | None = None,
) -> int:
    """Run the preview until SIGINT or SIGTERM. Returns the exit status (0 when stopped).
    Paths shown on pages open in `editor` (`serve --editor`); without one, they are copied."""
    try:
        sockets = bind_sockets(port, address=host)
    except (OSError, OverflowError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        print(f"error: cannot listen on {host}:{port}: {reason}", file=sys.stderr)
        return 1
    addresses = [s.getsockname()[0] for s in sockets]
    port = sockets[0].getsockname()[1]
    for name in ("tornado.access", "tornado.general"):  # requests, and malformed ones from clients
        logging.getLogger(name).addHandler(logging.NullHandler())
    warning = exposure_warning(addresses)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    _stop_asked.clear()
    previous = {signum: signal.signal(signum, _interrupt) for signum in STOP_SIGNALS}
    os.register_at_fork(before=_hold_stop_signals, after_in_parent=_release_stop_signals_in_parent,
                        after_in_child=_leave_stopping_to_the_server)
    try:
        site = LiveSite(options)
        preview = Preview(site, port, HostCheck(host, addresses), editor)
        preview.report(site.build())
        preview.errors_shown = site.errors
        # What the first build made lives as long as the server; kept out of the collector's
        # scans, the large heap does not make every later collection slow.
        gc.collect()
        gc.freeze()
        # A rebuild runs in a thread beside the one answering the browser. Python hands the GIL
        # to a waiting thread every 5 ms by default, so a page asked for during a rebuild took
        # up to 50 ms to answer; at 0.5 ms it takes a few.
        sys.setswitchinterval(0.0005)
        if _stop_asked.is_set():
            raise KeyboardInterrupt
        url = f"http://{browsable(host, addresses[0])}:{port}{site.base_path}"
        asyncio.run(_run(preview, sockets, url, open_browser))
    except KeyboardInterrupt:
        pass
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for sock in sockets:
            sock.close()
    print("stopped", flush=True)
    return 0
