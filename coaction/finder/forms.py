"""Forms for the finder. The public search is a GET form: nothing a survivor types is ever
posted, stored or put in a cookie."""

import re
import time
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from coaction.finder.models import Service, ServiceLanguage, TaxonomyTerm
from coaction.finder.search import MAX_QUERY_LENGTH, SearchFilters
from coaction.organisations.reference import LANGUAGES as REFERENCE_LANGUAGES

KM_PER_MILE = 1.609344
DISTANCE_MILES = ["1", "3", "5", "10", "25", "50"]
# A UK postcode, with or without its space: outward code (A9, A99, AA9, A9A, AA99, AA9A) and
# inward code (9AA).
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")

_NATIVE_NAMES = {code: native for code, _english, native in REFERENCE_LANGUAGES}
_ENGLISH_NAMES = {code: english for code, english, _native in REFERENCE_LANGUAGES}


@dataclass(frozen=True)
class LanguageChoice:
    """A language a survivor can pick: its name in the page's language and, where it differs,
    in its own script, marked with its language code so screen readers pronounce it."""

    code: str
    name: str
    native_name: str
    bidi: bool

    @property
    def label(self) -> str:
        if self.native_name and self.native_name != self.name:
            return f"{self.native_name} ({self.name})"
        return self.name


def language_name(code: str, fallback: str = "") -> str:
    """A language's name in the page's language where Django knows it, otherwise in English."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return _ENGLISH_NAMES.get(code) or fallback or code


def language_choice(code: str, fallback: str = "") -> LanguageChoice:
    return LanguageChoice(
        code=code,
        name=language_name(code, fallback),
        native_name=_NATIVE_NAMES.get(code, ""),
        bidi=code in settings.LANGUAGES_BIDI,
    )


@dataclass(frozen=True)
class FinderChoices:
    """What a survivor can choose from, read once per page."""

    needs: list[tuple[str, str]]
    communities: list[tuple[str, str]]
    faiths: list[tuple[str, str]]
    languages: list[LanguageChoice]

    @classmethod
    def none(cls) -> "FinderChoices":
        """For a page that shows only the search box."""
        return cls(needs=[], communities=[], faiths=[], languages=[])

    @classmethod
    def load(cls) -> "FinderChoices":
        facets: dict[str, list[tuple[str, str]]] = {"need": [], "community": [], "faith": []}
        terms = (
            TaxonomyTerm.objects.filter(facet__in=list(facets))
            .exclude(code="")
            .order_by("position", "name")
            .values_list("facet", "code", "name")
        )
        for facet, code, name in terms:
            # Term names are marked for translation in coaction/finder/taxonomy.py.
            facets[facet].append((code, gettext(name)))
        languages = sorted(
            (language_choice(code, name) for code, name in spoken_languages()),
            key=lambda choice: choice.name.casefold(),
        )
        return cls(
            needs=facets["need"],
            communities=facets["community"],
            faiths=facets["faith"],
            languages=languages,
        )


SPOKEN_LANGUAGES_SECONDS = 60
_spoken_languages: tuple[float, list[tuple[str, str]]] | None = None


def spoken_languages() -> list[tuple[str, str]]:
    """(code, name) of each language staff speak in at least one public service: an
    interpreter is offered separately, and a filter no service can meet would only
    disappoint. Every finder page offers them, and finding them means a join over every
    service's languages, so they are kept for a minute in this process, and forgotten at once
    when a service or its languages are saved or deleted here."""
    global _spoken_languages
    cached = _spoken_languages
    now = time.monotonic()
    if cached is not None and now - cached[0] < SPOKEN_LANGUAGES_SECONDS:
        return cached[1]
    spoken = dict(
        ServiceLanguage.objects.filter(mode=ServiceLanguage.Mode.STAFF, service__status="active")
        .order_by()
        .values_list("code", "name")
        .distinct()
    )
    languages = sorted(spoken.items())
    _spoken_languages = (now, languages)
    return languages


@receiver([post_save, post_delete], sender=Service)
@receiver([post_save, post_delete], sender=ServiceLanguage)
def forget_spoken_languages(**kwargs: Any) -> None:
    global _spoken_languages
    _spoken_languages = None


class _FlagInput(forms.CheckboxInput):
    """Hands the field the raw value, so that an unexpected one can be refused rather than
    taken as "yes"."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)


class FlagField(forms.BooleanField):
    """A yes-or-nothing filter from a query string: "on" (what a checkbox sends), "true" or
    "1" mean yes; anything else but nothing is an error."""

    widget = _FlagInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def to_python(self, value: Any) -> bool:
        if value in (None, "", False):
            return False
        if value is True or str(value).lower() in {"on", "true", "1", "yes"}:
            return True
        raise ValidationError(
            _("%(label)s can only be ticked or left empty."),
            code="invalid",
            params={"label": self.label},
        )


def _unknown(what: str) -> dict[str, str]:
    return {"invalid_choice": what}


class SearchForm(forms.Form):
    """The finder's search: free text in any language, and filters."""

    q = forms.CharField(
        label=_("What help do you need?"),
        help_text=_("Write in any language, in your own words."),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "max_length": _("Your search is too long. Use %(limit_value)d characters or fewer.")
        },
    )
    need = forms.ChoiceField(
        label=_("Help needed"),
        required=False,
        error_messages=_unknown(_("We do not know that kind of help. Choose one from the list.")),
    )
    language = forms.ChoiceField(
        label=_("Language staff speak"),
        required=False,
        error_messages=_unknown(
            _("No service lists staff who speak that language. Choose one from the list.")
        ),
    )
    community = forms.ChoiceField(
        label=_("Community served"),
        required=False,
        error_messages=_unknown(_("We do not know that community. Choose one from the list.")),
    )
    faith = forms.ChoiceField(
        label=_("Faith-sensitive support"),
        required=False,
        error_messages=_unknown(_("We do not know that faith. Choose one from the list.")),
    )
    disability_access = FlagField(
        label=_("Services with disability access (step-free, hearing loop or BSL)")
    )
    lgbtq = FlagField(label=_("Services for LGBTQ+ survivors"))
    nrpf = FlagField(label=_("Services that accept women with no recourse to public funds"))
    by_and_for = FlagField(label=_("Services led by and for women from the communities they serve"))
    open_now = FlagField(label=_("Services open now"))
    postcode = forms.CharField(
        label=_("Postcode"),
        help_text=_("Optional. For example, B11 1AA. We do not keep it."),
        required=False,
        max_length=10,
        error_messages={"max_length": _("Enter a postcode, like B11 1AA.")},
    )
    within = forms.ChoiceField(
        label=_("Distance"),
        required=False,
        error_messages=_unknown(_("Choose a distance from the list.")),
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=10_000,
        error_messages={
            "invalid": _("That page of results does not exist."),
            "min_value": _("That page of results does not exist."),
            "max_value": _("That page of results does not exist."),
        },
    )

    FLAGS = ("disability_access", "lgbtq", "nrpf", "by_and_for", "open_now")

    def __init__(self, *args: Any, choices: FinderChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["need"].choices = choices.needs
        self.fields["community"].choices = choices.communities
        self.fields["faith"].choices = choices.faiths
        self.fields["language"].choices = [(c.code, c.label) for c in choices.languages]
        self.fields["within"].choices = [
            (
                miles,
                ngettext("Within %(miles)s mile", "Within %(miles)s miles", int(miles))
                % {"miles": miles},
            )
            for miles in DISTANCE_MILES
        ]

    def clean_postcode(self) -> str:
        value = re.sub(r"\s+", " ", self.cleaned_data["postcode"].strip().upper())
        if value and not POSTCODE.match(value):
            raise ValidationError(_("Enter a postcode, like B11 1AA."), code="invalid")
        return value.replace(" ", "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("within") and not cleaned.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", _("Enter a postcode to search within a distance of it."))
        return cleaned

    @property
    def is_empty(self) -> bool:
        """Nothing asked for: show every service."""
        return not any(self.cleaned_data.get(name) for name in self.fields if name != "page")

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        within = data.get("within")
        return SearchFilters(
            need=data.get("need") or "",
            language=data.get("language") or "",
            community=data.get("community") or "",
            faith=data.get("faith") or "",
            disability_access=bool(data.get("disability_access")),
            lgbtq=bool(data.get("lgbtq")),
            nrpf=bool(data.get("nrpf")),
            by_and_for=bool(data.get("by_and_for")),
            open_now=bool(data.get("open_now")),
            postcode=data.get("postcode") or "",
            within_km=float(within) * KM_PER_MILE if within else None,
        )


class QuestionsForm(forms.Form):
    """The question-led path: what help, which language, where. Each step is a GET form that
    carries the earlier answers in hidden inputs; `answered` says which step was just sent."""

    STEPS = ("help", "language", "where")
    NOT_SURE = "not-sure"
    ANY_LANGUAGE = "any"

    answered = forms.ChoiceField(
        required=False,
        choices=[(s, s) for s in STEPS],
        error_messages=_unknown(_("Something went wrong with your answers. Start again.")),
    )
    need = forms.ChoiceField(
        label=_("What help do you need?"),
        required=False,
        widget=forms.RadioSelect,
        error_messages=_unknown(_("Choose the help you need from the list.")),
    )
    language = forms.ChoiceField(
        label=_("Which language would you like to speak?"),
        required=False,
        widget=forms.RadioSelect,
        error_messages=_unknown(_("Choose a language from the list.")),
    )
    postcode = SearchForm.base_fields["postcode"]

    def __init__(self, *args: Any, choices: FinderChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["need"].choices = [
            *choices.needs,
            (self.NOT_SURE, _("I am not sure")),
        ]
        self.fields["language"].choices = [
            (self.ANY_LANGUAGE, _("English is fine")),
            *((c.code, c.label) for c in choices.languages),
        ]

    clean_postcode = SearchForm.clean_postcode

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answered = cleaned.get("answered")
        if answered == "help" and not cleaned.get("need") and "need" not in self.errors:
            self.add_error("need", _('Choose the help you need, or choose "I am not sure".'))
        if answered == "language" and not cleaned.get("language") and "language" not in self.errors:
            self.add_error("language", _('Choose a language, or choose "English is fine".'))
        return cleaned

    def step(self) -> str:
        """The step to show next."""
        if not self.is_bound:
            return "help"
        if not self.is_valid():
            # Show again the step whose answer was wrong, the earliest first: an earlier
            # answer arrives in a hidden input and may have been edited in the address.
            for name, step in (("need", "help"), ("language", "language"), ("postcode", "where")):
                if name in self.errors:
                    return step
            return "help"
        answered = self.cleaned_data.get("answered")
        if not answered:
            return "help"
        index = self.STEPS.index(answered)
        return self.STEPS[index + 1] if index + 1 < len(self.STEPS) else "results"

    def results_query(self) -> dict[str, str]:
        """The answers as a results-page query string."""
        data = self.cleaned_data
        query = {}
        if data.get("need") and data["need"] != self.NOT_SURE:
            query["need"] = data["need"]
        if data.get("language") and data["language"] != self.ANY_LANGUAGE:
            query["language"] = data["language"]
        if data.get("postcode"):
            query["postcode"] = data["postcode"]
        return query
