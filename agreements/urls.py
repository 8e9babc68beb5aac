from django.urls import path

from agreements import views

app_name = "agreements"

urlpatterns = [
    path("phoi-hop/", views.agreement_list, name="agreement_list"),
    path("phoi-hop/<slug:slug>/", views.agreement_detail, name="agreement_detail"),
]
