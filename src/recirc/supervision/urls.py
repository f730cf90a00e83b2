from django.urls import path

from recirc.supervision import case_views, planning_views, submission_views, views

urlpatterns = [
    path("", views.dashboard_view, name="supervision-dashboard"),
    path("green/", views.green_view, name="supervision-green"),
    path("goals/", planning_views.goal_list_view, name="supervision-goals"),
    path("goals/<int:goal_id>/edit/", planning_views.goal_edit_view, name="supervision-goal-edit"),
    path("goals/<int:goal_id>/remove/", planning_views.goal_retire_view, name="supervision-goal-retire"),
    path("report/", planning_views.report_list_view, name="supervision-report"),
    path("report/<int:report_id>/", planning_views.report_detail_view, name="supervision-report-detail"),
    path("report/<int:report_id>/<slug:action>/", planning_views.report_action_view, name="supervision-report-action"),
    path("cases/", case_views.case_list_view, name="supervision-cases"),
    path("cases/new/", case_views.case_open_view, name="supervision-case-open"),
    path("cases/import/", case_views.case_import_view, name="supervision-case-import"),
    path("cases/<int:case_id>/", case_views.case_detail_view, name="supervision-case-detail"),
    path("cases/<int:case_id>/export/", case_views.case_export_view, name="supervision-case-export"),
    path("cases/<int:case_id>/<slug:action>/", case_views.case_action_view, name="supervision-case-action"),
    path("submissions/", submission_views.submission_list_view, name="supervision-submissions"),
    path("submissions/templates/<slug:kind>.<slug:extension>", submission_views.submission_template_view,
         name="supervision-submission-template"),
]
