"""The console in a real Chromium (Debian's, installed by `make test`), against a real server."""

from __future__ import annotations

import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.voice.golden import render
from tests.web.live import ServerProcess, serve_process

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
NOTHING_YET = "\N{EN DASH}"  # what the page shows before the first turn
GOLDEN_CLOCK = "2026-11-25T07:00"  # tests/voice/golden's FIXED_NOW, as the clock control takes it
WIDTHS = (360, 768, 1280)
MAX_TURNS = 30  # a whole routine, whatever the number of replies per move


@pytest.fixture(scope="module")
def server() -> Iterator[ServerProcess]:
    with serve_process("--no-verify") as running:
        yield running


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.fail("chromium and chromedriver are missing: `make test` installs them")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def _replies(browser: WebDriver) -> list[str]:
    # Read in one script call: the page may replace the transcript between two WebDriver calls.
    texts: list[str] = browser.execute_script(
        "return [...document.querySelectorAll('[data-testid=reply]')].map(e => e.innerText)"
    )
    return texts


def _click_suggestion(browser: WebDriver, text: str) -> bool:
    for button in browser.find_elements(By.CSS_SELECTOR, "#suggestions button"):
        if button.text == text:
            button.click()
            return True
    return False


def _say(browser: WebDriver, text: str) -> str:
    """Type like a user, press Enter, wait for the new reply and return its text."""
    before = len(_replies(browser))
    box = browser.find_element(By.ID, "utterance")
    box.send_keys(text, Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: len(_replies(b)) > before)
    return _replies(browser)[-1]


def _open(browser: WebDriver, server: ServerProcess, **settings: str) -> None:
    """Load the page, wait for its first session, then start one with `settings` if any."""
    browser.get(f"{server.url}/")
    wait = WebDriverWait(browser, 10)
    wait.until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#suggestions button"))
    )
    browser.execute_script("document.getElementById('speak').checked = false")
    if settings:
        old = browser.find_element(By.ID, "export").get_attribute("href")
        browser.execute_script(
            "for (const [id, value] of Object.entries(arguments[0]))"
            " document.getElementById(id).value = value;",
            settings,
        )
        browser.find_element(By.ID, "new-session").click()
        wait.until(lambda b: b.find_element(By.ID, "export").get_attribute("href") != old)


def _phase(browser: WebDriver) -> str:
    return str(browser.find_element(By.ID, "phase").text)


def _details(browser: WebDriver, testid: str) -> str:
    """The text of the last reply's block `testid` (a JSON block or table), opened first."""
    text: str = browser.execute_script(
        "const replies = document.querySelectorAll('[data-testid=reply]');"
        "const last = replies[replies.length - 1];"
        "for (const d of last.querySelectorAll('details')) d.open = true;"
        "return last.querySelector(`[data-testid=${arguments[0]}]`).innerText",
        testid,
    )
    return text


def test_a_whole_routine_exported_and_replayed(server: ServerProcess, browser: WebDriver) -> None:
    """A new user at the golden clock does the whole routine; the page shows each turn in full,
    and its export replays as a golden transcript, turn for turn."""
    _open(browser, server, user="new", clock=GOLDEN_CLOCK, device="speaker", locale="en-US")
    reply = _say(browser, "Alexa, ask morning moves to start my morning moves")
    assert "toe taps" in reply.lower()
    announce = browser.find_element(By.ID, "announce")  # read out by screen readers
    assert announce.get_attribute("aria-live") == "polite"
    assert "toe taps" in str(announce.get_attribute("textContent")).lower()
    assert "StartRoutineIntent" in _details(browser, "intent")
    assert '"phase": "ready"' in _details(browser, "session-attributes")
    assert '"timestamp": "2026-11-25T07:00:00Z"' in _details(browser, "request-json")
    assert '"outputSpeech"' in _details(browser, "response-json")
    suggested = browser.find_element(By.ID, "suggestions").text
    assert "open morning moves" not in suggested  # mid-workout, the table's row for the phase
    _say(browser, "next")
    assert "reps" in browser.find_element(By.CSS_SELECTOR, "[data-testid=timeline]").text
    said = browser.find_elements(By.CSS_SELECTOR, "[data-testid=reply] > .said")[-1].text
    assert "s ·" not in said  # the count is drawn on the timeline, not written out in pauses
    browser.find_element(By.CSS_SELECTOR, "[data-testid=timeline] button").click()
    WebDriverWait(browser, 5).until(
        lambda b: b.find_element(By.CSS_SELECTOR, ".timeline .cursor").is_displayed()
    )
    browser.find_element(By.ID, "utterance").send_keys(Keys.ESCAPE)  # stops playing
    for _ in range(MAX_TURNS):
        if _phase(browser) == "feedback":
            break
        _say(browser, "next")
    assert _phase(browser) == "feedback"
    _say(browser, "that was about right")
    moves = browser.find_element(By.CSS_SELECTOR, "[data-testid=moves]").text
    assert moves.index("Toe taps") < moves.index("Squats") < moves.index("Reverse lunge")
    assert "Streak\n1 day" in browser.find_element(By.ID, "progress").text
    assert '"days"' in _details(browser, "stored-record")
    assert browser.find_element(By.ID, "error").is_displayed() is False

    export = str(browser.find_element(By.ID, "export").get_attribute("href"))
    with urllib.request.urlopen(export) as got:  # the test server's own URL
        exported = got.read().decode("utf-8")
    assert exported.count("user: ") >= 10
    assert render(exported, locale="en-US") == exported


def _choose(browser: WebDriver, control: str, value: str) -> None:
    """Pick an option as a user would; the page starts a new session with it."""
    old = browser.find_element(By.ID, "export").get_attribute("href")
    Select(browser.find_element(By.ID, control)).select_by_value(value)
    WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.ID, "export").get_attribute("href") != old
    )


def test_device_and_locale_switch(server: ServerProcess, browser: WebDriver) -> None:
    _open(browser, server)
    _choose(browser, "device", "echo-show")
    _choose(browser, "locale", "en-GB")
    assert browser.execute_script("return document.documentElement.lang") == "en-GB"
    _say(browser, "start my morning moves")
    preview = browser.find_element(By.CSS_SELECTOR, "[data-testid=screen-preview]")
    assert "Toe taps" in preview.text
    assert "preview" in browser.find_element(By.ID, "screen").text.lower()
    request = _details(browser, "request-json")
    assert '"locale": "en-GB"' in request
    assert "Alexa.Presentation.APL" in request
    _choose(browser, "device", "speaker")
    _choose(browser, "locale", "en-IN")
    _say(browser, "start my morning moves")
    assert not browser.find_elements(By.CSS_SELECTOR, "[data-testid=screen-preview]")
    request = _details(browser, "request-json")
    assert '"locale": "en-IN"' in request
    assert "Alexa.Presentation.APL" not in request


def test_suggestions_follow_the_phase_and_new_session(
    server: ServerProcess, browser: WebDriver
) -> None:
    _open(browser, server)
    # The page redraws its suggestions as it learns the phase, so a button found a moment ago
    # may be gone: find and click in one go, and try again if it went stale.
    wait = WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,))
    wait.until(lambda b: _click_suggestion(b, "open morning moves"))
    wait.until(lambda b: len(_replies(b)) == 1)
    assert "open morning moves" not in browser.find_element(By.ID, "suggestions").text
    wait.until(lambda b: _click_suggestion(b, "help"))
    wait.until(lambda b: len(_replies(b)) == 2)
    # By keyboard: Tab from the text box reaches the suggestions, Enter says one.
    browser.find_element(By.ID, "utterance").click()
    for _ in range(4):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.switch_to.active_element.find_elements(By.XPATH, "parent::*[@id='suggestions']"):
            break
    focused = browser.switch_to.active_element
    assert focused.find_elements(By.XPATH, "parent::*[@id='suggestions']"), "Tab never got there"
    focused.send_keys(Keys.ENTER)
    wait.until(lambda b: len(_replies(b)) == 3)
    browser.find_element(By.ID, "new-session").click()
    wait.until(lambda b: not _replies(b))
    assert browser.find_element(By.ID, "phase").text == NOTHING_YET


@pytest.mark.parametrize("width", WIDTHS)
def test_no_sideways_scrolling(
    server: ServerProcess, browser: WebDriver, width: int, tmp_path: Path
) -> None:
    """At phone, tablet and desktop widths, with a counted set and an Echo Show screen shown."""
    browser.set_window_size(width, 900)
    try:
        _open(browser, server, device="echo-show")
        _say(browser, "start my morning moves")
        _say(browser, "next")
        browser.save_screenshot(str(tmp_path / f"console-{width}.png"))
        scroll, inner = browser.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll <= inner, f"{scroll} px of content in a {inner} px window"
        broken = browser.execute_script(
            "return [...document.querySelectorAll('#progress time')]"
            ".filter(t => t.getClientRects().length > 1).map(t => t.textContent)"
        )
        assert not broken, f"dates broken over two lines: {broken}"
    finally:
        browser.set_window_size(1280, 900)
