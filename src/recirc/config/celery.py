"""Celery application: eager in the embedded default, a real broker in production (ADR 0002)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recirc.config.settings")

app = Celery("recirc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
