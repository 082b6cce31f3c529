from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from coaction.core import views


def assert_uses_the_layout(body):
    assert "<title>" in body and "Coaction Hub" in body
    assert 'class="govuk-skip-link"' in body and 'href="#main-content"' in body
    assert 'id="main-content"' in body


def test_an_unknown_page_is_a_404_in_the_layout(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert_uses_the_layout(body)


def test_a_404_for_a_signed_in_person_keeps_their_navigation(client, alice):
    client.force_login(alice)
    response = client.get("/organisations/no-such-organisation/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert "Sign out" in body


def test_the_404_page_speaks_the_language_of_the_url(client, db):
    response = client.get("/ur/no-such-page/")
    assert response.status_code == 404
    assert 'lang="ur" dir="rtl"' in response.content.decode()


def test_the_500_handler_renders_the_500_template(rf: RequestFactory):
    request = rf.get("/")

    response = views.error_500(request)

    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body
    assert "was not saved" in body
    assert_uses_the_layout(body)


def test_the_urlconf_points_at_our_handlers():
    from coaction import urls

    assert urls.handler403 == "coaction.core.views.error_403"
    assert urls.handler404 == "coaction.core.views.error_404"
    assert urls.handler500 == "coaction.core.views.error_500"


def test_a_refused_page_is_a_403_in_the_layout(client, charlie, org_a):
    client.force_login(charlie)
    response = client.get(f"/organisations/{org_a.slug}/edit/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "You cannot see this page" in body
    assert_uses_the_layout(body)


def test_the_csrf_failure_view_explains_nothing_was_changed(rf: RequestFactory):
    request = rf.post("/")
    request.user = AnonymousUser()

    response = views.csrf_failure(request, reason="CSRF token missing.")

    assert response.status_code == 403
    body = response.content.decode()
    assert "Nothing was changed" in body
    assert "CSRF token missing" not in body
