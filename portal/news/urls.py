from django.urls import path

from portal.news import views

app_name = "news"

urlpatterns = [
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article_detail"),
    path("tin-tuc/<slug:slug>/phan-hoi/", views.feedback_send, name="feedback_send"),
    path("tin-tuc/<slug:slug>/phan-hoi/cam-on/", views.feedback_thanks, name="feedback_thanks"),
    path("chuyen-muc/<slug:slug>/", views.category_detail, name="category_detail"),
    # The counting beacon of public pages (views.count).
    path("dem/", views.count, name="count"),
    path("dem/<int:article_id>/", views.count, name="count_article"),
]
