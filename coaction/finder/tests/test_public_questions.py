"""The question-led path: what help, which language, where; each step a GET form that carries
the earlier answers, then the results."""

import re

import pytest
from django.urls import reverse

from coaction.finder.tests.factories import ServiceFactory, ServiceLanguageFactory

QUESTIONS = reverse("finder:questions")


def hidden_inputs(response):
    return dict(
        re.findall(
            r'<input type="hidden" name="([^"]+)" value="([^"]*)">', response.content.decode()
        )
    )


@pytest.fixture
def speakers(org_a):
    service = ServiceFactory(organisation=org_a)
    ServiceLanguageFactory(service=service, code="bn", name="Bengali")
    return service


def test_step_one_asks_what_help_is_needed(client, db):
    response = client.get(QUESTIONS)

    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r'<h1 class="govuk-fieldset__heading">\s*What help do you need\?', body)
    assert 'value="refuge"' in body
    assert 'value="immigration-nrpf"' in body
    assert 'value="not-sure"' in body
    assert hidden_inputs(response) == {"answered": "help"}
    assert 'href="/find/" class="govuk-back-link"' in body


def test_step_two_asks_which_language_and_carries_the_need(client, speakers):
    response = client.get(QUESTIONS, {"answered": "help", "need": "refuge"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "Which language would you like to speak?" in body
    assert '<span lang="bn" dir="ltr">বাংলা</span> (Bengali)' in body
    assert 'value="any"' in body
    assert hidden_inputs(response) == {"need": "refuge", "answered": "language"}
    assert 'href="/find/questions/?need=refuge" class="govuk-back-link"' in body


def test_step_three_asks_where_and_carries_both_answers(client, speakers):
    response = client.get(QUESTIONS, {"answered": "language", "need": "refuge", "language": "bn"})

    assert response.status_code == 200
    assert "Where are you?" in response.content.decode()
    assert hidden_inputs(response) == {"need": "refuge", "language": "bn", "answered": "where"}


def test_the_last_step_leads_to_the_results(client, speakers):
    response = client.get(
        QUESTIONS,
        {"answered": "where", "need": "refuge", "language": "bn", "postcode": " b11 1aa "},
    )

    assert response.status_code == 302
    assert response["Location"] == "/find/results/?need=refuge&language=bn&postcode=B111AA"
    assert not response.cookies


def test_not_sure_and_english_and_no_postcode_mean_no_filters(client, db):
    response = client.get(
        QUESTIONS, {"answered": "where", "need": "not-sure", "language": "any", "postcode": ""}
    )
    assert response["Location"] == "/find/results/"


def test_the_path_works_in_urdu(client, speakers):
    response = client.get(
        "/ur" + QUESTIONS, {"answered": "where", "need": "legal", "language": "any"}
    )
    assert response["Location"] == "/ur/find/results/?need=legal"


def test_going_back_keeps_the_earlier_answer_chosen(client, speakers):
    body = client.get(QUESTIONS, {"need": "refuge"}).content.decode()
    assert re.search(r'value="refuge" checked', body)
    body = client.get(
        QUESTIONS, {"need": "refuge", "language": "bn", "answered": "help"}
    ).content.decode()
    assert re.search(r'value="bn" checked', body)


@pytest.mark.parametrize(
    ("params", "heading", "message"),
    [
        (
            {"answered": "help"},
            "What help do you need?",
            'Choose the help you need, or choose "I am not sure".',
        ),
        (
            {"answered": "help", "need": "magic"},
            "What help do you need?",
            "Choose the help you need from the list.",
        ),
        (
            {"answered": "language", "need": "refuge"},
            "Which language would you like to speak?",
            'Choose a language, or choose "English is fine".',
        ),
        (
            {"answered": "language", "need": "refuge", "language": "tlh"},
            "Which language would you like to speak?",
            "Choose a language from the list.",
        ),
        (
            {"answered": "where", "need": "refuge", "language": "any", "postcode": "nowhere"},
            "Where are you?",
            "Enter a postcode, like B11 1AA.",
        ),
        # An earlier answer edited in the address goes back to that question.
        (
            {"answered": "where", "need": "magic", "language": "any"},
            "What help do you need?",
            "Choose the help you need from the list.",
        ),
        (
            {"answered": "teleport"},
            "What help do you need?",
            "Something went wrong with your answers. Start again.",
        ),
    ],
)
def test_a_missing_or_unknown_answer_gets_a_clear_message(client, db, params, heading, message):
    response = client.get(QUESTIONS, params)

    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    assert heading in body
    assert message.replace('"', "&#34;") in body or message in body
    assert not response.cookies
