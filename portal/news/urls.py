from django.urls import path

from portal.news import views

app_name = "news"

urlpatterns = [
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article_detail"),
    path("chuyen-muc/<slug:slug>/", views.category_detail, name="category_detail"),
    path("tim-kiem/", views.search, name="search"),
]
