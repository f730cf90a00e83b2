"""A reusable hash chain for append-only registers (invariant 2, ADR 0006).

A register model inherits `ChainedEntry`, names the fields that are sealed in `CHAIN_FIELDS`, and
appends only through `chain_append()` / `chain_append_many()`. Each entry's hash covers its sealed fields,
its sequence number and the previous entry's hash (canonical.py); a `ChainHead` row per chain records the
length and the last hash, so deleting the newest entries is found too. `chain_verify()` walks a chain and
names the first bad entry; on PostgreSQL the database recomputes the chain itself (postgres.py).
"""

from __future__ import annotations

from recirc.core.hashchain.append import chain_append, chain_append_many
from recirc.core.hashchain.base import GENESIS_HASH, ChainedEntry, ChainHead
from recirc.core.hashchain.canonical import compute_hash
from recirc.core.hashchain.verify import ChainReport, chain_keys, chain_verify

__all__ = ["GENESIS_HASH", "ChainHead", "ChainReport", "ChainedEntry", "chain_append", "chain_append_many",
           "chain_keys", "chain_verify", "compute_hash"]
