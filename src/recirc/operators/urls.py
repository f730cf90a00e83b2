from django.urls import include, path

from recirc.operators import views

urlpatterns = [
    path("", views.operator_list_view, name="operator-list"),
    path("new/", views.operator_create_view, name="operator-create"),
    path("export.csv", views.operator_export_view, {"file_format": "csv"}, name="operator-export-csv"),
    path("export.xlsx", views.operator_export_view, {"file_format": "xlsx"}, name="operator-export-xlsx"),
    path("outlets/", views.outlet_list_view, name="outlet-list"),
    path("rechecks/", include("recirc.operators.recheck_urls")),
    path("<int:operator_id>/", views.operator_detail_view, name="operator-detail"),
]
