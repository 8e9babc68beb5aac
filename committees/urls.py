from django.urls import path

from committees import views

app_name = "committees"

urlpatterns = [
    path("to-chuc/", views.organization_list, name="organization_list"),
    path("to-chuc/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("to-chuc/<slug:slug>/thanh-vien/", views.organization_members, name="organization_members"),
    path("nhan-su/", views.person_list, name="person_list"),
    path("nhan-su/chuc-vu/<slug:organization_slug>/<slug:role_slug>/", views.role_detail, name="role_detail"),
    path("nhan-su/<slug:slug>/", views.person_detail, name="person_detail"),
    path("van-ban/", views.document_list, name="document_list"),
    path("van-ban/quyet-dinh/<slug:slug>/", views.decision_detail, name="decision_detail"),
    path("van-ban/van-kien/<slug:slug>/", views.legal_document_detail, name="legal_document_detail"),
]
