"""Time from Enter to the next prompt of ``fill`` on the line editor, in a real pty.

Each answer is a speaker typed at a list; the time runs from the Enter that
accepts it to the next item's prompt on the (emulated) screen, by which time
the answer is saved (the wizard saves before it asks again). Prints the median
and the 90th percentile. Needs the test extras (pexpect, pyte).

    python benchmarks/prompt_latency.py [ANSWERS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_line_editor_pty import Terminal

HEAD = (
    'title = "T"\ndate = 2016-12-06\ntime = "10:45 - 11:45 am"\norganizer = "Host"\n'
    'chair = "Ana Pérez, ISOC"\nrapporteur = "Kwame Mensah, UG"\n'
)


def measure(count: int = 40) -> list[float]:
    """Seconds from Enter to the next prompt, one per answer, sorted."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.toml"
        report.write_text(HEAD, encoding="utf-8")
        term = Terminal(report)
        term.wait_for(r"(?m)^1: *$")
        times = []
        for number in range(1, count + 1):
            term.type(f"Speaker {number}, Org {number}")
            term.wait_for(rf"(?m)^{number}: Speaker {number}, Org {number} *$")
            start = time.perf_counter()
            term.type("\r")
            term.wait_for(rf"(?m)^{number + 1}: *$", timeout=10)
            times.append(time.perf_counter() - start)
            saved = tomllib.loads(report.read_text(encoding="utf-8"))["speakers"]
            if saved[-1]["name"] != f"Speaker {number}":
                msg = f"answer {number} was not on disk when the next prompt showed"
                raise SystemExit(msg)
        term.type(":quit\r")
        term.finish()
    return sorted(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    times = measure(count)
    median = statistics.median(times) * 1000
    p90 = times[int(len(times) * 0.9) - 1] * 1000
    print(
        f"{count} answers: median {median:.1f} ms, p90 {p90:.1f} ms, max {times[-1] * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
