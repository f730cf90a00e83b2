"""A fitted model as bytes in the registry, and back. joblib (pickle) runs code when it loads, so bytes are
loaded only when their SHA-256 equals the digest written beside them at training: an edited artifact is
refused (ArtifactTampered) before anything is unpickled. Loaded models are kept per (row, digest)."""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass
from typing import Any

from recirc.valuation.errors import ArtifactTampered
from recirc.valuation.spec import FeatureSpec

FORMAT = 1
_CACHE: dict[tuple[int, str], LoadedModel] = {}
_CACHE_LIMIT = 16
_LOCK = threading.Lock()


@dataclass(frozen=True)
class LoadedModel:
    """What an estimate needs from a registry row."""

    estimator: Any
    spec: FeatureSpec
    band: tuple[float, float]
    brand_rows: dict[str, int]
    grade_schemes: dict[str, str]


def dump(model: LoadedModel) -> tuple[bytes, str]:
    buffer = io.BytesIO()
    import joblib  # here, not at import: web workers that never load a model stay small

    joblib.dump({"format": FORMAT, "estimator": model.estimator, "spec": model.spec.as_dict(),
                 "band": list(model.band), "brand_rows": model.brand_rows, "grade_schemes": model.grade_schemes},
                buffer, compress=3)
    data = buffer.getvalue()
    return data, hashlib.sha256(data).hexdigest()


def cached(model_id: int, sha256: str) -> LoadedModel | None:
    """A model already verified and loaded in this process."""
    with _LOCK:
        return _CACHE.get((model_id, sha256))


def load(*, model_id: int, version: int, data: bytes, sha256: str) -> LoadedModel:
    """Verify, then unpickle (once per row and digest)."""
    key = (model_id, sha256)
    found = cached(model_id, sha256)
    if found is not None:
        return found
    data = bytes(data)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ArtifactTampered(params={"version": version})
    import joblib

    content = joblib.load(io.BytesIO(data))
    spec = content["spec"]
    loaded = LoadedModel(estimator=content["estimator"],
                         spec=FeatureSpec(numeric=tuple(spec["numeric"]), categorical=tuple(spec["categorical"]),
                                          log_scaled=tuple(spec["log_scaled"])),
                         band=(float(content["band"][0]), float(content["band"][1])),
                         brand_rows=dict(content["brand_rows"]), grade_schemes=dict(content["grade_schemes"]))
    with _LOCK:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = loaded
    return loaded


def forget() -> None:
    """Drop every loaded model (tests use it; in service the keys carry the digest, so none goes stale)."""
    with _LOCK:
        _CACHE.clear()
