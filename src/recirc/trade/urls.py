from django.urls import path

from recirc.trade import seller_registration, views_buyer, views_ledger, views_orders, views_pos

urlpatterns = [
    path("cart/", views_buyer.cart_view, name="trade-cart"),
    path("cart/add/", views_buyer.cart_add_view, name="trade-cart-add"),
    path("cart/<int:listing_id>/remove/", views_buyer.cart_remove_view, name="trade-cart-remove"),
    path("checkout/", views_buyer.checkout_view, name="trade-checkout"),
    path("checkouts/<int:checkout_id>/cancel/", views_buyer.checkout_cancel_view, name="trade-checkout-cancel"),
    path("local-pay/<str:reference>/", views_buyer.local_pay_view, name="trade-local-pay"),
    path("orders/", views_buyer.order_list_view, name="trade-orders"),
    path("orders/<int:order_id>/", views_orders.order_detail_view, name="trade-order"),
    path("orders/<int:order_id>/receipt/", views_orders.receipt_view, name="trade-receipt"),
    path("orders/<int:order_id>/address/", views_orders.order_address_view, name="trade-order-address"),
    path("orders/<int:order_id>/<slug:action>/", views_orders.order_action_view, name="trade-order-action"),
    path("sales/", views_orders.sales_list_view, name="trade-sales"),
    path("inspection/", views_orders.inspection_queue_view, name="trade-inspection"),
    path("receipts/<str:code>/", views_orders.receipt_by_code_view, name="trade-receipt-code"),
    path("pos/", views_pos.pos_view, name="trade-pos"),
    path("ledger/", views_ledger.ledger_accounts_view, name="trade-ledger"),
    path("ledger/transactions/", views_ledger.ledger_transactions_view, name="trade-ledger-transactions"),
    path("sellers/over-threshold/", seller_registration.seller_registration_list_view,
         name="trade-seller-registration"),
    path("sellers/over-threshold/export.csv", seller_registration.seller_registration_export_view,
         name="trade-seller-registration-export"),
    path("sellers/my-sales/", seller_registration.seller_sales_view, name="trade-seller-sales"),
]
