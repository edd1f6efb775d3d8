"""What every operator-facing admin of synced or computed rows shares."""

from django.contrib import admin


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """Rows that a sync or a computation writes: operators inspect them and may delete a bad
    one (the next run writes it again), but never add or edit one by hand."""

    list_per_page = 50
    show_full_result_count = False  # no second COUNT(*) over big tables on every page

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
