import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from coaction.organisations.models import Organisation
from coaction.organisations.selectors import reference_lists


class DirectoryFilter(django_filters.FilterSet):
    """The organisation directory's filters. An unknown value makes the form invalid, and the
    directory then says so rather than quietly ignoring it."""

    q = django_filters.CharFilter(
        label=_("Name contains"), field_name="name", lookup_expr="icontains", max_length=100
    )
    leadership_type = django_filters.ChoiceFilter(
        label=_("Leadership type"), choices=Organisation.LeadershipType.choices
    )
    # Plain choices from value lists rather than model choice fields: the directory renders
    # every area, specialism and language on each request, and model instances cost more.
    area = django_filters.ChoiceFilter(
        label=_("Area"), field_name="areas__slug", choices=lambda: reference_lists().areas
    )
    specialism = django_filters.ChoiceFilter(
        label=_("Specialism"),
        field_name="specialisms__code",
        choices=lambda: reference_lists().specialisms,
    )
    language = django_filters.ChoiceFilter(
        label=_("Language spoken"),
        field_name="languages__code",
        choices=lambda: reference_lists().languages,
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    @property
    def form(self) -> forms.Form:
        form = super().form
        for field in form.fields.values():
            field.required = False
        return form
