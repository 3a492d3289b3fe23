"""Contributed Markdown converted once per content, across builds.

Converting Markdown is the costliest step of rendering a page: most of a minutes page's
time goes to Python-Markdown. The conversion depends on the text, the heading level and
the converter (Python-Markdown's version and raad's extensions) and on nothing else, so its
HTML is kept on disk under a hash of those, in the build's `.cache` folder. Linking and
sanitising (`generator.render.render_text`) still run on every use: they are cheap, and
they depend on the page the text is shown on.

Entries are written whole (`killsafe.write_whole`), by whichever process converted the text
(pages are rendered on all cores), so a killed build leaves no half entry; an entry that
cannot be read is converted again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from generator.killsafe import write_whole

VERSION = 1


class MarkdownCache:
    """Converted Markdown by content, under `folder`; `fingerprint` names the converter."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = f"v{VERSION}-{fingerprint}"
        self.hits = 0
        self.misses = 0

    def _path(self, text: str, level: int) -> Path:
        key = hashlib.sha256(f"{self.fingerprint}\0{level}\0{text}".encode()).hexdigest()
        return self.folder / key[:2] / f"{key}.html"

    def converted(self, text: str, level: int, convert: Callable[[str], str]) -> str:
        """`convert(text)` (at heading level `level`), from the cache when it has it."""
        path = self._path(text, level)
        try:
            html = path.read_bytes().decode("utf-8")
            if html or not text.strip():  # an empty entry for text is one a power cut emptied
                self.hits += 1
                return html
        except (OSError, UnicodeDecodeError):
            pass
        html = convert(text)
        self.misses += 1
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_whole(path, html.encode("utf-8"))
        except OSError:  # a read-only or full disk costs the cache, not the build
            pass
        return html
