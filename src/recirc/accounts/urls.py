from django.urls import path

from recirc.accounts import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("verification/", views.realname_verification_view, name="account-verification"),
    path("tokens/", views.api_token_list_view, name="account-tokens"),
    path("tokens/<int:token_id>/revoke/", views.api_token_revoke_view, name="account-token-revoke"),
]
