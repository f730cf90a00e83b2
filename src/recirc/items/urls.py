from django.urls import path

from recirc.items import views

urlpatterns = [
    path("", views.item_list_view, name="item-list"),
    path("register/", views.item_register_view, name="item-register"),
    path("<int:item_id>/", views.item_detail_view, name="item-detail"),
    path("<int:item_id>/transition/", views.item_transition_view, name="item-transition"),
    path("p/<str:code>/", views.item_passport_view, name="item-passport"),
]
