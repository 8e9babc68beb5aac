from django.urls import path

from portal.news import views

app_name = "news"

urlpatterns = [
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article_detail"),
    path("chuyen-muc/<slug:slug>/", views.category_detail, name="category_detail"),
    # The counting beacon of public pages (views.count).
    path("dem/", views.count, name="count"),
    path("dem/<int:article_id>/", views.count, name="count_article"),
]
