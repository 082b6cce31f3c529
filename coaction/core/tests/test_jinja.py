from django.template import engines

from coaction.jinja2 import choice_items, csp_nonce


def jinja_env():
    return engines["jinja2"].env


def test_autoescape_is_on_for_template_strings():
    env = jinja_env()

    rendered = env.from_string("<p>{{ name }}</p>").render(name="<script>alert('x')</script>")

    assert "<script>" not in rendered
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in rendered


def test_autoescape_is_on_for_page_templates():
    env = jinja_env()
    assert env.autoescape("errors/404.html")
    assert env.autoescape("layouts/base.html")
    assert env.autoescape(None)


def test_a_page_escapes_what_people_typed(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = AnonymousUser()
    html = render_to_string(
        "errors/403.html", {"detail": "<script>alert(1)</script>"}, request=request
    )
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_plain_text_emails_are_not_html_escaped():
    from django.template.loader import render_to_string

    text = render_to_string(
        "accounts/email/password_reset.txt",
        {"protocol": "https", "domain": "hub.example.org", "uid": "MQ", "token": "a-b"},
    )
    assert "https://hub.example.org/accounts/password-reset/MQ/a-b/" in text
    assert not jinja_env().autoescape("organisations/email/invitation.txt")


def test_translated_text_with_values_escapes_the_values():
    env = jinja_env()
    rendered = env.from_string('{{ _("Welcome, %(name)s", name=name) }}').render(name="<b>Eve</b>")
    assert rendered == "Welcome, &lt;b&gt;Eve&lt;/b&gt;"


def test_service_name_and_url_helpers_are_available():
    rendered = jinja_env().from_string("{{ service_name }} {{ url('core:home') }}").render()
    assert rendered == "Coaction Hub /"


def test_csp_nonce_is_blank_without_a_request_nonce():
    class Bare:
        pass

    assert csp_nonce(Bare()) == ""


def test_choice_items_marks_the_chosen_value_and_skips_the_blank():
    from django import forms

    class Form(forms.Form):
        colour = forms.ChoiceField(choices=[("", "---"), ("red", "Red"), ("blue", "Blue")])

    items = choice_items(Form({"colour": "blue"})["colour"])

    assert items == [
        {"value": "red", "text": "Red", "checked": False, "selected": False},
        {"value": "blue", "text": "Blue", "checked": True, "selected": True},
    ]
