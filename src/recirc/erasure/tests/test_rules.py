"""The rules without the database: the state machine's predicates agree with the table, and which method,
level, media, verification and destination go together (NIST SP 800-88 Rev. 2, GB 46864-2025)."""

from __future__ import annotations

import pytest

from recirc.erasure import rules
from recirc.erasure.models import JOB_TRANSITIONS, JobState

ALLOWED = [("overwrite", "clear", "flash_embedded"), ("overwrite", "clear", "hdd"), ("overwrite", "purge", "hdd"),
           ("block_erase", "purge", "ssd"), ("block_erase", "purge", "flash_embedded"),
           ("crypto_erase", "purge", "flash_embedded"), ("crypto_erase", "purge", "hdd")]
REFUSED = [("overwrite", "destroy", "hdd", "level"), ("overwrite", "purge", "ssd", "level"),
           ("overwrite", "purge", "flash_embedded", "level"), ("block_erase", "clear", "ssd", "level"),
           ("block_erase", "purge", "hdd", "method"), ("crypto_erase", "clear", "ssd", "level"),
           ("crypto_erase", "destroy", "ssd", "level"), ("destroy", "purge", "ssd", "level")]


@pytest.mark.parametrize(("method", "level", "media"), ALLOWED)
def test_allowed_combinations(method: str, level: str, media: str) -> None:
    assert rules.method_errors(method=method, level=level, media_type=media, consented_kind="software",
                               destination="resale") == {}


@pytest.mark.parametrize(("method", "level", "media", "field"), REFUSED)
def test_refused_combinations_name_the_field(method: str, level: str, media: str, field: str) -> None:
    kind = "destruction" if method == "destroy" else "software"
    errors = rules.method_errors(method=method, level=level, media_type=media, consented_kind=kind,
                                 destination="recycling")
    assert list(errors) == [field]


@pytest.mark.parametrize("name", ["factory_reset", "Factory Reset", "恢复出厂设置"])
def test_a_factory_reset_is_refused_by_name(name: str) -> None:
    errors = rules.method_errors(method=name, level="purge", media_type="flash_embedded", consented_kind="software",
                                 destination="resale")
    assert [str(message) for message in errors["method"]] == [
        "A factory reset alone is not an erasure (GB 46864-2025): use overwrite, block erase, cryptographic erase "
        "or physical destruction."]


def test_destruction_goes_to_recycling_with_physical_inspection() -> None:
    assert rules.method_errors(method="destroy", level="destroy", media_type="ssd", consented_kind="destruction",
                               destination="recycling") == {}
    assert rules.verification_errors(level="destroy", verification_method="physical_inspection") == {}
    assert list(rules.verification_errors(level="destroy", verification_method="full_readback")) == [
        "verification_method"]
    assert list(rules.verification_errors(level="purge", verification_method="physical_inspection")) == [
        "verification_method"]


def test_the_predicates_follow_the_transition_table() -> None:
    for state in JobState.values:
        targets = JOB_TRANSITIONS[state]
        assert rules.can_start(state) == (JobState.IN_PROGRESS in targets)
        assert rules.can_complete(state) == (JobState.ERASED in targets)
        assert rules.can_verify(state) == (JobState.VERIFIED in targets)
        assert rules.can_replan(state) == (JobState.PLANNED in targets)
        assert not rules.can_fail(state) or JobState.FAILED in targets
    assert [state for state in JobState.values if rules.can_fail(state)] == ["in_progress"]
