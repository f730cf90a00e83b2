"""Payment providers (ADR 0010): the interface in `base`, the offline local provider in `local`."""

from __future__ import annotations

from django.utils.module_loading import import_string

from recirc.trade.conf import trade_setting
from recirc.trade.payments.base import Intent, PaymentProvider, ProviderEvent, ProviderRefund

__all__ = ["Intent", "PaymentProvider", "ProviderEvent", "ProviderRefund", "provider_for", "provider_get"]

_CACHE: dict[str, PaymentProvider] = {}


def provider_get() -> PaymentProvider:
    """The provider the deployment names in RECIRC_TRADE["PAYMENT_PROVIDER"]."""
    return _provider(str(trade_setting("PAYMENT_PROVIDER")))


def provider_for(name: str) -> PaymentProvider:
    """The provider that created a payment (by its `name`); the configured one when it is that one."""
    configured = provider_get()
    if configured.name == name:
        return configured
    from recirc.trade.payments.local import LocalProvider

    if name == LocalProvider.name:
        return _provider("recirc.trade.payments.local.LocalProvider")
    raise LookupError(f"no payment provider named {name!r} is configured")


def _provider(path: str) -> PaymentProvider:
    if path not in _CACHE:
        _CACHE[path] = import_string(path)()
    return _CACHE[path]
