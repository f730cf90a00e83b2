from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The home page of each role: composes figures from the contexts' facades, owns no data."""

    name = "recirc.portal"
    label = "portal"
    verbose_name = _("Portal")
