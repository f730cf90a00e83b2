from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErasureConfig(AppConfig):
    name = "recirc.erasure"
    label = "erasure"
    verbose_name = _("Device data erasure")
