"""The demo city's people: one login per role, staff for every operator, and consumers."""

from __future__ import annotations

import random
from dataclasses import dataclass

from recirc.core.roles import Role
from recirc.demo.vocabulary import GIVEN_NAMES, SURNAMES

DEMO_PASSWORD = "recirc-demo-2026"  # noqa: S105  (printed by `make demo`; demo databases only)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    display_name: str


# One login per role, printed by `make demo`. Staff logins work at the phone enterprise and the market.
DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("consumer", Role.CONSUMER, "小雨"),
    DemoLogin("clerk", Role.CLERK, "王收购"),
    DemoLogin("inspector", Role.INSPECTOR, "李质检"),
    DemoLogin("technician", Role.TECHNICIAN, "张维修"),
    DemoLogin("manager", Role.OPERATOR_MANAGER, "陈店长"),
    DemoLogin("market", Role.MARKET_MANAGER, "周市场"),
    DemoLogin("moderator", Role.MODERATOR, "吴审核"),
    DemoLogin("commerce", Role.COMMERCE_REGULATOR, "郑商务"),
    DemoLogin("police", Role.POLICE, "冯公安"),
    DemoLogin("supervision", Role.MARKET_SUPERVISION, "孙市监"),
    DemoLogin("admin", Role.PLATFORM_ADMIN, "平台管理员"),
)


STAFF_HOME_OPERATOR = "机优品"  # the demo clerk, inspector, technician and manager work here
MARKET_HOME_OPERATOR = "杭州旧货交易市场"  # the demo market manager runs this market


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)
