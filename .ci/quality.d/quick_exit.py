#!/usr/bin/env python3
"""Quick-exit gate: the "leave this site quickly" link of every page, in headless Chromium
(issue 18), over HTTP and from files (the --portable build), with JavaScript on and off.

    quick_exit.py --bin path/to/bamaso --root PROJECT

The project's content and theme are copied into a temporary folder, with site.yml's
`quick_exit` targets replaced by neutral pages of a local server (the real targets are on
the internet, which the browser here may not reach; that replacement is the only change).
The copy is built twice by the real binary: for a server (served under /bamaso/ by a small
local HTTP server) and --portable (opened as file://). Then, at a 360 px wide phone
viewport:

  - script      the only <script src> on every page is the quick exit's, at most 1.5 KB
                gzipped; no page requests anything from another origin
  - visible     on every page, the link is inside the viewport without scrolling, and still
                after scrolling to the bottom (which must move a long page); the element
                at its centre is the link: nothing covers it
  - tab order   Tab from the top of the page: the skip link, then the quick exit
  - leave       clicking it replaces the page with the language's target; Back then shows
                the page before the site, not the site; likewise Shift pressed three times;
                over HTTP, the page was blanked within 200 ms, while the target was loading
  - no script   with JavaScript disabled, the link is still first after the skip link,
                on screen, and clicking it reaches the target

Prints each problem, then one result line ("PASS quick-exit: ..." or "FAIL quick-exit:
..."); exit 1 on any problem.
"""
import argparse
import functools
import gzip
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

PHONE = {"width": 360, "height": 640, "deviceScaleFactor": 2, "mobile": True}
SCRIPT_BUDGET = 1536  # bytes, gzipped
TARGET_DELAY = 1.5    # seconds the neutral target takes to load, to see the page blanked first

# Where the quick exit sits, and what is drawn at its centre.
PLACE = """
const link = document.querySelector('a.quick-exit');
if (!link) return null;
const r = link.getBoundingClientRect();
const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
        width: innerWidth, height: innerHeight, scrollY: scrollY,
        scrollable: document.documentElement.scrollHeight - innerHeight,
        covered: !(top && (top === link || link.contains(top))),
        coveredBy: top ? top.outerHTML.slice(0, 80) : null};
"""


# Records, for the neutral page of the same origin to read, when the visitor asked to leave
# (a click on the link, or the last Shift) and when the page's body was emptied.
WATCH = """
const seen = {action: null, blank: null};
addEventListener('click', e => {
  if (e.target.closest && e.target.closest('a.quick-exit')) seen.action = performance.now();
}, true);
addEventListener('keydown', e => { if (e.key === 'Shift') seen.action = performance.now(); }, true);
new MutationObserver(() => {
  if (seen.blank === null && document.body.childNodes.length === 0) seen.blank = performance.now();
}).observe(document.body, {childList: true});
addEventListener('pagehide', () => sessionStorage.setItem('quickExit', JSON.stringify(Object.assign(seen, {
  visibility: document.documentElement.style.visibility, length: document.body.innerHTML.length}))));
"""


class Server(http.server.SimpleHTTPRequestHandler):
    """The site under /bamaso/ and the neutral pages under /neutral/ (the target slowly)."""

    def do_GET(self):
        path = urllib.parse.urlparse(self.path).path
        if path.startswith("/neutral/"):
            if path.endswith("-target.html"):
                time.sleep(TARGET_DELAY)
            body = f"<!doctype html><title>neutral</title><p id=neutral>{path}</p>".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args):
        pass


def start_server(folder):
    handler = functools.partial(Server, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def local_targets(site_yml, origin):
    """site.yml with each `quick_exit` target replaced by origin/neutral/LANG-target.html;
    the languages it names."""
    lines, out, languages, inside = site_yml.splitlines(keepends=True), [], [], False
    for line in lines:
        flow = re.match(r"quick_exit:\s*\{(.*)\}\s*$", line)
        if flow:
            pairs = re.findall(r"([a-z]+):\s*\"?([^,\"}]+)\"?", flow.group(1))
            languages = [language for language, _ in pairs]
            line = "quick_exit: { " + ", ".join(
                f'{language}: "{origin}/neutral/{language}-target.html"' for language in languages) + " }\n"
        elif re.match(r"quick_exit:\s*$", line):
            inside = True
        elif inside and re.match(r"\s+([a-z]+):", line):
            language = re.match(r"\s+([a-z]+):", line).group(1)
            languages.append(language)
            line = f'  {language}: "{origin}/neutral/{language}-target.html"\n'
        else:
            inside = inside and line.startswith((" ", "#"))
        out.append(line)
    return "".join(out), languages


def browser(javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--no-proxy-server",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--allow-file-access-from-files"):
        options.add_argument(flag)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    return driver


def pages(site):
    found = []
    for folder, _, names in os.walk(site):
        for name in names:
            if name.endswith(".html"):
                found.append(os.path.relpath(os.path.join(folder, name), site).replace(os.sep, "/"))
    return sorted(found)


class Gate:
    def __init__(self):
        self.problems = []
        self.checks = 0

    def check(self, ok, where, what):
        self.checks += 1
        if not ok:
            self.problems.append(f"{where}: {what}")
            print(f"{where}: {what}")
        return ok


def language_of(driver):
    return driver.execute_script("return document.documentElement.lang")


def check_place(gate, driver, where):
    """The link inside the viewport and uncovered, at the top and at the bottom of the page."""
    at_top = driver.execute_script(PLACE)
    if not gate.check(at_top is not None, where, "no a.quick-exit"):
        return
    for moment, place in (("without scrolling", at_top), ("at the bottom", None)):
        if place is None:
            driver.execute_script("window.scrollTo(0, document.documentElement.scrollHeight)")
            place = driver.execute_script(PLACE)
            if at_top["scrollable"] > place["height"]:  # a long page must really have moved
                gate.check(place["scrollY"] > 0, where, "scrolling to the bottom did not move the page")
        inside = (place["top"] >= 0 and place["left"] >= 0 and place["bottom"] <= place["height"]
                  and place["right"] <= place["width"])
        gate.check(inside, where, f"the quick exit is not on screen {moment}: {place}")
        gate.check(not place["covered"], where, f"the quick exit is covered {moment} by {place['coveredBy']}")


def check_tab_order(gate, driver, where):
    driver.find_element(By.TAG_NAME, "body")
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    order = []
    for _ in range(2):
        webdriver.ActionChains(driver).send_keys(Keys.TAB).perform()
        order.append(driver.execute_script(
            "const e = document.activeElement; return e ? (e.className || e.tagName) : null"))
    gate.check(order == ["skip-link", "quick-exit"], where,
               f"Tab goes to {order}, not the skip link then the quick exit")


def wait_for(driver, condition, seconds=10):
    try:
        WebDriverWait(driver, seconds, poll_frequency=0.05).until(lambda d: condition(d))
        return True
    except Exception:
        return False


def check_leave(gate, driver, origin, page_url, how, where):
    """From a page before the site, open the site's page, leave by `how`; Back must not show it."""
    before = f"{origin}/neutral/before.html"
    driver.get(before)
    driver.get(page_url)
    language = language_of(driver)
    target = f"{origin}/neutral/{language}-target.html"
    same_origin = page_url.startswith(origin)
    if same_origin:
        driver.execute_script(WATCH)
    if how == "click":
        driver.execute_script("setTimeout(() => document.querySelector('a.quick-exit').click(), 0)")
    else:
        for press in range(3):
            if press == 2:  # two presses are not enough
                time.sleep(0.3)
                gate.check(driver.current_url == page_url, where, "Shift pressed twice left the page")
            for kind in ("rawKeyDown", "keyUp"):
                driver.execute_cdp_cmd("Input.dispatchKeyEvent", {
                    "type": kind, "key": "Shift", "code": "ShiftLeft", "windowsVirtualKeyCode": 16})
    reached = wait_for(driver, lambda d: d.current_url == target, TARGET_DELAY + 10)
    if not gate.check(reached, where, f"{how}: did not reach {target} (at {driver.current_url})"):
        return
    if same_origin:
        # What the page looked like while the target (TARGET_DELAY away) was loading.
        seen = driver.execute_script("const v = sessionStorage.getItem('quickExit');"
                                     " sessionStorage.removeItem('quickExit'); return JSON.parse(v)")
        blank = bool(seen) and seen["visibility"] == "hidden" and seen["length"] == 0 \
            and seen["blank"] is not None and seen["action"] is not None and seen["blank"] - seen["action"] < 200
        gate.check(blank, where, f"{how}: the page was not blanked at once before leaving: {seen}")
    driver.back()
    wait_for(driver, lambda d: d.current_url != target)
    gate.check(driver.current_url == before, where,
               f"{how}: Back after leaving shows {driver.current_url}, not the page before the site")


def check_without_javascript(gate, origin, page_urls):
    driver = browser(javascript=False)
    try:
        for where, url in page_urls:
            driver.get(url)
            check_tab_order(gate, driver, where + " (JavaScript off)")
            check_place(gate, driver, where + " (JavaScript off)")
            driver.execute_script("window.scrollTo(0, 0)")
            language = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
            target = f"{origin}/neutral/{language}-target.html"
            driver.find_element(By.CSS_SELECTOR, "a.quick-exit").click()
            reached = wait_for(driver, lambda d: d.current_url == target, TARGET_DELAY + 10)
            gate.check(reached, where + " (JavaScript off)", f"the plain link did not reach {target}")
            # Without the script the link is an ordinary one: Back returns to the page (which
            # the safety page says), and shows that the script really did not run.
            driver.back()
            gate.check(wait_for(driver, lambda d: d.current_url == url), where + " (JavaScript off)",
                       f"Back did not return to the page, so the script ran: at {driver.current_url}")
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True, help="the bamaso binary")
    parser.add_argument("--root", default=".", help="the project")
    args = parser.parse_args()
    gate = Gate()
    work = tempfile.mkdtemp(prefix="bamaso-quick-exit.")
    served = os.path.join(work, "served")
    os.makedirs(served)
    server, origin = start_server(served)
    try:
        project = os.path.join(work, "project")
        for folder in ("content", "templates"):
            shutil.copytree(os.path.join(args.root, folder), os.path.join(project, folder))
        site_yml = os.path.join(project, "content", "site.yml")
        text, languages = local_targets(open(site_yml, encoding="utf-8").read(), origin)
        if not gate.check(len(languages) >= 2, "content/site.yml", f"quick_exit names {languages}"):
            raise SystemExit(1)
        open(site_yml, "w", encoding="utf-8").write(text)
        http_site = os.path.join(served, "bamaso")
        usb_site = os.path.join(work, "usb")
        for output, extra in ((http_site, ["--base-url", "https://example.org/bamaso/"]), (usb_site, ["--portable"])):
            build = subprocess.run([args.bin, "build", "--root", project, "--output", output] + extra,
                                   capture_output=True, text=True)
            if build.returncode != 0:
                print(build.stdout + build.stderr)
                print("FAIL quick-exit: bamaso build failed")
                return 1

        # The one script: small, and the only one.
        scripts = [name for name in os.listdir(http_site) if name.endswith(".js")]
        gate.check(len(scripts) == 1 and scripts[0].startswith("quick-exit."), "the site", f"scripts {scripts}")
        for name in scripts:
            size = len(gzip.compress(open(os.path.join(http_site, name), "rb").read(), 9))
            gate.check(size <= SCRIPT_BUDGET, name, f"{size} bytes gzipped, more than {SCRIPT_BUDGET}")
            print(f"{name}: {size} bytes gzipped")

        modes = [("http", http_site, lambda rel: f"{origin}/bamaso/{rel}"),
                 ("file", usb_site, lambda rel: "file://" + os.path.abspath(os.path.join(usb_site, rel)))]
        driver = browser()
        samples = []
        try:
            for mode, site, address in modes:
                found = pages(site)
                for rel in found:
                    where = f"{mode} {rel}"
                    driver.get(address(rel))
                    srcs = driver.execute_script(
                        "return [...document.scripts].filter(s => s.src).map(s => s.src)")
                    gate.check(len(srcs) == 1 and "/quick-exit." in srcs[0], where, f"scripts loaded: {srcs}")
                    if mode == "http":
                        foreign = driver.execute_script(
                            "return performance.getEntriesByType('resource').map(e => e.name)"
                            ".filter(n => !n.startsWith(location.origin))")
                        gate.check(not foreign, where, f"requests to another origin: {foreign}")
                    check_place(gate, driver, where)
                # A long page, a listing and the landing page in each language, for the slower checks.
                long_pages = sorted(found, key=lambda rel: -os.path.getsize(os.path.join(site, rel)))
                chosen = ["index.html"] + [rel for rel in long_pages if rel.startswith(("rw/", "en/"))
                                           and "booklet" not in rel][:2] + ["rw/risks/index.html", "en/index.html"]
                for rel in dict.fromkeys(chosen):
                    where = f"{mode} {rel}"
                    driver.get(address(rel))
                    check_tab_order(gate, driver, where)
                    for how in ("click", "shift"):
                        check_leave(gate, driver, origin, address(rel), how, where)
                    samples.append((where, address(rel)))
        finally:
            driver.quit()
        check_without_javascript(gate, origin, samples)
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)

    what = f"{gate.checks} checks over HTTP and from files, 360 px phone viewport, JavaScript on and off"
    if gate.problems:
        print(f"FAIL quick-exit: {len(gate.problems)} problems ({what}; see above)")
        return 1
    print(f"PASS quick-exit: {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
