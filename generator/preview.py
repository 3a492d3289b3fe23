"""`raad serve`: a preview for staff that rebuilds when the project's files change.

It polls file times rather than relying on an OS watcher library: a project is a few
thousand files, a scan takes milliseconds, and polling behaves the same on every system
and in containers. Each rebuild goes through the same checked, atomic `build` as
`raad build`, so a file saved half-way shows its errors and the preview keeps the last
good site.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.build import BuildResult, build
from generator.inputs import project_folder, refusal
from generator.model import CONFIG_FILE, CONTENT_DIR, COUNCILS_DIR, THEME_DIR

WATCHED = (CONFIG_FILE, COUNCILS_DIR, CONTENT_DIR, THEME_DIR)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every watched file."""
    state: dict[str, tuple[int, int]] = {}
    for name in WATCHED:
        # Without following links: `councils -> /` must not make every poll scan the machine.
        folder = project_folder(root, name, recursive=True)
        files = list(folder.files) or ([name] if refusal(root, name) is None and (root / name).is_file() else [])
        for relative in files:
            info = (root / relative).lstat()
            state[relative] = (info.st_mtime_ns, info.st_size)
    return state


NOT_FOUND_PAGE = "404.html"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without a log line per request, and the site's own 404 page for a missing
    address, as static hosts do, so that the preview shows it as readers will see it."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / NOT_FOUND_PAGE
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(
    root: Path, out: Path, port: int, today: Callable[[], dt.date], report: Callable[[BuildResult], None], interval: float = 0.5
) -> None:
    """Build, serve `out` on localhost:`port`, and rebuild on every change until interrupted."""
    seen = snapshot(root)  # before building, so that an edit made during the build is not missed
    report(build(root, out, today(), incremental=True))
    out.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(QuietHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving {out} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C stops)", flush=True)
    tick = threading.Event()  # waits like time.sleep, but also under faketime, where sleep fails
    waiting = False
    try:
        while True:
            tick.wait(interval)
            now = snapshot(root)
            if now != seen:
                started = time.perf_counter()
                result = build(root, out, today(), incremental=True)
                if not (result.busy and waiting):  # say once that another build is in the way
                    report(result)
                waiting = result.busy
                if not result.busy:  # else the change is still to be built: try again next time
                    seen = now
                    print(f"Rebuilt in {time.perf_counter() - started:.1f} s", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
