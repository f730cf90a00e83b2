"""The two model pieces of a chain: the abstract entry every register inherits, and the head row per chain."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class ChainHead(models.Model):
    """The anchor of one chain: its length and last hash. Its row is also the append lock."""

    chain_name = models.CharField(_("chain name"), max_length=80)
    chain_key = models.CharField(_("chain key"), max_length=64)
    length = models.PositiveBigIntegerField(_("length"), default=0)
    head_hash = models.CharField(_("head hash"), max_length=64, default=GENESIS_HASH)

    class Meta:
        app_label = "core"
        verbose_name = _("chain head")
        verbose_name_plural = _("chain heads")
        constraints = [models.UniqueConstraint(fields=["chain_name", "chain_key"], name="chain_head_unique")]

    def __str__(self) -> str:
        return f"{self.chain_name}:{self.chain_key} #{self.length}"


class ChainedEntry(models.Model):
    """Abstract base of an append-only, hash-chained register entry."""

    CHAIN_FIELDS: ClassVar[tuple[str, ...]] = ()

    chain_key = models.CharField(_("chain"), max_length=64, editable=False)
    sequence = models.PositiveBigIntegerField(_("sequence number"), editable=False)
    previous_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    entry_hash = models.CharField(_("entry hash"), max_length=64, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def chain_name(cls) -> str:
        return cls._meta.label_lower
