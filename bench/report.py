"""The figures of a run as Markdown tables, each against its target where it has one."""

import datetime
import os
import platform
import re
from pathlib import Path

from bench.editor import TARGET_P50_MS, EditorResult
from bench.load import Result
from bench.server import WORKERS

TARGETS = {
    # name: (minimum ratio to the minimal view, maximum p50 in ms)
    "Lesson, anonymous": (0.50, None),
    "Lesson, logged in": (0.15, None),
    "Quiz answer POST": (0.10, None),
    "Scenario choice POST": (0.10, None),
    "Manager dashboard, 2,000 learners": (None, 300),
}
EXPORT_MEMORY_TARGET_MB = 150


def machine_summary(database_url: str) -> str:
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    database = "SQLite" if database_url.startswith("sqlite") else "PostgreSQL"
    return (
        f"{datetime.date.today().isoformat()}, {os.cpu_count()} cores, "
        f"{memory_kb / 1024 / 1024:.0f} GiB, Python {platform.python_version()}, {database}"
    )


def table(results: list[Result], baseline: Result) -> list[str]:
    lines = [
        "| Address | Conns | Requests/s | Ratio to minimal | p50 ms | p99 ms | Errors | Target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for result in results:
        ratio = result.rps / baseline.rps if baseline.rps else 0
        target = TARGETS.get(result.name)
        verdict = ""
        if target:
            min_ratio, max_p50 = target
            if min_ratio is not None:
                ok = ratio >= min_ratio and (result.errors == 0 or "POST" not in result.name)
                verdict = f"≥ {min_ratio:.0%}: {'met' if ok else 'MISSED'}"
            else:
                ok = result.p50_ms <= max_p50
                verdict = f"p50 ≤ {max_p50} ms: {'met' if ok else 'MISSED'}"
        lines.append(
            f"| {result.name} | {result.connections} | {result.rps:,.0f} | {ratio:.1%} | "
            f"{result.p50_ms:.1f} | {result.p99_ms:.1f} | {result.errors} | {verdict} |"
        )
    return lines


def report(
    results: list[Result],
    baseline: Result,
    exports: list[tuple],
    rows: int,
    database_url: str,
    editor: list[EditorResult] = (),
) -> str:
    """The run's tables: every address, the posts' stored rows, then the exports."""
    lines = [f"Run: {machine_summary(database_url)}; gunicorn, {WORKERS} sync workers.", ""]
    lines += table(results, baseline)
    lines.append("")
    lines += [f"- {r.name}: {r.note}" for r in results if r.note]
    if exports:
        lines.append("")
        lines.append("| Export | Rows | Seconds | Size MB | Peak worker memory MB | Target |")
        lines.append("|---|---:|---:|---:|---:|---|")
    for label, seconds, size, peak in exports:
        verdict = "met" if peak <= EXPORT_MEMORY_TARGET_MB else "MISSED"
        lines.append(
            f"| {label} | {rows:,} | {seconds:.1f} | {size / 1e6:.1f} | {peak:.0f} | "
            f"≤ {EXPORT_MEMORY_TARGET_MB} MB: {verdict} |"
        )
    if editor:
        lines.append("")
        lines.append("| Editor, one trainer | Requests | p50 ms | p95 ms | Errors | Target |")
        lines.append("|---|---:|---:|---:|---:|---|")
    for result in editor:
        verdict = "met" if result.p50_ms <= TARGET_P50_MS and not result.errors else "MISSED"
        lines.append(
            f"| {result.name} | {result.repeats} | {result.p50_ms:.0f} | {result.p95_ms:.0f} | "
            f"{result.errors} | p50 ≤ {TARGET_P50_MS} ms: {verdict} |"
        )
    return "\n".join(lines)
