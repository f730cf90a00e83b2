from django.urls import path

from recirc.moderation import views

urlpatterns = [
    path("", views.rules_public_view, name="rules"),
    path("v<int:version>/", views.rules_version_view, name="rules-version"),
    path("v<int:version>/download/", views.rules_download_view, name="rules-download"),
    path("v<int:version>/print/", views.rules_print_view, name="rules-print"),
    path("v<int:version>/comment/", views.rules_comment_view, name="rules-comment"),
    path("manage/", views.rules_manage_view, name="rules-manage"),
    path("manage/new/", views.rules_new_view, name="rules-new"),
    path("manage/<int:rules_id>/", views.rules_edit_view, name="rules-edit"),
    path("manage/<int:rules_id>/<slug:action>/", views.rules_action_view, name="rules-action"),
    path("manage/comments/<int:comment_id>/moderate/", views.rules_comment_moderate_view,
         name="rules-comment-moderate"),
]
