from django.urls import path

from recirc.inspection import public_views, referral_views, views

urlpatterns = [
    path("", views.inspection_list_view, name="inspection-list"),
    path("scan/", views.inspection_scan_view, name="inspection-scan"),
    path("items/<int:item_id>/", views.inspection_inspect_view, name="inspection-inspect"),
    path("items/<int:item_id>/preview/", views.inspection_preview_view, name="inspection-preview"),
    path("reports/<str:code>/", views.inspection_report_view, name="inspection-report"),
    path("reports/<str:code>/print/", views.inspection_report_print_view, name="inspection-report-print"),
    path("verify/", public_views.inspection_verify_lookup_view, name="inspection-verify-lookup"),
    path("verify/<str:code>/", public_views.inspection_verify_view, name="inspection-verify"),
    path("verify/<str:code>/report.json", public_views.inspection_report_json_view, name="inspection-report-json"),
    path("referrals/", referral_views.referral_list_view, name="inspection-referrals"),
    path("referrals/<int:referral_id>/", referral_views.referral_detail_view, name="inspection-referral-detail"),
    path("referrals/<int:referral_id>/acknowledge/", referral_views.referral_acknowledge_view,
         name="inspection-referral-acknowledge"),
    path("referrals/<int:referral_id>/close/", referral_views.referral_close_view, name="inspection-referral-close"),
    path("referrals/<int:referral_id>/evidence.<str:export_format>", referral_views.referral_evidence_view,
         name="inspection-referral-evidence"),
]
