from django.urls import path

from recirc.aftersales import views

urlpatterns = [
    path("", views.purchases_view, name="aftersales-purchases"),
    path("receipt/", views.receipt_claim_view, name="aftersales-receipt"),
    path("queue/", views.queue_view, name="aftersales-queue"),
    path("records/<int:warranty_id>/", views.record_view, name="aftersales-record"),
    path("records/<int:warranty_id>/<slug:kind>/new/", views.case_open_view, name="aftersales-open"),
    path("evidence/<int:evidence_id>/", views.evidence_view, name="aftersales-evidence"),
    path("notices/<int:notice_id>/dismiss/", views.notice_dismiss_view, name="aftersales-notice-dismiss"),
    path("<slug:kind>/<int:case_id>/", views.case_view, name="aftersales-case"),
    path("<slug:kind>/<int:case_id>/<slug:verb>/", views.case_action_view, name="aftersales-action"),
]
