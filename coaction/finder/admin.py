from django.contrib import admin

from coaction.finder import models


@admin.register(models.AreaLanguage)
class AreaLanguageAdmin(admin.ModelAdmin):
    """Part of an area's population profile, for the provision-gaps page."""

    list_display = ["area", "language_name", "language_code", "speakers", "source"]
    list_filter = ["area"]
    search_fields = ["language_name", "language_code", "area__name"]
