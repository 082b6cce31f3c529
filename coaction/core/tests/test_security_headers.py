import re

from django.urls import reverse


def script_nonces(body):
    return re.findall(r'<script[^>]*\snonce="([^"]+)"', body)


def test_it_sends_a_content_security_policy_with_a_nonce_for_our_scripts(client, db):
    response = client.get("/")

    csp = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    directives = {}
    for part in csp.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    assert "'self'" in directives["default-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    header_nonce = re.search(r"'nonce-([^']+)'", directives["script-src"]).group(1)

    body = response.content.decode()
    nonces = script_nonces(body)
    assert len(nonces) == body.count("<script")
    assert nonces and set(nonces) == {header_nonce}


def test_each_response_gets_a_fresh_nonce(client, db):
    first = re.search(r"'nonce-([^']+)'", client.get("/").headers["Content-Security-Policy"])
    second = re.search(r"'nonce-([^']+)'", client.get("/").headers["Content-Security-Policy"])
    assert first.group(1) != second.group(1)


def test_signed_in_pages_carry_the_nonce_too(client, alice):
    client.force_login(alice)
    response = client.get(reverse("accounts:settings"))
    header_nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
    assert set(script_nonces(response.content.decode())) == {header_nonce.group(1)}


def test_it_sends_the_other_security_headers(client, db):
    response = client.get("/")

    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_it_sends_hsts_on_a_secure_request_when_debug_is_off(client, db, settings):
    settings.DEBUG = False
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True

    response = client.get("/", secure=True)

    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_it_does_not_send_hsts_over_plain_http(client, db, settings):
    settings.DEBUG = False
    settings.SECURE_HSTS_SECONDS = 31536000

    response = client.get("/")

    assert "Strict-Transport-Security" not in response.headers


def test_the_session_cookie_is_not_readable_by_scripts(client, alice):
    from coaction.accounts.tests.factories import PASSWORD

    response = client.post(
        reverse("accounts:login"), {"username": alice.email, "password": PASSWORD}
    )
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
