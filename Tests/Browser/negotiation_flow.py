#!/usr/bin/env python3
"""Browser suite: two legal teams negotiate the demo agreement to signature in real headless Chromium.

Started by .ci/run against a real `tripact serve --demo` on loopback. On failure it saves a screenshot and the page
source next to its log in .ci/artifacts/ and exits non-zero.

Every page the suite loads is also checked as a person would meet it (see PageChecks): axe-core with the WCAG 2.2 AA
rules finds nothing, and the visible text holds no internal key (item keys such as `clause:audits` or
`annex2:purposes`, catalogue keys such as `user.financial.credit_card`). Keys belong in URLs, JSON and the CLI.
"""
import base64
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait
from axe_selenium_python import Axe

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTIFACTS = os.path.join(ROOT, ".ci", "artifacts")
REFERENCE = "lumen-telecom-atlantis-dpa"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workdir, port):
    # TRIPACT_BINARY names another build (e.g. a --scratch-path); the default is `swift build`'s.
    binary = os.environ.get("TRIPACT_BINARY") or os.path.join(ROOT, ".build", "debug", "tripact")
    log = open(os.path.join(workdir, "serve.log"), "w+")
    process = subprocess.Popen(
        [binary, "serve", "--demo", "--port", str(port), "--db", os.path.join(workdir, "tripact.sqlite")],
        stdout=log, stderr=subprocess.STDOUT, cwd=workdir)
    deadline = time.time() + 60
    while time.time() < deadline:
        log.seek(0)
        text = log.read()
        if "tripact serving" in text:
            credentials = dict(re.findall(r"^\s+(\S+@\S+)\s+(\S+)\s+\(", text, re.M))
            return process, credentials
        if process.poll() is not None:
            raise RuntimeError("the server exited:\n" + text)
        time.sleep(0.2)
    raise RuntimeError("the server did not start within 60 s")


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


# The WCAG 2.2 success criteria at levels A and AA, as axe-core tags them.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Keys that must never reach the text a person reads: negotiable items (`clause:breach-notification`,
# `annex2:purposes`, `measure:enc-at-rest`), catalogue entries of the Fides taxonomy (`user.financial.credit_card`,
# `essential.service.operations.support`) and transfer mechanisms (`scc-module-3`).
INTERNAL_KEY = re.compile(
    r"\b(?:(?:clause|annex[1-5]|measure|subprocessor|party|agreement):[a-z0-9][a-z0-9-]*"
    r"|(?:user|essential|functional|analytics|marketing|sales|personalize|third_party_sharing|system|collect)\.[a-z_]+(?:\.[a-z_]+)*"
    r"|scc-module-[1-4]|bcr-(?:processor|controller))\b")


class PageChecks:
    """Runs on every page the suite loads: axe-core with the WCAG 2.2 AA tags, and a scan of the visible text for
    internal keys. Problems are collected with the page's path and reported together at the end."""

    def __init__(self, driver, base):
        self.driver = driver
        self.base = base
        self.pages = 0
        self.problems = []
        self.seen = set()

    def check(self):
        driver = self.driver
        path = driver.current_url.replace(self.base, "") or "/"
        text = driver.execute_script("return document.body ? document.body.innerText : '';")
        for key in sorted(set(INTERNAL_KEY.findall(text))):
            self.problems.append("%s shows the internal key %s" % (path, key))
        # The same page in the same state needs one axe run, not one per visit.
        signature = (path, hash(driver.page_source))
        if signature in self.seen:
            return
        self.seen.add(signature)
        self.pages += 1
        axe = Axe(driver)
        axe.inject()
        # The print preview of the whole agreement takes axe a while on a loaded machine.
        driver.set_script_timeout(180)
        version = driver.execute_script("return axe.version;")
        assert tuple(int(part) for part in version.split(".")[:2]) >= (4, 5), "axe-core %s has no WCAG 2.2 rules" % version
        results = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(done, error => done({error: String(error)}));", WCAG_TAGS)
        if "error" in results:
            self.problems.append("%s: axe-core failed: %s" % (path, results["error"]))
            return
        for violation in results["violations"]:
            targets = ["; ".join(map(str, node["target"])) for node in violation["nodes"][:4]]
            self.problems.append("%s: %s (%s): %s" % (path, violation["id"], violation["help"], " | ".join(targets)))


# Set by main(): every page load in the suite runs the checks.
PAGE_CHECKS = None


def checked(driver):
    if PAGE_CHECKS is not None and PAGE_CHECKS.driver is driver:
        PAGE_CHECKS.check()


def full_screenshot(driver, name, width):
    """The whole page at `width` px, saved to .ci/artifacts/ for a person to look at."""
    size = driver.get_window_size()
    driver.set_window_size(width, 900)
    # The first screen as well, legible without zooming into a very long image.
    driver.save_screenshot(os.path.join(ARTIFACTS, "%s-%d-top.png" % (name, width)))
    height = driver.execute_script("return document.documentElement.scrollHeight;")
    driver.set_window_size(width, min(max(height + 140, 900), 12000))
    driver.save_screenshot(os.path.join(ARTIFACTS, "%s-%d.png" % (name, width)))
    driver.set_window_size(size["width"], size["height"])


def submit_and_wait(driver, button):
    """Clicks a submit button and waits until a new document has loaded, so no check reads the old page.

    The old page is marked with a window property; a new document does not have it. Errors raised while the browser
    is between documents are retried, not failures.
    """
    driver.execute_script("window.__tripactOldPage = true;")
    button.click()

    def loaded(d):
        try:
            return d.execute_script("return window.__tripactOldPage !== true && document.readyState === 'complete';")
        except WebDriverException:
            return False

    WebDriverWait(driver, 20, ignored_exceptions=(WebDriverException,)).until(loaded)
    checked(driver)


class Flow:
    def __init__(self, driver, base):
        self.driver = driver
        self.base = base

    def open(self, path):
        self.driver.get(self.base + path)
        checked(self.driver)

    def log_in(self, email, password):
        self.driver.delete_all_cookies()
        self.open("/login")
        self.driver.find_element(By.ID, "email").send_keys(email)
        self.driver.find_element(By.ID, "password").send_keys(password)
        submit_and_wait(self.driver, self.driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button"))
        assert "Agreements" in self.driver.title, "log-in failed: " + self.driver.title

    def status(self):
        self.open("/agreements/" + REFERENCE)
        return self.driver.find_element(By.ID, "status").text

    def change_clause(self, clause, message, variant=None, parameters=None):
        self.open("/agreements/%s/clauses/%s" % (REFERENCE, clause))
        if variant:
            Select(self.driver.find_element(By.ID, "variant")).select_by_value(variant)
        for name, value in (parameters or {}).items():
            field = self.driver.find_element(By.ID, "parameter-" + name)
            field.clear()
            field.send_keys(value)
        self.driver.find_element(By.ID, "message").send_keys(message)
        submit_and_wait(self.driver, self.driver.find_element(By.XPATH, "//button[starts-with(., 'Propose version')]"))
        assert self.driver.current_url.endswith("/agreements/" + REFERENCE), "proposal refused: " + self.driver.page_source[:2000]

    def comment(self, clause, text, internal=False):
        self.open("/agreements/%s/clauses/%s" % (REFERENCE, clause))
        self.driver.find_element(By.ID, "comment").send_keys(text)
        if internal:
            self.driver.find_element(By.NAME, "internal").click()
        submit_and_wait(self.driver, self.driver.find_element(By.XPATH, "//button[.='Comment']"))
        assert text in self.driver.page_source

    def accept_all_except(self, key):
        """Checks one item, reviews "everything except the checked items" and confirms; returns the review's list."""
        self.open("/agreements/" + REFERENCE)
        self.driver.find_element(By.CSS_SELECTOR, "input[form='select-items'][value='%s']" % key).click()
        submit_and_wait(self.driver, self.driver.find_element(By.XPATH, "//button[@value='except']"))
        listed = self.driver.find_element(By.ID, "to-accept").text
        left = self.driver.find_element(By.ID, "left-open").text
        submit_and_wait(self.driver, self.driver.find_element(By.XPATH, "//button[starts-with(., 'Accept these')]"))
        return listed, left

    def accept_all(self):
        self.open("/agreements/" + REFERENCE)
        submit_and_wait(self.driver, self.driver.find_element(By.XPATH, "//button[starts-with(., 'Accept every item')]"))

    def sign(self):
        """The agreement page's button opens the confirmation page (version, hash, parties); its form signs."""
        self.open("/agreements/" + REFERENCE)
        submit_and_wait(self.driver, self.driver.find_element(By.XPATH, "//button[starts-with(., 'Sign version')]"))
        assert "/sign?version=" in self.driver.current_url, "signing skipped its confirmation: " + self.driver.current_url
        page = self.driver.page_source
        assert "What signing means" in page and "sha256" in page, "the confirmation does not say what is signed"
        submit_and_wait(self.driver, self.driver.find_element(By.XPATH, "//form[@method='post']//button[starts-with(., 'Sign version')]"))
        assert self.driver.current_url.endswith("/agreements/" + REFERENCE), "signing was refused: " + self.driver.page_source[:1500]


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="tripact-browser-")
    port = free_port()
    server, credentials = start_server(workdir, port)
    driver = browser()
    flow = Flow(driver, "http://127.0.0.1:%d" % port)
    global PAGE_CHECKS
    PAGE_CHECKS = PageChecks(driver, flow.base)
    step = "start"
    try:
        brand = "jeanne.roux@lumen.example"
        bpo = "paul.martin@atlantis.example"

        step = "the processor's legal user creates an agreement, fills Annex II and proposes"
        flow.log_in(bpo, credentials[bpo])
        submit_and_wait(driver, driver.find_element(By.LINK_TEXT, "Start a new agreement"))
        driver.find_element(By.ID, "title").send_keys("DPA for the Lumen chat pilot")
        driver.find_element(By.ID, "reference").send_keys("lumen-chat-pilot")
        driver.find_element(By.ID, "mainAgreement").send_keys("Chat pilot order of 1 December 2026")
        Select(driver.find_element(By.ID, "counterpart")).select_by_value("Lumen Télécom SA")
        driver.find_element(By.ID, "side-processor").click()
        submit_and_wait(driver, driver.find_element(By.XPATH, "//button[.='Create the first draft']"))
        assert re.search(r"/agreements/lumen-chat-pilot-[a-z2-9]{5}$", driver.current_url), "the agreement was not created"
        pilot_url = driver.current_url
        submit_and_wait(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Edit Annex II"))
        driver.find_element(By.ID, "subjectMatter").send_keys("Answering Lumen customers by web chat during the pilot")
        driver.find_element(By.ID, "duration").send_keys("Three months from the start of the pilot")
        driver.find_element(By.ID, "retention").send_keys("Chat transcripts are deleted 90 days after the conversation")
        for checkbox in ["channels-chat", "dataSubjects-customer", "dataCategories-user.name", "dataCategories-user.content.chat_transcript",
                         "purposes-essential.service.operations.support"]:
            driver.find_element(By.ID, checkbox).click()
        driver.find_element(By.ID, "message").send_keys("Annex II for the chat pilot")
        submit_and_wait(driver, driver.find_element(By.XPATH, "//button[starts-with(., 'Propose version')]"))
        assert driver.current_url == pilot_url, "Annex II was refused: " + driver.page_source[:1500]
        assert "head version 2" in driver.page_source

        step = "the controller's legal user changes the breach hours and the subprocessor authorisation, comments"
        flow.log_in(brand, credentials[brand])
        flow.change_clause("breach-notification", "We need 24 hours", variant="controller", parameters={"hours": "24"})
        flow.change_clause("subprocessors", "Specific authorisation for each subprocessor", variant="specific")
        flow.comment("audits", "One on-site audit a year is fine if the ISO report is current.")
        flow.comment("audits", "Internal: our DPO would settle for the ISO report alone.", internal=True)
        assert "only your organisation sees this comment" in driver.page_source, "the internal comment is not marked"
        assert flow.status() == "draft"

        step = "the processor sees the redline and accepts"
        flow.log_in(bpo, credentials[bpo])
        flow.open("/agreements/" + REFERENCE)
        Select(driver.find_element(By.ID, "from")).select_by_value("3")
        Select(driver.find_element(By.ID, "to")).select_by_value("5")
        submit_and_wait(driver, driver.find_element(By.XPATH, "//button[.='Show the redline']"))
        text = driver.find_element(By.TAG_NAME, "main").text
        assert "Deadline for the Processor's breach notice" in text and "36 hours → 24 hours" in text, "the redline lacks the hours change"
        assert ("Wording: General authorisation from an agreed list" in text and "→ Prior specific authorisation of each Subprocessor" in text), \
            "the redline lacks the variant change in words"
        assert driver.find_elements(By.CSS_SELECTOR, "ins"), "no insertion marked"
        assert len(driver.find_elements(By.TAG_NAME, "h1")) == 1, "the redline has more than one h1"
        full_screenshot(driver, "compare-changes", 1280)
        full_screenshot(driver, "compare-changes", 390)
        step = "the processor reads the whole document with the changes marked, and steps from change to change"
        submit_and_wait(driver, driver.find_element(By.LINK_TEXT, "The whole document with changes marked"))
        assert "view=document" in driver.current_url
        driver.find_element(By.LINK_TEXT, "Go to the first change").click()
        assert driver.current_url.endswith("#change-1"), driver.current_url
        first = driver.find_element(By.ID, "change-1")
        first.find_element(By.LINK_TEXT, "Next change").click()
        assert driver.current_url.endswith("#change-2"), "next change did not lead to the second change"
        assert driver.find_elements(By.CSS_SELECTOR, "del"), "no deletion marked in the whole document"
        full_screenshot(driver, "compare-document", 1280)
        full_screenshot(driver, "compare-document", 390)
        flow.open("/agreements/" + REFERENCE)
        full_screenshot(driver, "agreement", 1280)
        full_screenshot(driver, "agreement", 390)
        flow.open("/agreements/%s/clauses/audits" % REFERENCE)
        assert "One on-site audit a year" in driver.page_source, "the shared comment did not reach the processor"
        assert "our DPO would settle" not in driver.page_source, "the processor reads the controller's internal comment"

        step = "the processor accepts everything except the breach clause, reviewed in words, then the rest"
        listed, left = flow.accept_all_except("clause:breach-notification")
        assert "Subprocessors" in listed and "clause:" not in listed, "the review lists keys, not words: " + listed
        assert "Personal Data Breaches" in left, "the review does not say what stays open: " + left
        assert flow.status() == "draft"
        flow.accept_all()

        step = "the controller accepts what it had not yet accepted; both sign"
        flow.log_in(brand, credentials[brand])
        flow.accept_all()
        assert flow.status() == "agreed", "not agreed after both accepted"
        flow.sign()
        flow.log_in(bpo, credentials[bpo])
        flow.sign()
        assert flow.status() == "signed"

        step = "the export prints to PDF with page numbers"
        flow.open("/agreements/%s/versions/5" % REFERENCE)
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})
        path = os.path.join(workdir, "signed.pdf")
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(pdf["data"]))
        text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
        pages = [page for page in text.split("\f") if page.strip()]
        assert "Page 1 of %d" % len(pages) in text, "no page numbering in the PDF"
        assert "SIGNED" in text and "DRAFT" not in text, "the signed export still says draft"
        assert "Annex V" in text
        step = "every page visited passes axe-core's WCAG 2.2 AA rules and shows no internal key"
        assert not PAGE_CHECKS.problems, "%d problems on the pages visited:\n%s" % (len(PAGE_CHECKS.problems), "\n".join(PAGE_CHECKS.problems))
        print("browser suite: the negotiation went to signature and the export printed %d pages; axe-core (WCAG 2.2 AA) "
              "and the key scan passed on %d pages" % (len(pages), PAGE_CHECKS.pages))
    except Exception as error:  # noqa: BLE001 - report any failure with a screenshot
        shot = os.path.join(ARTIFACTS, "browser-failure.png")
        driver.save_screenshot(shot)
        with open(os.path.join(ARTIFACTS, "browser-failure.html"), "w") as handle:
            handle.write(driver.page_source)
        print("browser suite FAILED at step: %s\n%s\nscreenshot: %s" % (step, error, shot), file=sys.stderr)
        with open(os.path.join(workdir, "serve.log")) as log:
            print(log.read()[-3000:], file=sys.stderr)
        return 1
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
