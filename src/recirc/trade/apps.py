from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "recirc.trade"
    label = "trade"
    verbose_name = _("Trade: orders, payments and the ledger")

    def ready(self) -> None:
        from recirc.moderation.facade import register_complaint_order_source
        from recirc.trade.facade import sale_by_number, sale_get

        register_complaint_order_source(by_number=sale_by_number, by_id=sale_get)
