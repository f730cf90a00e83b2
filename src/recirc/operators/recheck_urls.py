from django.urls import path

from recirc.operators import recheck_views

urlpatterns = [
    path("", recheck_views.recheck_list_view, name="operator-recheck-list"),
    path("export.csv", recheck_views.recheck_export_view, name="operator-recheck-export"),
    path("<int:operator_id>/", recheck_views.recheck_record_view, name="operator-recheck-record"),
]
