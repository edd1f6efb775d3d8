from django.urls import path

from accounts.api import views

urlpatterns = [
    path("auth/yahoo/login", views.YahooLoginView.as_view(), name="yahoo-login"),
    path("auth/yahoo/callback", views.YahooCallbackView.as_view(), name="yahoo-callback"),
    path("auth/logout", views.LogoutView.as_view(), name="logout"),
    path("auth/once/<str:token>", views.OneTimeSignInView.as_view(), name="one-time-sign-in"),
    path("me", views.MeView.as_view(), name="me"),
    path("user/api-keys", views.ApiKeysView.as_view(), name="api-keys"),
    path("user/api-keys/<int:api_key_id>", views.ApiKeyDetailView.as_view(), name="api-key"),
]
