from django.urls import path

from recirc.listings import public_views

urlpatterns = [
    path("", public_views.market_view, name="market"),
    path("photos/<int:photo_id>/<str:size>.jpg", public_views.listing_photo_view, name="listing-photo"),
    path("<str:code>/", public_views.market_listing_view, name="market-listing"),
]
