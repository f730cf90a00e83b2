"""Policy numbers of the supervision context: settings.RECIRC_POLICY keys with their defaults here, and who may
do what.

Who may do what: the commerce regulator (and the platform administrator) reads the statistics and keeps the
pilot goals and the implementation plan report; market supervision and the police work cases (the platform
administrator sees and may act on every case); an operator manager submits data for their own operator only
(the platform administrator for any operator). The public sees the green-impact page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from recirc.core.permissions import has_role, role_of
from recirc.core.roles import Role
from recirc.supervision.errors import CasesForbidden, StatisticsForbidden, SubmissionForbidden

DEFAULTS: dict[str, Any] = {
    # Statistics law: aggregates carry no personal data; cells with fewer records than this are suppressed.
    "STATISTICS_MIN_CELL_COUNT": 3,
    "STATISTICS_BASELINE_YEAR": 2024,  # the plan measures growth against 2024
    "STATISTICS_TARGET_YEAR": 2027,
    "PILOT_REGION_CODE": "330100",  # the pilot city (GB/T 2260); the report and the goals default to it
    # Other contexts' records are read again this far back on every refresh: a transaction that commits late
    # (started before the last refresh, committed after it) is still counted.
    "STATISTICS_REFRESH_OVERLAP_MINUTES": 15,
    "SUBMISSION_MAX_ROWS": 50_000,
    "CASE_EVIDENCE_MAX_BYTES": 20 * 1024 * 1024,
    # National Energy Conservation Week (全国节能宣传周) is set each year by the NDRC: first and last day per year.
    "ENERGY_CONSERVATION_WEEKS": {"2024": ["2024-05-13", "2024-05-19"], "2025": ["2025-06-23", "2025-06-29"]},
    "ECOLOGY_DAY": "08-15",  # National Ecology Day (全国生态日), 15 August since 2023
}

STATISTICS_ROLES = frozenset({Role.COMMERCE_REGULATOR, Role.PLATFORM_ADMIN})
CASE_ROLES = frozenset({Role.MARKET_SUPERVISION, Role.POLICE, Role.PLATFORM_ADMIN})
SUBMITTER_ROLES = frozenset({Role.OPERATOR_MANAGER, Role.MARKET_MANAGER, Role.PLATFORM_ADMIN})


def policy_value(key: str) -> Any:
    return getattr(settings, "RECIRC_POLICY", {}).get(key, DEFAULTS[key])


def policy_int(key: str) -> int:
    return int(policy_value(key))


def min_cell_count() -> int:
    return max(1, policy_int("STATISTICS_MIN_CELL_COUNT"))


def energy_conservation_week(year: int) -> tuple[dt.date, dt.date] | None:
    """The week's first and last day in a year, when the setting knows it."""
    days = dict(policy_value("ENERGY_CONSERVATION_WEEKS")).get(str(year))
    if not days:
        return None
    return dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[1])


def ecology_day(year: int) -> dt.date | None:
    month, day = (int(part) for part in str(policy_value("ECOLOGY_DAY")).split("-"))
    return dt.date(year, month, day) if year >= 2023 else None


def may_read_statistics(actor: Any) -> bool:
    return has_role(actor, *STATISTICS_ROLES)


def require_statistics(actor: Any) -> None:
    if not may_read_statistics(actor):
        raise StatisticsForbidden()


def may_work_cases(actor: Any) -> bool:
    return has_role(actor, *CASE_ROLES)


def require_cases(actor: Any) -> None:
    if not may_work_cases(actor):
        raise CasesForbidden()


def may_submit(actor: Any) -> bool:
    return has_role(actor, *SUBMITTER_ROLES)


def require_submitter(actor: Any) -> None:
    if not may_submit(actor):
        raise SubmissionForbidden()


def authority_of(actor: Any) -> str | None:
    """The authority a user works for (police or market supervision); None for everyone else."""
    role = role_of(actor)
    return role if role in {Role.POLICE, Role.MARKET_SUPERVISION} else None
