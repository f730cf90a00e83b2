"""A fresh PostgreSQL database per benchmark run, and the pgbench baselines measured beside it."""

from __future__ import annotations

import os
import re
import subprocess
from typing import Any

PG = {"host": os.environ.get("BENCH_PGHOST", "127.0.0.1"), "port": os.environ.get("BENCH_PGPORT", "5432"),
      "user": os.environ.get("BENCH_PGUSER", "postgres")}
# Overridable so that two benchmark runs on one machine do not drop each other's database.
BENCH_DB = os.environ.get("BENCH_DB", "recirc_bench")
PGBENCH_DB = os.environ.get("BENCH_PGBENCH_DB", "recirc_pgbench")


def _pg(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    command = [args[0], "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], *args[1:]]
    return subprocess.run(command, check=check, capture_output=True, text=True)


def recreate(database: str) -> None:
    _pg("dropdb", "--if-exists", "--force", database)
    _pg("createdb", database)


def database_url(database: str = BENCH_DB) -> str:
    return f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{database}"


def setup_django(database: str = BENCH_DB) -> None:
    """Point Django at a fresh benchmark database and migrate it."""
    recreate(database)
    os.environ["DATABASE_URL"] = database_url(database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recirc.config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _tps(output: str) -> float:
    match = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", output)
    if match is None:
        raise RuntimeError(f"pgbench printed no tps:\n{output}")
    return float(match.group(1))


def pgbench_baselines(seconds: int = 10) -> dict[str, Any]:
    """BL-db-read, BL-db-write and BL-db-tpcb from BENCHMARKS.md, on a scratch database."""
    recreate(PGBENCH_DB)
    _pg("pgbench", "-i", "-q", "-s", "10", PGBENCH_DB)
    script = "/tmp/recirc_bench_insert.sql"  # noqa: S108  (a scratch file for pgbench)
    _pg("psql", "-q", "-d", PGBENCH_DB, "-c", "CREATE TABLE IF NOT EXISTS bench_insert (id bigserial primary key, "
        "payload text, created timestamptz default now())")
    with open(script, "w") as handle:
        handle.write("INSERT INTO bench_insert (payload) VALUES ('recirc register entry baseline');\n")
    read = _tps(_pg("pgbench", "-S", "-c4", "-j2", f"-T{seconds}", PGBENCH_DB).stdout)
    write = _tps(_pg("pgbench", "-n", "-f", script, "-c8", "-j2", f"-T{seconds}", PGBENCH_DB).stdout)
    tpcb = _tps(_pg("pgbench", "-c4", "-j2", f"-T{seconds}", PGBENCH_DB).stdout)
    return {"BL-db-read tps": read, "BL-db-write tps": write, "BL-db-tpcb tps": tpcb}
