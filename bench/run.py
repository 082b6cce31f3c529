"""Run the benchmarks in bench/ and print each figure as a ratio against a baseline.

    python bench/run.py                  # every bench/bench_*.py
    python bench/run.py --only directory # one benchmark (repeat --only for more)
    python bench/run.py --quick          # a smoke run with few iterations

Missing a target is reported, not fatal: the exit status is non-zero only when a benchmark
crashes (or the data set cannot be built)."""

import argparse
import hashlib
import importlib
import json
import os
import platform
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DATA_DIR = BENCH_DIR / "data"
RESULTS_DIR = BENCH_DIR / "results"
DATASET = DATA_DIR / "national.sqlite3"
FINGERPRINT = DATA_DIR / "national.sqlite3.fingerprint"

# bench/ is sys.path[0] when this file runs as a script; make sure of it when it does not, so
# `import benchlib` and the benchmark modules resolve the same way.
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

from benchlib import Options, Row  # noqa: E402


def dataset_inputs() -> list[Path]:
    """The files whose change means the stored data set is stale: the schema (every
    migration, including the one that loads reference data), the reference data itself and
    the code that generates the data set."""
    package = ROOT / "coaction"
    return sorted(
        [
            *package.glob("*/migrations/*.py"),
            *package.glob("*/dataset.py"),
            *package.glob("*/reference.py"),
            *package.glob("*/management/commands/generate_dataset.py"),
        ]
    )


def dataset_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in dataset_inputs():
        # Names as well as contents, so a renamed or deleted migration counts as a change.
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def django_env(database: Path) -> dict[str, str]:
    """Production-like settings: DEBUG off (no query log, no debug toolbar-style overheads),
    with just enough configuration for DEBUG=0 to start under the test client."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "coaction.settings",
            "DATABASE_URL": sqlite_url(database),
            "DEBUG": "0",
            "SECRET_KEY": env.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "testserver",
            # Keep background tasks out of the way should anything enqueue one.
            "TASKS_BACKEND": "database",
        }
    )
    return env


def run_step(title: str, args: list[str], env: dict[str, str]) -> None:
    """Run one manage.py command, echoing its output as it comes so a long build shows
    progress."""
    print(f"  {title}", flush=True)
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        print(f"    {line.rstrip()}", flush=True)
    if process.wait() != 0:
        raise RuntimeError(f"`{' '.join(args)}` failed with exit status {process.returncode}")
    print(f"    ({time.monotonic() - started:.1f}s)", flush=True)


def ensure_dataset(*, rebuild: bool) -> str:
    """Build the national data set once and reuse it until its inputs change. Returns the
    fingerprint of the data set in use."""
    fingerprint = dataset_fingerprint()
    if (
        not rebuild
        and DATASET.exists()
        and FINGERPRINT.exists()
        and FINGERPRINT.read_text().strip() == fingerprint
    ):
        print(f"Data set: reusing {DATASET.relative_to(ROOT)}")
        return fingerprint
    reason = "asked to rebuild" if rebuild else "missing or out of date"
    print(f"Data set: building {DATASET.relative_to(ROOT)} ({reason})", flush=True)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # Build beside the real file and move it into place only when complete, so an
    # interrupted build is never mistaken for a good one.
    building = DATA_DIR / "national.building.sqlite3"
    for stale in (building, *DATA_DIR.glob("national.building.sqlite3-*")):
        stale.unlink(missing_ok=True)
    FINGERPRINT.unlink(missing_ok=True)
    env = django_env(building)
    run_step("migrate", ["migrate", "--noinput", "--verbosity", "1"], env)
    run_step(
        "generate_dataset --scale national",
        ["generate_dataset", "--scale", "national", "--verbosity", "2"],
        env,
    )
    # Fold the write-ahead log into the main file so the single file is the whole data set.
    with closing(sqlite3.connect(building)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for leftover in DATA_DIR.glob("national.building.sqlite3-*"):
        leftover.unlink()
    for old in DATA_DIR.glob("national.sqlite3-*"):
        old.unlink()
    building.replace(DATASET)
    FINGERPRINT.write_text(fingerprint + "\n")
    return fingerprint


@contextmanager
def working_copy() -> Iterator[Path]:
    """A throw-away copy of the data set for this run: signing in writes sessions and
    last_login, and those writes must not leak into the next run's starting point."""
    directory = Path(tempfile.mkdtemp(prefix="coaction-bench-"))
    try:
        copy = directory / DATASET.name
        shutil.copyfile(DATASET, copy)
        yield copy
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def discover(only: list[str]) -> list[str]:
    """Module names of the benchmarks to run, bench_<name>.py, in name order."""
    available = {
        path.stem.removeprefix("bench_"): path.stem for path in BENCH_DIR.glob("bench_*.py")
    }
    if not only:
        return [available[name] for name in sorted(available)]
    unknown = [name for name in only if name.removeprefix("bench_") not in available]
    if unknown:
        raise LookupError(
            f"unknown benchmark {', '.join(unknown)}: choose from {', '.join(sorted(available))}"
        )
    return [available[name.removeprefix("bench_")] for name in dict.fromkeys(only)]


def format_table(rows: list[Row]) -> str:
    header = ["benchmark", "figure", "baseline", "ratio", "target", "result"]
    lines = []
    for row in rows:
        lines.append(
            [
                row.name,
                f"{row.figure:,.1f} {row.unit}",
                f"{row.baseline:,.1f} {row.unit}",
                f"{row.ratio:.2f}",
                f">= {row.target:.2f}" if row.target is not None else "-",
                {True: "pass", False: "MISS", None: "info"}[row.passed],
            ]
        )
    widths = [max(len(cells[i]) for cells in [header, *lines]) for i in range(len(header))]

    # Names left-aligned, figures right-aligned so digits line up.
    def render(cells: list[str]) -> str:
        return "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([render(header), rule, *(render(cells) for cells in lines)])


def write_results(
    rows: list[Row], crashes: dict[str, str], options: Options, fingerprint: str
) -> Path:
    import django

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / "latest.json"
    payload: dict[str, Any] = {
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": options.quick,
        "python": platform.python_version(),
        "django": django.get_version(),
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
        "dataset": {"path": str(DATASET.relative_to(ROOT)), "fingerprint": fingerprint},
        "rows": [row.as_dict() for row in rows],
        "crashed": crashes,
    }
    path.write_text(json.dumps(payload, indent=2) + "\n")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only", action="append", default=[], metavar="NAME", help="run only this benchmark"
    )
    parser.add_argument("--quick", action="store_true", help="few iterations: a smoke run")
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild the data set even if it is up to date"
    )
    args = parser.parse_args()
    options = Options(quick=args.quick)
    try:
        modules = discover(args.only)
    except LookupError as exc:
        parser.error(str(exc))

    try:
        fingerprint = ensure_dataset(rebuild=args.rebuild)
    except Exception:
        traceback.print_exc()
        print("Could not build the data set.", file=sys.stderr)
        return 2

    rows: list[Row] = []
    crashes: dict[str, str] = {}
    with working_copy() as database:
        # Settings are read once, at setup: the environment must be right before it.
        os.environ.update(django_env(database))
        import django

        django.setup()

        for module_name in modules:
            name = module_name.removeprefix("bench_")
            print(f"\n== {name}{' (quick)' if options.quick else ''}", flush=True)
            started = time.monotonic()
            try:
                module = importlib.import_module(module_name)
                produced = module.run(options)
            except Exception:
                crashes[name] = traceback.format_exc()
                sys.stdout.flush()
                traceback.print_exc()
                sys.stderr.flush()
                print(f"   {name} crashed", flush=True)
                continue
            rows += produced
            print(f"   done in {time.monotonic() - started:.1f}s", flush=True)

        from django.db import connections

        connections.close_all()

    print()
    if rows:
        print(format_table(rows))
        for row in rows:
            if row.notes:
                print(f"\n{row.name}:")
                for note in row.notes:
                    print(f"  {note}")
    if crashes:
        print(f"\nCrashed: {', '.join(crashes)}")
    if options.quick:
        print("\n(--quick: too few iterations for the figures to mean much)")
    path = write_results(rows, crashes, options, fingerprint)
    print(f"\nResults written to {path.relative_to(ROOT)}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
