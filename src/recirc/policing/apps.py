from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicingConfig(AppConfig):
    name = "recirc.policing"
    label = "policing"
    verbose_name = _("Public security")
