from django.urls import path

from recirc.policing import views, watchlist_views

urlpatterns = [
    path("", views.police_home_view, name="police-home"),
    path("alerts/", views.alert_list_view, name="police-alerts"),
    path("alerts/<int:alert_id>/", views.alert_detail_view, name="police-alert-detail"),
    path("alerts/<int:alert_id>/acknowledge/", views.alert_acknowledge_view, name="police-alert-acknowledge"),
    path("alerts/<int:alert_id>/close/", views.alert_close_view, name="police-alert-close"),
    path("alerts/<int:alert_id>/notes/", views.case_note_add_view, name="police-case-note-add"),
    path("alerts/<int:alert_id>/hold/", views.alert_hold_view, name="police-alert-hold"),
    path("holds/", views.hold_list_view, name="police-holds"),
    path("holds/<int:hold_id>/extend/", views.hold_extend_view, name="police-hold-extend"),
    path("holds/<int:hold_id>/release/", views.hold_release_view, name="police-hold-release"),
    path("watchlist/", watchlist_views.watchlist_list_view, name="police-watchlist"),
    path("watchlist/add/", watchlist_views.watchlist_add_view, name="police-watchlist-add"),
    path("watchlist/import/", watchlist_views.watchlist_import_view, name="police-watchlist-import"),
    path("watchlist/template.<str:export_format>", watchlist_views.watchlist_template_view,
         name="police-watchlist-template"),
    path("watchlist/<int:entry_id>/", watchlist_views.watchlist_detail_view, name="police-watchlist-detail"),
    path("watchlist/<int:entry_id>/photos/", watchlist_views.watchlist_photos_add_view,
         name="police-watchlist-photos-add"),
    path("watchlist/photos/<int:photo_id>/<str:size>/", watchlist_views.watchlist_photo_view,
         name="police-watchlist-photo"),
    path("watchlist/<int:entry_id>/withdraw/", watchlist_views.watchlist_withdraw_view,
         name="police-watchlist-withdraw"),
]
