from django.contrib import admin

from coaction.organisations import models


class IdentifierInline(admin.TabularInline):
    model = models.OrganisationIdentifier
    extra = 0


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "leadership_type", "income_band"]
    list_filter = ["leadership_type", "areas"]
    search_fields = ["name", "identifiers__value"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["communities", "languages", "specialisms", "areas"]
    inlines = [IdentifierInline, MembershipInline]


@admin.register(models.Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code"]
    search_fields = ["name", "ons_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.ByAndForCriterion)
class ByAndForCriterionAdmin(admin.ModelAdmin):
    list_display = ["text", "required", "active", "position"]
    list_editable = ["required", "active", "position"]


admin.site.register(
    models.Language, list_display=["name", "code", "native_name"], search_fields=["name", "code"]
)
admin.site.register(models.Specialism, list_display=["name", "code"])
admin.site.register(models.Community, list_display=["name", "code"])
admin.site.register(
    models.Invitation,
    list_display=["email", "organisation", "role", "created_at", "accepted_at"],
    exclude=["token"],
)
