from django.urls import path

from recirc.core import views

urlpatterns = [
    path("", views.home_view, name="home"),
]
