import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from coaction.organisations.models import Area, Language, Organisation, Specialism


class DirectoryFilter(django_filters.FilterSet):
    """The organisation directory's filters. An unknown value makes the form invalid, and the
    directory then says so rather than quietly ignoring it."""

    q = django_filters.CharFilter(
        label=_("Name contains"), field_name="name", lookup_expr="icontains", max_length=100
    )
    leadership_type = django_filters.ChoiceFilter(
        label=_("Leadership type"), choices=Organisation.LeadershipType.choices
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"), queryset=Area.objects.all(), to_field_name="slug", field_name="areas"
    )
    specialism = django_filters.ModelChoiceFilter(
        label=_("Specialism"),
        queryset=Specialism.objects.all(),
        to_field_name="code",
        field_name="specialisms",
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language spoken"),
        queryset=Language.objects.all(),
        to_field_name="code",
        field_name="languages",
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
