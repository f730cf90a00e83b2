"""The demo city's transaction rules: version 1 consulted on, published and in force for a month; version 2
(after a consultation with comments from residents, moderated) announced and taking effect six days from now,
so the rules page shows the rules in force, the change to come with its diff, and the history.

Everything goes through moderation.facade (the same audited services as the pages); the dates lie in the
past through the services' `now`, as the periodic task would have seen them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from recirc.moderation import facade as moderation

if TYPE_CHECKING:
    from recirc.demo.city import CityBuilder

ARTICLES_ZH = """# 第一章 总则

1. 本规则适用于在本平台发布、购买、出租、寄卖二手商品的经营者和消费者。
2. 平台依据《中华人民共和国电子商务法》第三十二条至第三十四条制定、公示并修改本规则。

# 第二章 商品信息披露

1. 卖家须在显著位置标明“二手”，如实披露成色等级、维修与翻新记录、已知缺陷和售后条款。
2. 有存储功能的设备须在出售前完成数据清除，并提供清除证明。

# 第三章 禁售商品

赃物、来源不明的物品、枪支弹药、管制刀具、身份证件、未取得进网许可的手机等不得发布。

# 第四章 售后

1. 网购商品自签收之日起七日内可无理由退货，法律规定的例外除外。
2. 保修期自交付之日起计算，以商品页面的售后条款为准，且不少于三个月。
"""
ARTICLES_EN = """# Chapter 1 General provisions

1. These rules apply to operators and consumers who list, buy, rent or consign second-hand goods here.
2. The platform makes, publishes and changes these rules under Arts. 32-34 of the E-commerce Law.

# Chapter 2 Disclosure

1. Sellers label goods "used" prominently and disclose the grade, repairs and refurbishment, known defects and
   the after-sales terms truthfully.
2. Devices with storage are erased before sale, with an erasure certificate.

# Chapter 3 Prohibited goods

Stolen goods, goods of unknown origin, firearms and ammunition, controlled knives, identity documents and phones
without a network-access licence may not be listed.

# Chapter 4 After-sales

1. Goods bought online may be returned without a reason within seven days of delivery, except as the law provides.
2. The warranty runs from delivery, as the listing's after-sales terms say, and lasts at least three months.
"""
ADDED_ZH = """
# 第五章 争议处理

1. 买卖双方协商不成的，可申请平台介入。平台审核员在十个工作日内依据双方陈述和证据作出处理决定。
2. 处理结果涉及退款的，款项经平台账本原路退回。
"""
ADDED_EN = """
# Chapter 5 Disputes

1. When buyer and seller cannot agree, either may ask the platform to step in. A platform moderator decides
   within ten working days on both statements and the evidence.
2. A refund decided on goes back through the platform's ledger to the way it was paid.
"""
COMMENTS = ("建议明确平台介入后的处理时限。", "退款到账时间能否写清楚？", "支持新增争议处理一章。")


def _version(admin: object, texts: dict[str, str], *, started: dt.datetime, publish_at: dt.datetime,
             effective: dt.datetime, comments: tuple[tuple[object, str], ...] = (), moderator: object = None) -> None:
    moderation.rules_bring_into_force_due(now=started)  # the version before takes effect first
    rules = moderation.rules_draft_create(actor=admin, **texts)
    moderation.rules_consultation_open(actor=admin, rules_id=rules.pk, ends_at=started + dt.timedelta(days=7),
                                       now=started)
    for author, body in comments:
        comment = moderation.comment_add(actor=author, rules_id=rules.pk, body=body,
                                         now=started + dt.timedelta(days=1))
        moderation.comment_moderate(actor=moderator, comment_id=comment.pk, approve=True)
    moderation.rules_publish(actor=admin, rules_id=rules.pk, effective_from=effective, now=publish_at)


def build(builder: CityBuilder) -> None:
    logins = builder.login_users  # type: ignore[attr-defined]
    admin, moderator = logins["admin"], logins["moderator"]
    now = timezone.now().replace(second=0, microsecond=0)
    first = {"title_zh": "平台二手商品交易规则", "title_en": "Platform rules for second-hand transactions",
             "body_zh": ARTICLES_ZH, "body_en": ARTICLES_EN, "summary_zh": "", "summary_en": ""}
    second = {**first, "body_zh": ARTICLES_ZH + ADDED_ZH, "body_en": ARTICLES_EN + ADDED_EN,
              "summary_zh": "新增第五章“争议处理”：平台介入的时限与退款方式。",
              "summary_en": "New chapter 5, Disputes: when the platform steps in, how fast, and how refunds are paid."}
    authors = [logins["consumer"], *builder.city.consumers[:2]]
    with transaction.atomic():
        _version(admin, first, started=now - dt.timedelta(days=45), publish_at=now - dt.timedelta(days=37),
                 effective=now - dt.timedelta(days=30))
        _version(admin, second, started=now - dt.timedelta(days=10), publish_at=now - dt.timedelta(days=2),
                 effective=now + dt.timedelta(days=6), moderator=moderator,
                 comments=tuple(zip(authors, COMMENTS, strict=False)))
        moderation.rules_bring_into_force_due()
    builder.progress("transaction rules", 2)
