from django.apps import AppConfig

from accounts.api.errors import YAHOO_ERROR_STATUSES
from edge.errors import error_statuses_register


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    # In the admin, beside the staff operators (Django's auth users): the product's users.
    verbose_name = "Product users (Yahoo sign-in)"

    def ready(self):
        from accounts import openapi  # noqa: F401  (registers the OpenAPI auth schemes)

        error_statuses_register(YAHOO_ERROR_STATUSES)
