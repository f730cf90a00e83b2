"""The review queue's pages, mounted under /moderation/ (config/urls.py)."""

from django.urls import path

from recirc.moderation import queue_views as views

urlpatterns = [
    path("queue/", views.queue_view, name="moderation-queue"),
    path("queue/<int:item_id>/", views.review_item_view, name="moderation-item"),
    path("queue/<int:item_id>/<slug:action>/", views.review_decide_view, name="moderation-item-decide"),
    path("appeals/<int:appeal_id>/", views.appeal_view, name="moderation-appeal"),
    path("appeals/<int:appeal_id>/decide/", views.appeal_decide_view, name="moderation-appeal-decide"),
    path("suspensions/<int:suspension_id>/lift/", views.suspension_lift_view, name="moderation-suspension-lift"),
    path("takedowns/listing/<int:listing_id>/", views.takedown_view, name="moderation-takedown"),
    path("takedowns/listing/<int:listing_id>/appeal/", views.appeal_file_view, name="moderation-appeal-file"),
]
