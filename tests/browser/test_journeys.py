"""The main journeys through Coaction Hub in a real browser. Every page a test visits is
checked with axe-core against WCAG 2.2 AA."""

import re

import pytest
from playwright.sync_api import expect

from coaction.accounts.tests.factories import PASSWORD
from coaction.organisations.models import Invitation, Language, Specialism
from coaction.organisations.tests.factories import AreaFactory, OrganisationFactory

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def partnership(org_a, org_b):
    """Alice's organisation and its neighbours in one invented area, so that the home page,
    the directory and the profile have something to show."""
    area = AreaFactory(name="Northbridge")
    org_a.areas.add(area)
    org_a.specialisms.add(*Specialism.objects.filter(code__in=["domestic-abuse", "idva"]))
    org_a.languages.add(*Language.objects.filter(code__in=["ur", "pa", "bn"]))
    org_b.areas.add(area)
    org_b.specialisms.add(*Specialism.objects.filter(code__in=["domestic-abuse", "refuge"]))
    roshni = OrganisationFactory(name="Roshni Women's Collective", leadership_type="by_and_for")
    roshni.areas.add(area)
    roshni.specialisms.add(
        *Specialism.objects.filter(code__in=["honour-based-abuse", "forced-marriage", "fgm"])
    )
    roshni.languages.add(*Language.objects.filter(code__in=["ur", "ar", "so"]))
    OrganisationFactory(
        name="Northbridge Council Community Safety", leadership_type="statutory"
    ).areas.add(area)
    return area


@pytest.fixture
def sign_in(live_server, assert_accessible):
    """Sign in through the sign-in form, as a person would, checking the sign-in page and the
    home page it leads to."""

    def sign_in_as(page, user):
        page.goto("/accounts/sign-in/")
        assert_accessible(page)
        page.get_by_label("Email address").fill(user.email)
        # exact: the password field's Show button is labelled "Show password".
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Welcome, {user.get_short_name()}"
        )
        assert_accessible(page)

    return sign_in_as


def test_anonymous_pages(page, live_server, assert_accessible, save_screenshot):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Coaction Hub")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    # The stylesheet is served and applied: headings use the app's own font stack.
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_css("font-family", re.compile(r"^system-ui,"))
    assert_accessible(page)
    save_screenshot(page, "home-en")

    page.goto("/ur/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    assert_accessible(page)
    save_screenshot(page, "home-ur")

    page.goto("/")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/accounts/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)
    save_screenshot(page, "sign-in")

    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)


def test_alice_finds_her_organisation_in_the_directory(
    page, live_server, sign_in, alice, org_a, partnership, assert_accessible, save_screenshot
):
    sign_in(page, alice)
    save_screenshot(page, "home-signed-in")

    page.get_by_role("link", name="Organisations", exact=True).click()
    page.wait_for_url(f"{live_server.url}/organisations/")
    expect(page.get_by_role("link", name="Northbridge Women's Aid")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Leadership type").select_option("by_and_for")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"/organisations/\?.*leadership_type=by_and_for"))
    results = page.get_by_role("main")
    expect(results.get_by_role("link", name="Saffron Sisters")).to_be_visible()
    expect(results.get_by_role("link", name="Roshni Women's Collective")).to_be_visible()
    expect(results.get_by_role("link", name="Northbridge Women's Aid")).to_have_count(0)
    expect(results.get_by_text("2 organisations")).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "directory")

    results.get_by_role("link", name="Saffron Sisters").click()
    page.wait_for_url(f"{live_server.url}{org_a.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Saffron Sisters")
    expect(page.get_by_role("button", name="Edit this organisation")).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "profile")


def test_alice_edits_her_organisation(
    page, live_server, sign_in, alice, org_a, partnership, assert_accessible, save_screenshot
):
    sign_in(page, alice)
    edit_url = f"/organisations/{org_a.slug}/edit/"
    description = "We support South Asian women and girls across Northbridge, in five languages."

    page.goto(edit_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit Saffron Sisters")
    assert_accessible(page)
    save_screenshot(page, "edit")
    page.get_by_label("What the organisation does").fill(description)
    page.get_by_role("group", name="Specialisms").get_by_label("Forced marriage").check()
    page.get_by_role("button", name="Save changes").click()

    page.wait_for_url(f"{live_server.url}{org_a.get_absolute_url()}")
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Your changes have been saved.")
    expect(page.get_by_role("main").get_by_text(description)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Forced marriage")
    assert_accessible(page)

    # An identifier on no list the platform knows: the form comes back with an error summary
    # and nothing is saved, not even the fields that were valid.
    page.goto(edit_url)
    assert_accessible(page)
    page.get_by_label("What the organisation does").fill("This should not be saved.")
    page.get_by_label("Organisation identifiers").fill("XX-123")
    page.get_by_role("button", name="Save changes").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("An organisation identifier must start with one of")
    # GOV.UK Frontend moves focus to the summary so screen reader users hear it first.
    expect(summary).to_be_focused()
    assert_accessible(page)
    save_screenshot(page, "edit-error")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Organisation identifiers")).to_be_focused()

    org_a.refresh_from_db()
    assert org_a.description == description
    assert not org_a.identifiers.exists()
    assert list(org_a.specialisms.order_by("code").values_list("code", flat=True)) == [
        "domestic-abuse",
        "forced-marriage",
        "idva",
    ]


def test_alice_invites_a_colleague(
    page, live_server, sign_in, alice, bob, org_a, mailoutbox, assert_accessible, save_screenshot
):
    sign_in(page, alice)
    page.goto(org_a.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("button", name="Members and invitations").click()
    page.wait_for_url(f"{live_server.url}/organisations/{org_a.slug}/members/")
    expect(page.get_by_role("table")).to_contain_text("Bob Begum")
    assert_accessible(page)
    save_screenshot(page, "members")

    page.get_by_label("Email addresses").fill("dana@a.example.org")
    page.get_by_role("button", name="Send invitations").click()

    page.wait_for_url(re.compile(r"/tasks/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Sending 1 invitations? for Saffron Sisters$")
    )
    expect(page.get_by_role("status")).to_contain_text("Finished")
    assert_accessible(page)
    save_screenshot(page, "task-progress")

    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{live_server.url}/organisations/{org_a.slug}/members/")
    expect(page.get_by_role("main")).to_contain_text("dana@a.example.org")
    assert_accessible(page)

    assert Invitation.objects.filter(organisation=org_a, email="dana@a.example.org").exists()
    assert [message.to for message in mailoutbox] == [["dana@a.example.org"]]


def test_directory_fits_a_narrow_screen(
    new_context, sign_in, alice, partnership, assert_accessible, save_screenshot
):
    # 320 CSS pixels is the width WCAG 1.4.10 (Reflow) asks content to fit without
    # scrolling sideways.
    page = new_context(viewport=NARROW).new_page()
    sign_in(page, alice)

    # Urdu too: right-to-left content that spills over the left edge also scrolls sideways.
    for path, screenshot in [
        ("/organisations/", "directory-narrow"),
        ("/ur/organisations/", "directory-narrow-ur"),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= NARROW["width"], f"{path} is {scroll_width}px wide"
        assert_accessible(page)
        save_screenshot(page, screenshot)


def test_sign_in_works_without_javascript(new_context, live_server, alice, assert_accessible):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/accounts/sign-in/")
    # GOV.UK Frontend marks the body when its scripts run; they must not have.
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))
    assert_accessible(page)

    page.get_by_label("Email address").fill(alice.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Alice")
    assert_accessible(page)
