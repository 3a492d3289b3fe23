"""Wall time and peak memory of each build phase, for `raad build --timings` and the benchmark.

Peak memory is sampled from /proc/self/status while a phase runs (so each phase gets its
own peak, not the process's all-time high), plus the largest child process, which is where
PDF text is read.
"""

from __future__ import annotations

import resource
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


def _rss_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@dataclass
class Phase:
    name: str
    seconds: float
    peak_bytes: int
    note: str = ""


@dataclass
class Timings:
    phases: list[Phase] = field(default_factory=list)

    @contextmanager
    def phase(self, name: str) -> Iterator[Phase]:
        """Time the block and sample its peak resident memory every 20 ms."""
        record = Phase(name, 0.0, _rss_bytes())
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.02):
                record.peak_bytes = max(record.peak_bytes, _rss_bytes())

        sampler = threading.Thread(target=sample, daemon=True)
        started = time.perf_counter()
        sampler.start()
        try:
            yield record
        finally:
            stop.set()
            sampler.join()
            record.seconds = time.perf_counter() - started
            record.peak_bytes = max(record.peak_bytes, _rss_bytes())
            self.phases.append(record)

    def get(self, name: str) -> Phase | None:
        return next((p for p in self.phases if p.name == name), None)

    def table(self) -> str:
        lines = [f"{'phase':<18}{'seconds':>10}{'peak MB':>10}  note"]
        for phase in self.phases:
            lines.append(f"{phase.name:<18}{phase.seconds:>10.2f}{phase.peak_bytes / 1e6:>10.0f}  {phase.note}")
        return "\n".join(lines)


def child_peak_bytes() -> int:
    """The largest resident size any finished child process reached."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
