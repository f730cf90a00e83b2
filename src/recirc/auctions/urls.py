from django.urls import path

from recirc.auctions import views

urlpatterns = [
    path("", views.auction_list_view, name="auction-list"),
    path("new/", views.auction_create_view, name="auction-create"),
    path("mine/", views.auction_mine_view, name="auction-mine"),
    path("<str:code>/", views.auction_detail_view, name="auction-detail"),
    path("<str:code>/bid/", views.auction_bid_view, name="auction-bid"),
    path("<str:code>/buy-now/", views.auction_buy_now_view, name="auction-buy-now"),
    path("<str:code>/cancel/", views.auction_cancel_view, name="auction-cancel"),
]
