"""Trade settings: `settings.RECIRC_TRADE` overrides, else the environment (RECIRC_TRADE_<NAME>), else the default.

Money rules that differ between deployments (the platform's fee, how long escrow waits) are settings, never
constants in code.
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Share of an online order's value the platform keeps when escrow is released (0.05 = 5 %).
    "PLATFORM_FEE_RATE": Decimal("0.05"),
    # Escrow is released automatically this many days after shipping or pickup unless the buyer confirms earlier.
    "ESCROW_RELEASE_DAYS": 10,
    # An unpaid checkout is cancelled (its listings released) after this many minutes.
    "PAYMENT_TIMEOUT_MINUTES": 30,
    # The payment provider class (ADR 0010). Real Alipay / WeChat Pay adapters plug in here; they are not built.
    "PAYMENT_PROVIDER": "recirc.trade.payments.local.LocalProvider",
    # HMAC key of the local provider's webhooks; derived from SECRET_KEY when empty.
    "LOCAL_PROVIDER_SECRET": "",
    # How many listings one checkout may hold.
    "CART_MAX_LINES": 20,
}


def trade_setting(name: str) -> Any:
    overrides = getattr(settings, "RECIRC_TRADE", {}) or {}
    if name in overrides:
        return overrides[name]
    default = DEFAULTS[name]
    raw = os.environ.get(f"RECIRC_TRADE_{name}")
    if raw is None:
        return default
    if isinstance(default, Decimal):
        return Decimal(raw)
    if isinstance(default, int):
        return int(raw)
    return raw
