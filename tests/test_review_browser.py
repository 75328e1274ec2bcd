"""The review form as a reviewer uses it: Chromium driven by Selenium (chromedriver) against a real
``serve --review`` on loopback — refused before signing in, signed in through the login form, a valid
decision saved, each wrong input answered in Russian and nothing wrong stored; screenshots kept."""

from __future__ import annotations

import os
import shutil

import pytest

from mapper.review import NO_ACTIVITY, NO_CODE, NO_SECTOR, NOT_IN_DOCUMENT, ReviewStore

from .test_datasette import ARTIFACTS, chromium, cyrillic_share, start_server, stop
from .test_review import PASSWORD, REVIEWER, rebuild, mapping, with_reviewer, workspace  # noqa: F401 (fixture)

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

GOOD = {"activity": "Добыча сырой нефти", "sector": "НЕФТЕГАЗОВАЯ ПРОМЫШЛЕННОСТЬ", "code": "06.10",
        "note": "<b>проверено</b> по уставу"}
#: a wrong field, and what the reviewer is told
WRONG = [
    ({"code": "99.99.9"}, NO_CODE),
    ({"code": "нефть"}, NO_CODE),
    ({"activity": "   "}, NO_ACTIVITY),
    ({"sector": ""}, NO_SECTOR),  # «— отрасль —», the list's empty choice
    ({"activity": "Добыча сырой нефти и газа"}, NOT_IN_DOCUMENT),
    ({"sector": "ХИМИЧЕСКАЯ ПРОМЫШЛЕННОСТЬ"}, NOT_IN_DOCUMENT),
]


def chromedriver() -> str:
    path = shutil.which("chromedriver")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromedriver is not installed; .ci/run installs the Debian package chromium-driver")
        pytest.skip("chromedriver is not installed here")
    return path


@pytest.fixture
def browser(tmp_path):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'chromium'}", "--window-size=1200,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(chromedriver()), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def page_text(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def press(driver, element) -> None:
    """Click ``element`` and wait for the page it leads to: until the element is gone from the page."""
    element.click()
    WebDriverWait(driver, 10).until(lambda _: _gone(element))


def _gone(element) -> bool:
    """Whether ``element`` left the page. Chromium says so with a stale reference or, when the page is
    replaced while it looks, with «Node with given id does not belong to the document»."""
    try:
        element.is_enabled()
    except WebDriverException:  # StaleElementReferenceException is one
        return True
    return False


def fill(driver, base: str, fields: dict) -> str:
    """Open «Исправить код», fill its fields as a person does (the sector from its list), press the
    button; the text of the page the reviewer then sees."""
    driver.get(f"{base}/reviews/fix_code")
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, 'select[name="sector"]'))
    for name in ("activity", "code", "note"):
        box = driver.find_element(By.NAME, name)
        box.clear()
        box.send_keys(fields[name])
    Select(driver.find_element(By.NAME, "sector")).select_by_value(fields["sector"])
    button = driver.find_element(By.CSS_SELECTOR, 'form.sql input[type="submit"]')
    assert button.get_attribute("value") == "Сохранить решение"
    press(driver, button)
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".message-info, .message-error"))
    return page_text(driver)


def test_a_reviewer_signs_in_and_fixes_a_code_in_the_browser(workspace, tmp_path, browser):  # noqa: F811
    document, db, reviews = workspace
    with_reviewer()
    process, base = start_server(["--db", str(db), "--review", "--reviews", str(reviews)], tmp_path)
    try:
        browser.get(f"{base}/reviews/fix_code")  # not signed in: refused in Russian, with the way in
        text = page_text(browser)
        assert "Доступ закрыт" in text and "только вошедшим экспертам" in text and "Forbidden" not in text
        press(browser, browser.find_element(By.LINK_TEXT, "Войдите"))

        browser.find_element(By.NAME, "username").send_keys(REVIEWER)
        browser.find_element(By.NAME, "password").send_keys("не тот пароль")
        press(browser, browser.find_element(By.CSS_SELECTOR, 'form.core input[type="submit"]'))
        assert "Неверное имя или пароль" in page_text(browser)
        browser.find_element(By.NAME, "username").send_keys(REVIEWER)
        browser.find_element(By.NAME, "password").send_keys(PASSWORD)
        press(browser, browser.find_element(By.CSS_SELECTOR, 'form.core input[type="submit"]'))
        assert REVIEWER in page_text(browser)  # the name in the site's header

        browser.get(f"{base}/reviews/fix_code")
        text = page_text(browser)
        assert "Исправить код" in text and "insert into" not in text  # the form, the SQL behind a link
        assert cyrillic_share(text) >= 0.9, text
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(ARTIFACTS / "review-form.png"))

        for wrong, said in WRONG:
            fields = {**GOOD, **wrong}
            text = fill(browser, base, fields)
            assert said in text and "user-defined function" not in text, (wrong, text)
            WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, 'select[name="sector"]'))
            kept = {name: browser.find_element(By.NAME, name).get_attribute("value") for name in fields}
            assert kept == fields, "the refused decision's fields are kept as typed, to be corrected"
        browser.save_screenshot(str(ARTIFACTS / "review-form-refused.png"))
        assert ReviewStore(reviews).all() == []  # nothing wrong was stored

        text = fill(browser, base, GOOD)
        assert "Сохранено" in text, text
        [stored] = ReviewStore(reviews).all()
        assert (stored.text, stored.sector, stored.code, stored.reviewer, stored.note) == (
            GOOD["activity"], GOOD["sector"], "06.10", REVIEWER, GOOD["note"])
        browser.get(f"{base}/reviews/reviews")  # the comment is shown as text, not as markup
        assert GOOD["note"] in page_text(browser)
        assert not browser.find_elements(By.CSS_SELECTOR, "td b")
    finally:
        stop(process)
    rebuild(document, db, reviews)
    row = mapping(db, text=GOOD["activity"])[0]
    assert (row["code"], row["status"]) == ("06.10", "manual")
