from django.urls import path

from recirc.repairs import views

urlpatterns = [
    path("", views.repair_list_view, name="repair-list"),
    path("new/", views.repair_open_view, name="repair-open"),
    path("<int:work_order_id>/", views.repair_detail_view, name="repair-detail"),
    path("<int:work_order_id>/quote/", views.repair_quote_view, name="repair-quote"),
    path("<int:work_order_id>/print/", views.repair_print_view, name="repair-print"),
    path("<int:work_order_id>/parts/<int:part_id>/remove/", views.repair_part_remove_view, name="repair-part-remove"),
    path("<int:work_order_id>/<slug:action>/", views.repair_action_view, name="repair-action"),
]
