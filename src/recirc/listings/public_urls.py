from django.urls import path

from recirc.listings import public_views, store_views

urlpatterns = [
    path("", public_views.market_view, name="market"),
    path("photos/<int:photo_id>/<str:size>.jpg", public_views.listing_photo_view, name="listing-photo"),
    path("stores/<str:credit_code>/", store_views.store_view, name="market-store"),
    path("<str:code>/", public_views.market_listing_view, name="market-listing"),
]
