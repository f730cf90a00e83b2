from django.urls import path

from recirc.portal import views

urlpatterns = [
    path("", views.home_view, name="home"),
    path("passport/", views.passport_lookup_view, name="passport-lookup"),
]
