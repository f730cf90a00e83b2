"""The B1 server and load: gunicorn as `recirc serve` runs it (2 sync workers, no access log) with production
settings, wrk driving it, and the workers' resident memory read from /proc.

The server sits behind no proxy here, so every request carries `X-Forwarded-Proto: https`, as the TLS proxy
of a production deployment sends it (settings trust it); without it production settings answer 301.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
WORKERS = 2
APPLICATION_NAME = "recirc-b1-gunicorn"  # names the workers' database connections, to find their backends
# Lua for wrk: a path drawn at random per request from a list; one JSON line with the summary at the end.
LUA = """
wrk.headers["X-Forwarded-Proto"] = "https"
local paths = {%(paths)s}
math.randomseed(%(seed)d)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('B1JSON {"requests": %%d, "duration_us": %%d, "connect": %%d, "read": %%d, '
    .. '"write": %%d, "status": %%d, "timeout": %%d, "p50_us": %%d, "p90_us": %%d, "p99_us": %%d, '
    .. '"max_us": %%d}\\n', summary.requests, summary.duration, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


@dataclass(frozen=True)
class Load:
    """What wrk measured for one endpoint."""

    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def production_environment(database_url: str, data_dir: str) -> dict[str, str]:
    """What `make deploy-check` gives production settings, plus the database and persistent connections
    (DB_CONN_MAX_AGE=60, as .env.example recommends)."""
    return {**os.environ, "RECIRC_ENV": "production", "DJANGO_SETTINGS_MODULE": "bench.settings_b1",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "RECIRC_VAULT_KEYS": "ci1:Y2ktb25seS12YXVsdC1rZXktMzItYnl0ZXMtbG9uZyE=",
            "RECIRC_BLIND_INDEX_KEY": secrets.token_urlsafe(24), "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"{database_url}?application_name={APPLICATION_NAME}", "DB_CONN_MAX_AGE": "60",
            "RECIRC_DATA_DIR": data_dir,
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
            "LOG_LEVEL": "ERROR"}


def get(port: int, path: str, timeout: float = 10.0) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _wait_ready(process: subprocess.Popen[bytes], port: int, log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start-up:\n{log.read_text()[-3000:]}")
        try:
            if get(port, "/api/v1/ping", timeout=2.0)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def _cpu(pid: int) -> float:
    """utime + stime of a process, in seconds (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _backend_pids(database_url: str) -> list[int]:
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1), autocommit=True) as connection:
        rows = connection.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s",
                                  (APPLICATION_NAME,)).fetchall()
    return [int(row[0]) for row in rows]


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    database_url: str

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the master's children, from /proc."""
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    status = (entry / "status").read_text()
                except OSError:
                    continue
                if f"\nPPid:\t{self.process.pid}\n" in status:
                    pids.append(int(entry.name))
        return sorted(pids)

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time (user + system) used so far by the workers and by the PostgreSQL backends serving them."""
        backends = _backend_pids(self.database_url)
        return {"workers": sum(_cpu(pid) for pid in self.worker_pids()),
                "database": sum(_cpu(pid) for pid in backends)}

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(round(int(line.split()[1]) / 1024, 1))
        return sizes


@contextmanager
def gunicorn(database_url: str, port: int | None = None) -> Iterator[Server]:
    """Gunicorn with production settings on the benchmark database, stopped (SIGTERM, then SIGKILL) after."""
    port = port or int(os.environ.get("BENCH_HTTP_PORT", "0")) or free_port()
    data_dir = tempfile.mkdtemp(prefix="recirc-b1-")
    log = Path(data_dir) / "gunicorn.log"
    command = [str(Path(sys.executable).parent / "gunicorn"), "recirc.config.wsgi:application",
               "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--worker-class", "sync",
               "--access-logfile", os.devnull, "--error-logfile", str(log)]
    with open(log, "ab") as output:
        process = subprocess.Popen(command, env=production_environment(database_url, data_dir),
                                   cwd=str(ROOT), stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_ready(process, port, log)
        yield Server(port=port, process=process, database_url=database_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(data_dir, ignore_errors=True)


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk(port: int, paths: list[str], *, seconds: int, connections: int = 16, threads: int = 1,
        seed: int = 1) -> Load:
    """`wrk -t1 -c16 -dNs` over `paths` (one drawn at random per request)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"paths": ", ".join(_lua_string(path) for path in paths), "seed": seed})
    try:
        command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", script.name,
                   f"http://127.0.0.1:{port}{paths[0]}"]
        output = subprocess.run(command, check=True, capture_output=True, text=True,
                                timeout=seconds + 60).stdout
    finally:
        os.unlink(script.name)
    line = next((line for line in output.splitlines() if line.startswith("B1JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary:\n{output}")
    summary: dict[str, Any] = json.loads(line.removeprefix("B1JSON "))
    errors = sum(summary[key] for key in ("connect", "read", "write", "status", "timeout"))
    return Load(requests=summary["requests"], seconds=summary["duration_us"] / 1e6, errors=errors,
                p50_ms=summary["p50_us"] / 1000, p90_ms=summary["p90_us"] / 1000, p99_ms=summary["p99_us"] / 1000,
                max_ms=summary["max_us"] / 1000)
