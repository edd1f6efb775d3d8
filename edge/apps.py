from django.contrib.auth.apps import AuthConfig


class OperatorsAuthConfig(AuthConfig):
    """Django's auth app, named for what its users are here: staff operators of the admin
    (the product's users are `accounts.User`, who sign in with Yahoo)."""

    verbose_name = "Staff operators (admin logins)"
