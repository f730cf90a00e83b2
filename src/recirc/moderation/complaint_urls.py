from django.urls import path

from recirc.moderation import complaint_views as views

urlpatterns = [
    path("", views.complaint_mine_view, name="complaint-mine"),
    path("new/", views.complaint_file_view, name="complaint-file"),
    path("against-us/", views.complaint_against_view, name="complaint-against"),
    path("supervision/", views.supervision_queue_view, name="complaint-queue"),
    path("police/", views.police_cases_view, name="complaint-police"),
    path("statistics/", views.complaint_statistics_view, name="complaint-statistics"),
    path("evidence/<int:evidence_id>/", views.complaint_evidence_view, name="complaint-evidence"),
    path("<int:complaint_id>/", views.complaint_detail_view, name="complaint-detail"),
    path("<int:complaint_id>/package.zip", views.complaint_package_view, name="complaint-package"),
    path("<int:complaint_id>/<slug:verb>/", views.complaint_action_view, name="complaint-action"),
]
