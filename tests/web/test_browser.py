"""The console in a real Chromium (Debian's, installed by `make test`), against a real server."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.web.live import ServerProcess, serve_process

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
NOTHING_YET = "\N{EN DASH}"  # what the page shows before the first turn


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


def test_a_routine_in_the_console(server: ServerProcess, browser: WebDriver) -> None:
    browser.get(f"{server.url}/")
    wait = WebDriverWait(browser, 10)
    wait.until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#suggestions button"))
    )
    reply = _say(browser, "start my morning moves")
    assert "toe taps" in reply.lower()
    assert browser.find_element(By.ID, "phase").text not in {"", NOTHING_YET}
    counted = _say(browser, "next")
    assert any(word in counted.lower() for word in ("one", "two", "1", "2")), counted
    assert "pause" in counted  # pauses are shown between the counts
    _say(browser, "next")  # the set is confirmed, so toe taps are done and stored
    # The progress panel refreshes after the reply is shown: wait for it rather than race it.
    WebDriverWait(browser, 10).until(lambda b: "toe taps" in b.find_element(By.ID, "progress").text)
    assert browser.find_element(By.ID, "error").is_displayed() is False


def test_suggestions_and_new_session(server: ServerProcess, browser: WebDriver) -> None:
    browser.get(f"{server.url}/")
    # The page redraws its suggestions as it learns the phase, so a button found a moment ago
    # may be gone: find and click in one go, and try again if it went stale.
    wait = WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,))
    wait.until(lambda b: _click_suggestion(b, "help"))
    wait.until(lambda b: len(_replies(b)) == 1)
    browser.find_element(By.ID, "new-session").click()
    wait.until(lambda b: not _replies(b))
    assert browser.find_element(By.ID, "phase").text == NOTHING_YET
