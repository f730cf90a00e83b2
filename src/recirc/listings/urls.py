from django.urls import path

from recirc.listings import views

urlpatterns = [
    path("", views.listing_list_view, name="listing-list"),
    path("new/", views.listing_create_view, name="listing-create"),
    path("<int:listing_id>/", views.listing_detail_view, name="listing-detail"),
    path("<int:listing_id>/photos/", views.photo_add_view, name="listing-photo-add"),
    path("<int:listing_id>/photos/<int:photo_id>/remove/", views.photo_remove_view, name="listing-photo-remove"),
    path("<int:listing_id>/<str:action>/", views.listing_action_view, name="listing-action"),
]
