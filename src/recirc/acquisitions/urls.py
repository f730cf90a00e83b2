from django.urls import path

from recirc.acquisitions import views

urlpatterns = [
    path("", views.register_list_view, name="register-list"),
    path("intake/", views.register_intake_view, name="register-intake"),
    path("print/", views.register_print_view, name="register-print"),
    path("export/", views.register_export_view, name="register-export"),
    path("police-search/", views.register_police_search_view, name="register-police-search"),
    path("<int:entry_id>/", views.register_entry_view, name="register-entry"),
    path("<int:entry_id>/correct/", views.register_correct_view, name="register-correct"),
    path("photos/<int:photo_id>/", views.register_photo_view, name="register-photo"),
    path("photos/<int:photo_id>/document/", views.register_document_photo_view, name="register-document-photo"),
]
