from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "recirc.moderation"
    label = "moderation"
    verbose_name = _("Moderation and transaction rules")

    def ready(self) -> None:
        from recirc.listings.facade import register_publication_check
        from recirc.moderation.listing_gate import screen_for_publication
        from recirc.moderation.queue_strikes import suspension_refusal
        from recirc.moderation.seller_gate import merchant_recheck_gate
        from recirc.moderation.tasks import semantic_after_commit

        register_publication_check("moderation.screening", screen_for_publication)
        register_publication_check("moderation.merchant_recheck", merchant_recheck_gate)
        register_publication_check("moderation.semantic_after_commit", semantic_after_commit)
        register_publication_check("moderation.suspension", suspension_refusal)
