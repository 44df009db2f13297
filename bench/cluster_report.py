"""The figures of `make bench-cluster` as Markdown tables: throughput by pool size, and the
cores each part of the cluster took while wrk ran."""

import datetime
import os
import platform
import re
from pathlib import Path

from bench.cluster_load import Measurement

PARTS = ["app servers", "PostgreSQL", "HAProxy", "Redis", "wrk"]
MINIMAL = "Minimal Django view"


def _machine() -> str:
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return (
        f"{datetime.date.today().isoformat()}, {os.cpu_count()} cores, "
        f"{memory_kb / 1024 / 1024:.0f} GiB, Python {platform.python_version()}"
    )


def throughput_table(results: list[Measurement]) -> list[str]:
    by = {(r.servers, r.name): r for r in results}
    names = list(dict.fromkeys(r.name for r in results))
    lines = [
        "| Address | Conns | 1 server req/s | ratio | 2 servers req/s | ratio "
        "| 3 servers req/s | ratio | 3 against 1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in names:
        cells = [name, str(by[(1, name)].connections)]
        for size in (1, 2, 3):
            result, minimal = by[(size, name)], by[(size, MINIMAL)]
            cells += [f"{result.rps:,.0f}", f"{result.rps / minimal.rps:.1%}"]
        cells.append(f"{by[(3, name)].rps / by[(1, name)].rps:.2f}×")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def detail_table(results: list[Measurement]) -> list[str]:
    lines = [
        "| Servers | Address | p50 ms | p99 ms | Errors | Sent to app1/app2/app3 | Load after |",
        "|---:|---|---:|---:|---:|---|---:|",
    ]
    for r in results:
        spread = "/".join(f"{r.spread.get(f'app{i}', 0):,}" for i in (1, 2, 3))
        lines.append(
            f"| {r.servers} | {r.name} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.errors} | "
            f"{spread} | {r.load:.2f} |"
        )
    return lines


def cpu_table(results: list[Measurement]) -> list[str]:
    """Cores each part used while wrk ran (of 2), and the CPU ms per request they add up to.
    'Other processes' is what is left of the busy time: other work on the machine."""
    lines = [
        "| Servers | Address | "
        + " | ".join(PARTS)
        + " | interrupts | steal | other processes | busy | app ms/req | PostgreSQL ms/req |",
        "|---:|---|" + "---:|" * (len(PARTS) + 6),
    ]
    for r in results:
        accounted = sum(r.cores[part] for part in [*PARTS, "task workers", "interrupts", "steal"])
        other = max(r.cores["machine"] - accounted, 0.0)
        cells = [f"{r.cores[part]:.2f}" for part in [*PARTS, "interrupts", "steal"]]
        per_request = [
            f"{r.cores[part] * 1000 / r.rps:.2f}" if r.rps else "-"
            for part in ("app servers", "PostgreSQL")
        ]
        lines.append(
            f"| {r.servers} | {r.name} | "
            + " | ".join(cells)
            + f" | {other:.2f} | {r.cores['machine']:.2f} | "
            + " | ".join(per_request)
            + " |"
        )
    return lines


def report(
    results: list[Measurement],
    *,
    starts: list[tuple[int, float, float]],
    load_after: float,
    max_load: float,
    duration: int,
) -> str:
    gates = "; ".join(
        f"{size} server(s): {load:.2f}"
        + ("" if load < max_load else " (NOT below the gate)")
        + (f" after waiting {waited:.0f} s" if waited >= 1 else "")
        for size, load, waited in starts
    )
    lines = [
        f"Run: {_machine()}; HAProxy in front of 1-3 gunicorn app servers with 2 sync "
        f"workers each, {duration} s per address after a 2 s warm-up.",
        f"1-minute load when each pool size started (gate < {max_load}): {gates}; "
        f"at the end: {load_after:.2f}.",
        "",
        *throughput_table(results),
        "",
        *detail_table(results),
        "",
        "Cores used while wrk ran (the machine has 2):",
        "",
        *cpu_table(results),
        "",
    ]
    lines += [f"- {r.servers} server(s), {r.name}: {r.note}" for r in results if r.note]
    return "\n".join(lines)
