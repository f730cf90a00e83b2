"""The public rules page, downloads, print view, the footer link, the consultation and the staff pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from recirc.moderation import comments
from recirc.moderation.documents import diff_lines, render_markdown
from recirc.moderation.models import CommentState, RulesComment, RulesState, TransactionRules
from recirc.moderation.tests.factories import V1, announced, consulted, drafted, in_force, snapshot


def english() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def test_the_public_page_shows_the_rules_in_force_the_upcoming_version_its_diff_and_the_history(
        people: dict[str, Any]) -> None:
    in_force(people["admin"])
    upcoming = announced(people["admin"])
    page = english().get("/rules/?lang=en").content.decode()
    assert "Platform transaction rules" in page
    assert "Sellers disclose the goods truthfully." in page
    date = timezone.localtime(upcoming.effective_from).strftime("%Y-%m-%d %H:%M")
    assert f"Version 2 takes effect on {date}" in page
    assert '<span class="added">3. Refurbished goods are labelled “refurbished”.</span>' in page
    assert "New article 3: the refurbished label." in page
    assert 'href="/rules/v1/"' in page and 'href="/rules/v2/"' in page


def test_the_page_before_any_rules_says_so(db: Any) -> None:
    page = english().get("/rules/").content.decode()
    assert "No transaction rules are in force yet." in page


def test_every_page_links_to_the_rules_in_its_footer(db: Any) -> None:
    page = english().get("/").content.decode()
    assert '<a href="/rules/">Transaction rules</a>' in page


def test_download_as_markdown_and_plain_text(people: dict[str, Any]) -> None:
    in_force(people["admin"])
    response = Client().get("/rules/v1/download/?lang=zh-hans")
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="transaction-rules-v1-zh.md"'
    body = response.content.decode()
    assert body.startswith("# 平台交易规则\n")
    assert "1. 卖家须如实披露商品信息。" in body
    text = Client().get("/rules/v1/download/?lang=en&format=txt")
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert text["Content-Disposition"] == 'attachment; filename="transaction-rules-v1-en.txt"'
    assert text.content.decode().startswith("# Platform transaction rules\n")


def test_the_print_view(people: dict[str, Any]) -> None:
    in_force(people["admin"])
    page = english().get("/rules/v1/print/?lang=en").content.decode()
    assert "window.print()" in page
    assert "<h1>General</h1>" in page


def test_markdown_never_carries_script() -> None:
    html = str(render_markdown("<script>alert(1)</script>\n\n[x](javascript:alert(1)) **bold**"))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html
    assert "<strong>bold</strong>" in html


def test_diff_lines_mark_added_and_removed_lines() -> None:
    lines = diff_lines("a\nb\nc\n", "a\nB\nc\nd\n")
    assert [(line.kind, line.text) for line in lines] == [
        ("same", "a"), ("removed", "b"), ("added", "B"), ("same", "c"), ("added", "d")]


def test_a_signed_in_user_comments_and_it_shows_after_moderation(people: dict[str, Any]) -> None:
    rules = consulted(people["admin"], started=timezone.now())
    client = english()
    assert "Sign in to comment" in client.get("/rules/v1/").content.decode()
    client.force_login(people["consumer"])
    response = client.post("/rules/v1/comment/", {"body": "请写明退货运费。"})
    assert response.status_code == 303
    comment = RulesComment.objects.get()
    assert (comment.author, comment.state) == (people["consumer"], CommentState.PENDING)
    assert "请写明退货运费。" not in Client().get("/rules/v1/").content.decode()
    moderator = english()
    moderator.force_login(people["moderator"])
    assert "请写明退货运费。" in moderator.get(f"/rules/manage/{rules.pk}/").content.decode()
    response = moderator.post(f"/rules/manage/comments/{comment.pk}/moderate/",
                              {"decision": "approve", "rules": rules.pk})
    assert response.status_code == 303
    assert "请写明退货运费。" in Client().get("/rules/v1/").content.decode()


def test_comments_after_the_consultation_are_refused(people: dict[str, Any]) -> None:
    consulted(people["admin"])  # ended three days ago
    client = english()
    client.force_login(people["consumer"])
    before = snapshot()
    response = client.post("/rules/v1/comment/", {"body": "太晚了吗？"})
    assert response.status_code == 409
    assert "This version is not open for comments." in response.content.decode()
    assert snapshot() == before


def test_rejecting_a_comment_needs_a_reason(people: dict[str, Any]) -> None:
    rules = consulted(people["admin"], started=timezone.now())
    comment = comments.comment_add(actor=people["consumer"], rules_id=rules.pk, body="广告内容")
    client = english()
    client.force_login(people["moderator"])
    client.post(f"/rules/manage/comments/{comment.pk}/moderate/", {"decision": "reject", "rules": rules.pk})
    comment.refresh_from_db()
    assert comment.state == CommentState.PENDING
    client.post(f"/rules/manage/comments/{comment.pk}/moderate/",
                {"decision": "reject", "reason": "Advertising", "rules": rules.pk})
    comment.refresh_from_db()
    assert (comment.state, comment.moderation_reason) == (CommentState.REJECTED, "Advertising")


def test_the_administrator_drafts_consults_and_publishes_from_the_pages(people: dict[str, Any]) -> None:
    client = english()
    client.force_login(people["admin"])
    response = client.post("/rules/manage/new/", V1)
    rules = TransactionRules.objects.get()
    assert response.status_code == 303 and response["Location"] == f"/rules/manage/{rules.pk}/"
    ends = (timezone.localdate() + dt.timedelta(days=8)).isoformat()
    assert client.post(f"/rules/manage/{rules.pk}/open_consultation/", {"ends_at": ends}).status_code == 303
    response = client.post(f"/rules/manage/{rules.pk}/publish/", {"effective_from": ends, "confirm": "on"})
    assert response.status_code == 409
    assert "The public consultation runs until" in response.content.decode()
    rules.refresh_from_db()
    assert rules.state == RulesState.IN_CONSULTATION


def test_a_publish_without_confirmation_changes_nothing(people: dict[str, Any]) -> None:
    rules = consulted(people["admin"])
    client = english()
    client.force_login(people["admin"])
    before = snapshot()
    response = client.post(f"/rules/manage/{rules.pk}/publish/", {"effective_from": "2030-01-01"})
    assert response.status_code == 422
    assert snapshot() == before


def test_the_manage_list_shows_every_version(people: dict[str, Any]) -> None:
    in_force(people["admin"])
    drafted(people["admin"], {**V1, "summary_zh": "改", "summary_en": "Changed"})
    client = english()
    client.force_login(people["moderator"])
    page = client.get("/rules/manage/").content.decode()
    assert "In force" in page and "Draft" in page
