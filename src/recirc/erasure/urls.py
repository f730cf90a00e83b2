from django.urls import path

from recirc.erasure import certificate_views, views

urlpatterns = [
    path("", views.erasure_list_view, name="erasure-list"),
    path("export/", views.erasure_export_view, name="erasure-export"),
    path("items/<int:item_id>/open/", views.erasure_open_view, name="erasure-open"),
    path("jobs/<int:job_id>/", views.erasure_job_view, name="erasure-job"),
    path("jobs/<int:job_id>/start/", views.erasure_job_start_view, name="erasure-job-start"),
    path("jobs/<int:job_id>/complete/", views.erasure_job_complete_view, name="erasure-job-complete"),
    path("jobs/<int:job_id>/fail/", views.erasure_job_fail_view, name="erasure-job-fail"),
    path("jobs/<int:job_id>/replan/", views.erasure_job_replan_view, name="erasure-job-replan"),
    path("jobs/<int:job_id>/verify/", views.erasure_job_verify_view, name="erasure-job-verify"),
    path("certificates/", certificate_views.certificate_list_view, name="erasure-certificates"),
    path("certificates/export/", certificate_views.certificate_export_view, name="erasure-certificates-export"),
    path("certificates/<str:code>/", certificate_views.certificate_view, name="erasure-certificate"),
    path("certificates/<str:code>/print/", certificate_views.certificate_print_view,
         name="erasure-certificate-print"),
    path("certificates/<str:code>/json/", certificate_views.certificate_json_view, name="erasure-certificate-json"),
    path("verify/", certificate_views.public_lookup_view, name="erasure-verify-lookup"),
    path("verify/<str:code>/", certificate_views.public_verify_view, name="erasure-verify-public"),
    path("samples/", certificate_views.sample_list_view, name="erasure-samples"),
    path("samples/<int:sample_id>/", certificate_views.sample_view, name="erasure-sample"),
    path("samples/<int:sample_id>/checks/<int:check_id>/", certificate_views.check_record_view,
         name="erasure-check-record"),
]
