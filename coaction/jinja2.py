"""The Jinja2 environment used for every page. GOV.UK Frontend's macros are reachable as
`govuk_frontend_jinja/...`."""

from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape

from coaction.core.i18n import language_links


def url(viewname: str, *args: Any, **kwargs: Any) -> str:
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def choice_items(bound_field: Any) -> list[dict[str, Any]]:
    """A Django choice field's options as GOV.UK Frontend `items`, with the current value
    checked or selected."""
    value = bound_field.value()
    if value is None:
        chosen: set[str] = set()
    elif isinstance(value, list | tuple):
        chosen = {str(item) for item in value}
    else:
        chosen = {str(value)}
    items = []
    for choice_value, label in bound_field.field.choices:
        key = str(choice_value)
        if key:
            selected = key in chosen
            items.append(
                {"value": key, "text": str(label), "checked": selected, "selected": selected}
            )
    return items


def csp_nonce(request: Any) -> str:
    """The request's CSP nonce as text. django-csp's lazy nonce is falsy until read, and only
    a nonce that has been read is added to the header."""
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


def environment(**options: Any) -> Environment:
    options["loader"] = ChoiceLoader(
        [
            options["loader"],
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    options.setdefault("extensions", []).extend(["jinja2.ext.i18n", "jinja2.ext.do"])
    # Pages are escaped. Plain-text emails (.txt) are not HTML: escaping them would send
    # "Women&#39;s Aid" to people.
    options["autoescape"] = select_autoescape(
        disabled_extensions=("txt",), default_for_string=True, default=True
    )
    env = Environment(**options)  # noqa: S701 - autoescape is set just above and asserted below
    if not (callable(env.autoescape) and env.autoescape("page.html")):
        raise RuntimeError("Jinja autoescape must be on")
    env.install_gettext_translations(translation, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "service_name": settings.SERVICE_NAME,
            "get_language": translation.get_language,
            "get_language_bidi": translation.get_language_bidi,
            "language_links": language_links,
            "choice_items": choice_items,
            "csp_nonce": csp_nonce,
        }
    )
    env.filters["date"] = lambda value, fmt="j F Y": date_format(value, fmt) if value else ""
    return env
