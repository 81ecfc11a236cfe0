#!/usr/bin/env python3
"""Browser suite, second part: the pages are usable with the keyboard alone and readable 390 px wide.

Started by .ci/run like negotiation_flow.py, against its own `tripact serve --demo` on loopback.
1. Keyboard only: the controller's legal user logs in and accepts an item with Tab, Shift-Tab, Enter and Space key
   events alone (ActionChains); every element that takes focus on the way is visibly outlined (:focus-visible).
2. 390 px wide: every page of the agreement (forms, item pages, redline, print preview, administration) has no
   horizontal scrolling: document.documentElement.scrollWidth <= window.innerWidth. Screenshots go to .ci/artifacts/.
On failure it saves a screenshot and the page source next to its log and exits non-zero.
"""
import os
import sys
import tempfile

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from negotiation_flow import ARTIFACTS, REFERENCE, Flow, browser, free_port, start_server  # noqa: E402

BRAND = "jeanne.roux@lumen.example"
ADMIN = "sofia.costa@atlantis.example"


def press(driver, *keys):
    """Sends key events to whatever has focus, as a keyboard would."""
    chain = ActionChains(driver)
    for key in keys:
        chain.send_keys(key)
    chain.perform()


def focused(driver):
    return driver.execute_script(
        "const e = document.activeElement; const s = getComputedStyle(e);"
        "return {tag: e.tagName, id: e.id, href: e.getAttribute('href') || '', label: e.getAttribute('aria-label') || e.textContent.trim().slice(0, 60),"
        " outline: s.outlineStyle + ' ' + s.outlineWidth, shadow: s.boxShadow, visible: e.matches(':focus-visible')};")


def assert_outlined(state):
    outlined = not state["outline"].startswith("none") and not state["outline"].endswith(" 0px")
    shadowed = state["shadow"] not in ("", "none")
    assert state["visible"] and (outlined or shadowed), "focus is not visible on %s %s: outline %s, box-shadow %s" % (
        state["tag"], state["label"] or state["id"], state["outline"], state["shadow"])


def tab_to(driver, matches, limit=400, backwards=False):
    """Presses Tab (or Shift-Tab) until the focused element matches; checks every focused element is outlined."""
    for _ in range(limit):
        if backwards:
            ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        else:
            press(driver, Keys.TAB)
        state = focused(driver)
        if state["tag"] != "BODY":
            assert_outlined(state)
        if matches(state):
            return state
    raise AssertionError("no element matched after %d presses of %s" % (limit, "Shift-Tab" if backwards else "Tab"))


def wait_for_new_document(driver, action):
    driver.execute_script("window.__tripactOldPage = true;")
    action()

    def loaded(d):
        try:
            return d.execute_script("return window.__tripactOldPage !== true && document.readyState === 'complete';")
        except Exception:  # noqa: BLE001 - the browser is between documents
            return False

    WebDriverWait(driver, 20).until(loaded)


def keyboard_pass(driver, flow, credentials):
    driver.delete_all_cookies()
    flow.open("/login")
    tab_to(driver, lambda s: s["id"] == "email")
    press(driver, BRAND)
    tab_to(driver, lambda s: s["id"] == "password")
    press(driver, credentials[BRAND])
    # Back to the e-mail field and forth again: Shift-Tab works too.
    tab_to(driver, lambda s: s["id"] == "email", backwards=True)
    tab_to(driver, lambda s: s["id"] == "password")
    wait_for_new_document(driver, lambda: press(driver, Keys.ENTER))
    assert "Agreements" in driver.title, "keyboard log-in failed: " + driver.title
    tab_to(driver, lambda s: s["tag"] == "A" and s["href"].endswith("/agreements/" + REFERENCE))
    wait_for_new_document(driver, lambda: press(driver, Keys.ENTER))
    state = tab_to(driver, lambda s: s["tag"] == "BUTTON" and s["label"].startswith("Accept ") and "every item" not in s["label"])
    item = state["label"][len("Accept "):]
    wait_for_new_document(driver, lambda: press(driver, Keys.SPACE))
    assert not driver.find_elements(By.CSS_SELECTOR, "button[aria-label='Accept %s']" % item), "the item %s was not accepted" % item
    driver.save_screenshot(os.path.join(ARTIFACTS, "keyboard-after-accept.png"))
    return item


def narrow_pass(driver, flow, credentials):
    driver.set_window_size(390, 900)
    width = driver.execute_script("return window.innerWidth;")
    assert width <= 400, "the window is %d px wide, not about 390" % width
    pages = ["/", "/agreements/" + REFERENCE, "/agreements/%s/compare?from=2&to=3" % REFERENCE, "/agreements/%s/versions/3" % REFERENCE,
             "/agreements/%s/clauses/breach-notification" % REFERENCE, "/agreements/%s/items/party%%3Acontroller" % REFERENCE,
             "/agreements/%s/items/annex2%%3Adelivery-locations" % REFERENCE]
    pages += ["/agreements/%s/%s" % (REFERENCE, slug) for slug in
              ["parties", "annex2", "locations", "measures", "assistance", "subprocessors", "consumer", "terms", "allocation", "draft",
               "word"]]
    failures = []
    flow.log_in(BRAND, credentials[BRAND])
    for path in pages:
        failures += check_width(driver, flow, path)
    # The agreement's contents (some 40 entries) must not push its text two screens down on a phone.
    flow.open("/agreements/" + REFERENCE)
    contents, window = driver.execute_script(
        "return [document.querySelector('.doc-contents ol').getBoundingClientRect().height, window.innerHeight];")
    if contents > 0.5 * window:
        failures.append("/agreements/%s: the contents list is %d px high in a %d px window" % (REFERENCE, contents, window))
    flow.log_in(ADMIN, credentials[ADMIN])
    registers = ["/admin", "/registers/subprocessors", "/registers/subprocessors/new", "/registers/subprocessors/sp-nuvola/change",
                 "/registers/measures", "/public/atlantis/subprocessors", "/approvals", "/approvals/rules", "/playbook", "/account/tokens"]
    for path in registers:
        failures += check_width(driver, flow, path)
    driver.delete_all_cookies()
    failures += check_width(driver, flow, "/login")
    assert not failures, "pages wider than the window at 390 px:\n" + "\n".join(failures)
    return len(pages) + len(registers) + 1


def check_width(driver, flow, path):
    flow.open(path)
    scroll, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
    slug = "".join(c if c.isalnum() else "-" for c in path.strip("/"))[:60] or "dashboard"
    driver.save_screenshot(os.path.join(ARTIFACTS, "narrow-%s.png" % slug))
    if scroll <= inner:
        return []
    culprits = driver.execute_script(
        "return Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''));")
    return ["%s: scrollWidth %d > innerWidth %d (%s)" % (path, scroll, inner, ", ".join(culprits))]


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="tripact-browser-keys-")
    port = free_port()
    server, credentials = start_server(workdir, port)
    driver = browser()
    flow = Flow(driver, "http://127.0.0.1:%d" % port)
    step = "start"
    try:
        step = "keyboard only: log in and accept an item"
        item = keyboard_pass(driver, flow, credentials)
        step = "390 px wide: no page scrolls sideways"
        count = narrow_pass(driver, flow, credentials)
        print("browser suite (keyboard and narrow): accepted %s with the keyboard alone; %d pages fit 390 px" % (item, count))
    except Exception as error:  # noqa: BLE001 - report any failure with a screenshot
        shot = os.path.join(ARTIFACTS, "browser-keys-failure.png")
        driver.save_screenshot(shot)
        with open(os.path.join(ARTIFACTS, "browser-keys-failure.html"), "w") as handle:
            handle.write(driver.page_source)
        print("browser suite FAILED at step: %s\n%s\nscreenshot: %s" % (step, error, shot), file=sys.stderr)
        return 1
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
