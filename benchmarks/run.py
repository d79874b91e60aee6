"""Speed and memory of igf-report, as ratios against references measured in the same run.

Run it from the project's folder with the project installed (``pip install .``;
an editable install adds its import hook to every start-up):

    python benchmarks/run.py

It makes its own virtual environment (``benchmarks/.venv``) with copier, the
closest peer, and a minimal typer app that imports pydantic (the floor of this
stack). Every row prints the measured figures, the ratio, the target and
whether it is met; the exit code is 0 when every target is met. Timings are
medians, since these machines are shared and noisy: no test asserts on time.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import venv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from igf_report.collection.checking import read_checked  # noqa: E402 -- after the path is set
from igf_report.writers import get_renderer  # noqa: E402

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
FLOOR_APP = '''
import typer
import pydantic  # noqa: F401

app = typer.Typer()


@app.command()
def main() -> None:
    """Do nothing."""


app()
'''


@dataclass
class Row:
    what: str
    measured: str
    ratio: float
    target: str
    met: bool


def _wall(command: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _median_wall(command: Sequence[str], runs: int) -> float:
    return statistics.median(_wall(command) for _ in range(runs))


def _side_by_side(commands: Sequence[Sequence[str]], runs: int) -> list[float]:
    """Median wall times, the commands taking turns so that load hits them alike."""
    for command in commands:  # warm the file cache once
        _wall(command)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            times[index].append(_wall(command))
    return [statistics.median(t) for t in times]


def _peer_venv() -> Path:
    python = VENV / ("Scripts" if os.name == "nt" else "bin") / "python"
    if not python.exists():
        print(f"making {VENV} with copier (once)...", file=sys.stderr)
        venv.create(VENV, with_pip=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "copier", "typer", "pydantic"],
            check=True,
        )
    return python


def _igf_report() -> list[str]:
    script = shutil.which("igf-report", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "igf_report"]


def _reports(folder: Path, count: int) -> list[Path]:
    examples = sorted((ROOT / "examples").glob("*.toml"))
    texts = [p.read_text(encoding="utf-8") for p in examples]
    files = []
    for index in range(count):
        text = texts[index % len(texts)].replace('title = "', f'title = "Session {index}: ', 1)
        path = folder / f"{index // 1000:03d}" / f"report-{index:05d}.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def _timed(work: Callable[[], object], repeat: int = 3) -> float:
    best = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best.append(time.perf_counter() - start)
    return statistics.median(best)


def _peak_rss_mib(command: Sequence[str]) -> float:
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *command], check=True, capture_output=True, text=True
    ).stdout
    kib = int(out.strip())
    return kib / 1024 if platform.system() != "Darwin" else kib / (1024 * 1024)


def startup(runs: int) -> list[Row]:
    peer = _peer_venv()
    copier = [str(peer.parent / "copier"), "--help"]
    ours = _igf_report()
    example = str(ROOT / "examples" / "national-digital-strategy.toml")
    with tempfile.TemporaryDirectory() as tmp:
        floor_script = Path(tmp) / "floor.py"
        floor_script.write_text(FLOOR_APP, encoding="utf-8")
        floor_help, floor_run, copier_help, our_help, our_validate = _side_by_side(
            [
                [sys.executable, str(floor_script), "--help"],
                [sys.executable, str(floor_script)],
                copier,
                [*ours, "--help"],
                [*ours, "validate", example],
            ],
            runs,
        )
    rows = []
    # --help imports no command and no domain (the commands are listed from a
    # table), so it is held to the floor itself; validate imports the domain
    for what, ours_time, floor, most in (
        ("start-up: igf-report --help", our_help, floor_help, 1.0),
        ("start-up: igf-report validate (1 file)", our_validate, floor_run, 1.3),
    ):
        vs_copier = ours_time / copier_help
        vs_floor = ours_time / floor
        rows.append(
            Row(
                what,
                f"{ours_time * 1000:.0f} ms; copier --help {copier_help * 1000:.0f} ms, "
                f"floor {floor * 1000:.0f} ms",
                max(vs_copier / 0.6, vs_floor / most),
                f"<= 0.6 x copier ({vs_copier:.2f}) and <= {most} x floor ({vs_floor:.2f})",
                vs_copier <= 0.6 and vs_floor <= most,
            )
        )
    return rows


def batch(count: int) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = _reports(folder, count)

        def parse_only() -> None:
            for path in files:
                tomllib.loads(path.read_text(encoding="utf-8"))

        parse_time = _timed(parse_only)
        validate_time = _median_wall([*_igf_report(), "validate", str(folder)], 5)
        renderer = get_renderer("text")

        def render_all() -> None:
            for path in files:
                checked = read_checked(path)
                renderer.render(checked.values, width=80)

        render_time = _timed(render_all)
    parse_rate = count / parse_time
    validate_rate = count / validate_time
    render_rate = count / render_time
    share = validate_rate / parse_rate
    rows.append(
        Row(
            f"batch validate: {count:,} files, one process",
            f"{validate_rate:,.0f} reports/s; tomllib alone {parse_rate:,.0f} files/s",
            max(0.5 / share, 1000 / validate_rate),
            f">= 0.5 x tomllib ({share:.2f}) and >= 1,000/s",
            share >= 0.5 and validate_rate >= 1000,
        )
    )
    rows.append(
        Row(
            f"batch render: {count:,} reports to text, one process",
            f"{render_rate:,.0f} reports/s",
            1000 / render_rate,
            ">= 1,000/s",
            render_rate >= 1000,
        )
    )
    return rows


def collection(count: int, runs: int) -> list[Row]:
    """book, status and export of a whole IGF's reports, against validate of the same folder."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "igf"
        _reports(folder, count)
        igf = _igf_report()
        validate, book, status, export = _side_by_side(
            [
                [*igf, "validate", str(folder)],
                [*igf, "book", str(folder), "-o", str(Path(tmp) / "book.html")],
                [*igf, "status", str(folder)],
                [*igf, "export", str(folder), "--format", "csv"],
            ],
            runs,
        )
    rows = []
    for what, seconds, most in (
        (f"book of {count} reports to HTML", book, 3.0),
        (f"status of {count} reports", status, 1.5),
        (f"export of {count} reports to CSV", export, 1.5),
    ):
        ratio = seconds / validate
        rows.append(
            Row(
                what,
                f"{seconds * 1000:,.0f} ms; validate {validate * 1000:,.0f} ms",
                ratio / most,
                f"<= {most} x validate ({ratio:.2f})",
                ratio <= most,
            )
        )
    return rows


def memory(small: int, large: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        small_dir = Path(tmp) / "small"
        large_dir = Path(tmp) / "large"
        _reports(small_dir, small)
        _reports(large_dir, large)
        small_rss = _peak_rss_mib([*_igf_report(), "validate", str(small_dir)])
        large_rss = _peak_rss_mib([*_igf_report(), "validate", str(large_dir)])
    growth = large_rss - small_rss
    return [
        Row(
            f"memory: peak RSS validating {large:,} files",
            f"{large_rss:.1f} MiB ({small:,} files: {small_rss:.1f} MiB, growth {growth:.1f} MiB)",
            large_rss / 80,
            "< 80 MiB, growth < 8 MiB",
            large_rss < 80 and growth < 8,
        )
    ]


def _draft_at_discussions(path: Path) -> None:
    """A draft with every field before the discussions, stopped at the discussions."""
    from igf_report.files.resume import Position  # noqa: PLC0415
    from igf_report.filling.saving import save_draft  # noqa: PLC0415

    data = tomllib.loads((ROOT / "examples" / "community-networks.toml").read_text("utf-8"))
    del data["discussions"], data["way_forward"]
    save_draft(path, data, resume_at=Position("discussions", 0))


def _paste_seconds(count: int) -> float:
    """Paste ``count`` paragraphs into the wizard in a pseudo-terminal; seconds until saved."""
    import pexpect  # noqa: PLC0415 -- a test extra, needed only here

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.toml"
        _draft_at_discussions(report)
        child = pexpect.spawn(
            _igf_report()[0],
            [*_igf_report()[1:], "fill", str(report)],
            env={**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "120"},
            encoding="utf-8",
            dimensions=(50, 120),
            timeout=600,
        )
        child.delaybeforesend = None  # pexpect sleeps 50 ms before each send otherwise
        child.expect(r"\n1: ")
        lines = [f"Paragraph {n} of the pasted notes, as long as a line." for n in range(count)]
        data = "\n".join([*lines, ""]).encode("utf-8")

        def type_in() -> None:
            # a terminal writes a paste as fast as the program reads it; a
            # thread writes, so that the echo is read meanwhile and neither blocks
            for offset in range(0, len(data), 1024):
                os.write(child.child_fd, data[offset : offset + 1024])

        writer = threading.Thread(target=type_in)
        start = time.perf_counter()
        writer.start()
        # a blank line inside a paste does not end the list: Enter, once the
        # whole paste is in, does
        child.expect(rf"\n{count + 1}: ")
        child.send("\r")
        child.expect("11/11  Way forward")  # the list ended, the paste saved
        seconds = time.perf_counter() - start
        writer.join()
        child.sendintr()
        child.expect(pexpect.EOF)
        saved = tomllib.loads(report.read_text(encoding="utf-8"))["discussions"]
        if saved != lines:
            msg = f"the paste of {count} lines saved {len(saved)} items"
            raise RuntimeError(msg)
    return seconds


def paste(small: int, large: int) -> list[Row]:
    small_time = _paste_seconds(small)
    large_time = _paste_seconds(large)
    growth = (large_time / large) / (small_time / small)
    return [
        Row(
            f"wizard: paste of {small:,} list items, saved whole",
            f"{small_time:.2f} s; {large:,} items {large_time:.2f} s "
            f"(per item x{growth:.2f} at {large // small}x the items)",
            max(small_time / 5, growth / 1.5),
            "<= 5 s, per-item time growing < 1.5x (linear)",
            small_time <= 5 and growth < 1.5,
        )
    ]


def prompt_latency(count: int) -> list[Row]:
    """Enter to the next prompt of the wizard, the answer on disk (benchmarks/prompt_latency.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from prompt_latency import measure  # noqa: PLC0415 -- needs the test extras (pexpect, pyte)

    median = statistics.median(measure(count)) * 1000
    return [
        Row(
            f"wizard: Enter to the next prompt, answer saved ({count} answers)",
            f"median {median:.1f} ms",
            median / 50,
            "median <= 50 ms",
            median <= 50,
        )
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per start-up median")
    parser.add_argument("--files", type=int, default=2000, help="files for the batch rows")
    parser.add_argument("--memory-files", type=int, default=20000, help="files for memory")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.system()} {platform.release()}"
    )
    parser.add_argument("--paste", type=int, default=1000, help="lines pasted into the wizard")
    parser.add_argument("--only-paste", action="store_true", help="measure only the paste")
    parser.add_argument("--only", choices=["collection", "startup"], help="run only these rows")
    args = parser.parse_args()
    if args.only_paste:
        rows = paste(args.paste, 5 * args.paste)
    elif args.only == "collection":
        rows = collection(300, args.runs)
    elif args.only == "startup":
        rows = startup(args.runs)
    else:
        rows = [
            *startup(args.runs),
            *batch(args.files),
            *collection(300, args.runs),
            *memory(args.files, args.memory_files),
            *paste(args.paste, 5 * args.paste),
            *prompt_latency(40),
        ]
    width = max(len(row.what) for row in rows)
    for row in rows:
        verdict = "met" if row.met else "NOT MET"
        print(f"{row.what:<{width}}  {verdict:<7}  {row.target}")
        print(f"{'':<{width}}           {row.measured}")
    met = sum(row.met for row in rows)
    print(f"{met} of {len(rows)} targets met")
    return 0 if met == len(rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
