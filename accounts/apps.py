from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    # In the admin, beside the staff operators (Django's auth users): the product's users.
    verbose_name = "Product users (Yahoo sign-in)"

    def ready(self):
        from accounts import schema  # noqa: F401  (registers the OpenAPI auth schemes)
