from django.urls import path

from recirc.catalog import views

urlpatterns = [
    path("", views.category_list_view, name="category-list"),
    path("<slug:code>/", views.category_detail_view, name="category-detail"),
]
