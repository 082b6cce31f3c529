"""The public finder in a real browser, in English and in Urdu: searching, the question-led
path, a narrow screen, no JavaScript and Exit this page. Every page visited is checked with
axe-core against WCAG 2.2 AA, and no page may ask another host for anything."""

import importlib
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from coaction.finder.tests.factories import (
    LocationFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceCapacityFactory,
    ServiceFactory,
    ServiceLanguageFactory,
)

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
EXIT_URL = "https://www.bbc.co.uk/weather"
SECRET_STREET = "17 Quillfeather Mews"


@pytest.fixture(autouse=True)
def _finder_taxonomy(_reference_data):
    """The live server's database is emptied after each test, taking the VAWG taxonomy and the
    bed-space unit its migration loads; load them again."""
    from django.apps import apps

    migration = importlib.import_module("coaction.finder.migrations.0002_vawg_taxonomy")
    migration.load(apps, None)


@pytest.fixture
def services(org_a, org_b):
    """A by-and-for refuge with a confidential address and a vacancy, and a helpline."""
    refuge = ServiceFactory(
        organisation=org_a,
        name="Saffron Refuge",
        description="A refuge for South Asian women and their children.",
        term_codes=["refuge", "nrpf-accepted", "community-south-asian"],
    )
    ServiceLanguageFactory(service=refuge, code="ur", name="Urdu")
    ServiceLanguageFactory(service=refuge, code="bn", name="Bengali")
    ServiceLanguageFactory(service=refuge, code="so", name="Somali", mode="interpreter")
    PhoneFactory(service=refuge, number="0161 496 0101")
    PhoneFactory(service=refuge, number="07700 900101", type="text")
    for day in ["MO", "TU", "WE", "TH", "FR"]:
        ScheduleFactory(service=refuge, byday=day)
    ServiceCapacityFactory(service=refuge, available=2, maximum=6)
    hidden = LocationFactory(
        organisation=org_a, address_1=SECRET_STREET, postal_code="ZX9 8QW", confidential=True
    )
    ServiceAtLocationFactory(service=refuge, location=hidden)

    helpline = ServiceFactory(
        organisation=org_b,
        name="Northbridge Helpline",
        description="Talk to someone about domestic abuse, any time.",
        term_codes=["helpline"],
    )
    PhoneFactory(service=helpline, number="0161 496 0202")
    return refuge, helpline


@pytest.fixture
def finder_page(new_context, live_server):
    """A page that fails the test if it asks any host but the live server for anything. The
    exit destination is answered inside the browser, so exiting sends nothing out."""
    own_host = urlsplit(live_server.url).netloc
    foreign: list[str] = []

    def open_page(**options):
        context = new_context(**options)
        context.route(
            re.compile(r"^https://www\.bbc\.co\.uk/"),
            lambda route: route.fulfill(
                status=200, content_type="text/html", body="<title>Weather</title>"
            ),
        )
        page = context.new_page()

        def note(request):
            host = urlsplit(request.url).netloc
            if host != own_host and not request.url.startswith(EXIT_URL):
                foreign.append(request.url)

        page.on("request", note)
        return page

    yield open_page
    assert not foreign, f"Requests to other hosts: {foreign}"


def no_cookies(page):
    assert page.context.cookies() == []


def test_searching_in_english(
    finder_page, live_server, services, assert_accessible, save_screenshot
):
    page = finder_page()
    page.goto("/find/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find help with domestic abuse")
    expect(page.get_by_role("button", name="Exit this page")).to_be_visible()
    expect(page.get_by_role("complementary", name="Emergency help")).to_contain_text(
        "press 55 when asked"
    )
    assert_accessible(page)
    save_screenshot(page, "finder-en")

    page.get_by_label("What help do you need?").fill("refuge")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/find/results/\?q=refuge"))
    results = page.get_by_role("main")
    expect(results.get_by_role("link", name="Saffron Refuge")).to_be_visible()
    expect(results).to_contain_text("By and for")
    expect(results).to_contain_text("Address given on contact.")
    expect(results).to_contain_text("Bed space: 2 available of 6")
    expect(results).not_to_contain_text(SECRET_STREET)
    assert_accessible(page)
    save_screenshot(page, "finder-results-en")

    # Filters: only services where staff speak Bengali.
    page.get_by_label("Language staff speak").select_option("bn")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"language=bn"))
    expect(results.get_by_role("link", name="Saffron Refuge")).to_be_visible()
    expect(results.get_by_role("link", name="Northbridge Helpline")).to_have_count(0)
    assert_accessible(page)

    results.get_by_role("link", name="Saffron Refuge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saffron Refuge")
    expect(page.get_by_role("main")).not_to_contain_text(SECRET_STREET)
    assert_accessible(page)
    save_screenshot(page, "finder-service-en")

    page.get_by_role("link", name="How to browse safely").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Browsing safely")
    assert_accessible(page)
    no_cookies(page)


def test_searching_in_urdu(finder_page, live_server, services, assert_accessible, save_screenshot):
    page = finder_page()
    page.goto("/find/")
    page.get_by_role("link", name="اردو").click()
    page.wait_for_url(f"{live_server.url}/ur/find/")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)
    save_screenshot(page, "finder-ur")

    # "A safe place for me and my children", in Urdu: it finds a refuge described in English.
    page.locator("#id_q").fill("میرے اور میرے بچوں کے لیے محفوظ جگہ")
    page.locator("#id_q").press("Enter")
    page.wait_for_url(re.compile(r"/ur/find/results/\?q="))
    first = page.locator(".app-finder-result h2").first
    expect(first).to_have_text("Saffron Refuge")
    # The native name of a language staff speak is marked with its language.
    expect(page.locator('span[lang="ur"]', has_text="اردو").first).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "finder-results-ur")

    # The language switcher keeps the search.
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/find/results/\?q=%D9%85"))
    expect(page.locator("#id_q")).to_have_value("میرے اور میرے بچوں کے لیے محفوظ جگہ")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    page.goto("/ur/find/browsing-safely/")
    assert_accessible(page)
    page.goto("/ur/find/services/no-such-service/")
    expect(page.locator(".govuk-exit-this-page")).to_be_visible()
    assert_accessible(page)
    no_cookies(page)


@pytest.mark.parametrize("prefix", ["", "/ur"])
def test_the_question_led_path(finder_page, live_server, services, assert_accessible, prefix):
    page = finder_page()
    page.goto(f"{prefix}/find/questions/")
    assert_accessible(page)

    # Continuing without an answer: an error summary that takes focus.
    page.locator("form button.govuk-button").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert_accessible(page)

    page.locator('input[name="need"][value="refuge"]').check()
    page.locator("form button.govuk-button").click()
    page.wait_for_url(re.compile(r"answered=help"))
    assert_accessible(page)

    page.locator('input[name="language"][value="bn"]').check()
    page.locator("form button.govuk-button").click()
    page.wait_for_url(re.compile(r"answered=language"))
    assert_accessible(page)

    page.locator("#id_postcode").fill("b11 1aa")
    page.locator("form button.govuk-button").click()
    page.wait_for_url(
        f"{live_server.url}{prefix}/find/results/?need=refuge&language=bn&postcode=B111AA"
    )
    expect(page.locator('select[name="need"]')).to_have_value("refuge")
    expect(page.locator('select[name="language"]')).to_have_value("bn")
    assert_accessible(page)
    no_cookies(page)


def test_the_finder_fits_a_narrow_screen(
    finder_page, live_server, services, assert_accessible, save_screenshot
):
    page = finder_page(viewport=NARROW)
    refuge, _helpline = services
    for path in [
        "/find/",
        "/find/results/?q=refuge",
        f"/find/services/{refuge.id}/",
        "/find/questions/?answered=help&need=refuge",
        "/find/browsing-safely/",
        "/ur/find/",
        "/ur/find/results/",
        f"/ur/find/services/{refuge.id}/",
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= NARROW["width"], f"{path} is {scroll_width}px wide"
        assert_accessible(page)
        if path == "/find/results/?q=refuge":
            save_screenshot(page, "finder-results-narrow")


def test_the_finder_works_without_javascript(finder_page, live_server, services, assert_accessible):
    page = finder_page(java_script_enabled=False)
    page.goto("/ur/find/")
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))
    assert_accessible(page)
    page.locator("#id_q").fill("helpline")
    page.locator("form[role=search] button, form button.govuk-button").first.click()
    page.wait_for_url(re.compile(r"/ur/find/results/\?q=helpline"))
    expect(
        page.get_by_role("main").get_by_role("link", name="Northbridge Helpline")
    ).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("how", ["button", "shift"])
def test_exit_this_page_leaves_the_site(finder_page, live_server, services, how):
    page = finder_page()
    page.goto("/find/results/?q=refuge")
    # GOV.UK Frontend's scripts have started: Exit this page is ready for Shift.
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    expect(page.locator(".govuk-exit-this-page")).to_be_visible()
    if how == "button":
        page.get_by_role("button", name="Exit this page").click()
    else:
        page.locator("body").click(position={"x": 5, "y": 5})
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
    expect(page).to_have_title("Weather")
