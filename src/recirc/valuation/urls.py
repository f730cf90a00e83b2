from django.urls import path

from recirc.valuation import observation_views, views

urlpatterns = [
    path("", views.valuation_home_view, name="valuation-home"),
    path("estimate/", views.estimate_view, name="valuation-estimate"),
    path("train/", views.model_train_view, name="valuation-train"),
    path("models/<int:model_id>/", views.model_detail_view, name="valuation-model-detail"),
    path("models/<int:model_id>/activate/", views.model_activate_view, name="valuation-model-activate"),
    path("observations/", observation_views.observation_list_view, name="valuation-observations"),
    path("observations/import/", observation_views.observation_import_view, name="valuation-import"),
    path("observations/template.<str:export_format>", observation_views.import_template_view,
         name="valuation-import-template"),
]
