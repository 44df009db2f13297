"""One measurement: wrk against one address, for pages or for a file of prepared posts."""

import re
import subprocess
from dataclasses import dataclass

from bench.common import ROOT
from bench.server import BASE

CONNECTIONS = 8
POST_CONNECTIONS = 32
POST_SCRIPT = ROOT / "bench" / "post.lua"


@dataclass
class Result:
    name: str
    connections: int
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    note: str = ""


LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(name, path, *, duration, connections=CONNECTIONS, cookie="", posts=None) -> Result:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout=10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if posts:
        command += ["-s", str(POST_SCRIPT), BASE + path, "--", str(posts), "2"]
    else:
        command.append(BASE + path)
    # A short run first, so that caches and connections are warm for the measured one. Its
    # posts come from the end of the file, so the measured run's are all new.
    warm_up = [*command[:3], "-d2s", *command[4:]] + (["reverse"] if posts else [])
    subprocess.run(warm_up, capture_output=True, check=True)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = {pct: float(value) * UNITS_MS[unit] for pct, value, unit in LATENCY.findall(output)}
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if sockets:
        # A sync worker closes each connection after its response; wrk may count the
        # close as a read error, which is not a failed request. Connect errors and
        # timeouts are.
        errors += int(sockets.group(1)) + int(sockets.group(4))
    if not requests:
        errors = max(errors, 1)  # nothing answered within the run is a failure in itself
    return Result(
        name, connections, requests, rps, latency.get("50", 0.0), latency.get("99", 0.0), errors
    )
