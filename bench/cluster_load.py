"""One measurement through HAProxy: the pool set through its runtime API, wrk against one
address, and the CPU time each part of the cluster took while wrk ran."""

import os
import re
import resource
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.load import LATENCY, POST_SCRIPT, UNITS_MS, Result

TICKS = os.sysconf("SC_CLK_TCK")


class Haproxy:
    """HAProxy's runtime API on its unix socket (`stats socket` in haproxy.cfg)."""

    def __init__(self, path: str):
        self.path = path

    def command(self, line: str) -> str:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(5)
            client.connect(self.path)
            client.sendall(line.encode() + b"\n")
            chunks = []
            while chunk := client.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def servers(self) -> dict[str, dict]:
        """The backend's servers: status (UP, DOWN, MAINT) and stot (requests sent to it)."""
        lines = self.command("show stat").splitlines()
        header = lines[0].lstrip("# ").split(",")
        rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:] if line]
        return {
            row["svname"]: row
            for row in rows
            if row.get("pxname") == "app" and row["svname"] not in ("FRONTEND", "BACKEND")
        }

    def pool(self, serving: list[str], out: list[str]) -> None:
        """Puts `out` in maintenance (health checks leave it there) and `serving` back, then
        waits until HAProxy has exactly `serving` up."""
        for name in out:
            self.command(f"set server app/{name} state maint")
        for name in serving:
            self.command(f"set server app/{name} state ready")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            status = {name: row["status"] for name, row in self.servers().items()}
            if all(status[n] == "UP" for n in serving) and all(status[n] == "MAINT" for n in out):
                return
            time.sleep(0.2)
        raise RuntimeError(f"HAProxy did not take the pool {serving}: {status}")

    def sent(self) -> dict[str, int]:
        return {name: int(row["stot"]) for name, row in self.servers().items()}


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        for task in tasks:
            found += [int(child) for child in (task / "children").read_text().split()]
    except OSError:
        pass
    return found


def _ticks(pid: int) -> int:
    """CPU ticks of a process and of its children it has reaped (utime, stime, cutime,
    cstime): summed over a tree, a child that ends between two samples is still counted."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return sum(int(value) for value in fields[11:15])


def _tree_seconds(roots: list[int]) -> float:
    pending, seen, ticks = list(roots), set(), 0
    while pending:
        pid = pending.pop()
        if pid in seen:
            continue
        seen.add(pid)
        ticks += _ticks(pid)
        pending += _children(pid)
    return ticks / TICKS


def _pid_file(path: Path) -> list[int]:
    try:
        return [int(path.read_text().split()[0])]
    except (OSError, ValueError, IndexError):
        return []


def _by_name(name: str) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == name:
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def cpu_parts(cluster_dir: Path) -> dict:
    """The parts of the cluster whose CPU time is read, each as a function of no arguments
    that gives its process trees' root pids."""
    pids = cluster_dir / "pids"
    return {
        "app servers": lambda: sum((_pid_file(pids / f"app{i}.pid") for i in (1, 2, 3)), []),
        "PostgreSQL": lambda: (
            _pid_file(cluster_dir / "pg/primary/postmaster.pid")
            + _pid_file(cluster_dir / "pg/replica/postmaster.pid")
        ),
        "HAProxy": lambda: _pid_file(pids / "haproxy.pid"),
        "Redis": lambda: _by_name("redis-server"),
        "task workers": lambda: _pid_file(pids / "worker1.pid") + _pid_file(pids / "worker2.pid"),
    }


def _machine_seconds() -> dict[str, float]:
    """The machine's busy time, and the parts of it that belong to no process: interrupts
    (the loopback's network stack runs mostly as soft interrupts) and time the hypervisor
    gave to other machines (steal)."""
    names = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"]
    values = dict(zip(names, map(int, Path("/proc/stat").read_text().split()[1:9]), strict=True))
    busy = sum(values.values()) - values["idle"] - values["iowait"]
    return {
        "machine": busy / TICKS,
        "interrupts": (values["irq"] + values["softirq"]) / TICKS,
        "steal": values["steal"] / TICKS,
    }


def cpu_sample(parts: dict) -> dict[str, float]:
    sample = {name: _tree_seconds(roots()) for name, roots in parts.items()}
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    sample["wrk"] = usage.ru_utime + usage.ru_stime  # this process's only children are wrk
    sample |= _machine_seconds()
    return sample


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


@dataclass
class Measurement(Result):
    """One address's figures as `make bench` gives them, with the pool size, the load
    average at the end, the cores each part used, and the requests each server was sent."""

    servers: int = 0
    seconds: float = 0.0
    load: float = 0.0
    cores: dict[str, float] = field(default_factory=dict)
    spread: dict[str, int] = field(default_factory=dict)


def _wrk_command(url, *, duration, connections, cookie, posts, reverse=False) -> list[str]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout=10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if posts:
        command += ["-s", str(POST_SCRIPT), url, "--", str(posts), "2"]
        command += ["reverse"] if reverse else []
    else:
        command.append(url)
    return command


def wrk_measure(
    haproxy: Haproxy,
    parts: dict,
    servers: int,
    name: str,
    url: str,
    *,
    duration: int,
    connections: int,
    cookie: str = "",
    posts: Path | None = None,
) -> Measurement:
    """A 2-second warm-up, then the measured run with the CPU time of every part read
    before and after it. Fails if a server outside the pool was sent anything."""
    options = {"connections": connections, "cookie": cookie, "posts": posts}
    sent_first = haproxy.sent()
    subprocess.run(
        _wrk_command(url, duration=2, reverse=True, **options), capture_output=True, check=True
    )
    sent_before = haproxy.sent()
    cpu_before, started = cpu_sample(parts), time.monotonic()
    output = subprocess.run(
        _wrk_command(url, duration=duration, **options), capture_output=True, text=True, check=True
    ).stdout
    cpu_after, seconds = cpu_sample(parts), time.monotonic() - started
    sent_after = haproxy.sent()
    sent = {server: count - sent_before[server] for server, count in sent_after.items()}
    outside = [f"app{i}" for i in range(servers + 1, 4)]
    if any(sent_after[server] != sent_first[server] for server in outside):
        raise RuntimeError(f"servers outside the pool were sent requests: {sent}")

    latency = {pct: float(value) * UNITS_MS[unit] for pct, value, unit in LATENCY.findall(output)}
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read \d+, write \d+, timeout (\d+)", output)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (
        int(sockets.group(1)) + int(sockets.group(2)) if sockets else 0
    )
    cores = {part: (cpu_after[part] - cpu_before[part]) / seconds for part in cpu_before}
    return Measurement(
        servers=servers,
        name=name,
        connections=connections,
        requests=requests,
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=latency.get("50", 0.0),
        p99_ms=latency.get("99", 0.0),
        errors=errors if requests else max(errors, 1),
        seconds=seconds,
        load=load_average(),
        cores=cores,
        spread=sent,
    )
