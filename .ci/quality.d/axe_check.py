#!/usr/bin/env python3
"""Accessibility gate: axe-core in headless Chromium on every page of a built site, served
over HTTP, at a phone's viewport; any violation of the WCAG 2.x A and AA rules fails.

    axe_check.py --axe AXE_MIN_JS --site SITE_DIR --url http://127.0.0.1:PORT/bamaso/

Every .html file of SITE_DIR is opened at the matching address under --url (a folder's
index.html at the folder's own address, as visitors see it). Prints each violation with its
page, rule, impact and elements, then one result line; exit 1 on any violation.
"""
import argparse
import os
import sys
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True}

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done({violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}))}))
  .catch(e => done({error: String(e)}));
"""


def pages(site):
    """(page path relative to the site, its address relative to the site's root)."""
    found = []
    for folder, _, names in os.walk(site):
        for name in names:
            if name.endswith(".html"):
                rel = os.path.relpath(os.path.join(folder, name), site).replace(os.sep, "/")
                address = rel[: -len("index.html")] if rel.endswith("index.html") else rel
                found.append((rel, address))
    return sorted(found)


def status(url):
    """The HTTP status of url, straight from the server (no proxy)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                 "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    return driver


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--axe", required=True, help="axe.min.js")
    parser.add_argument("--site", required=True, help="the built site's folder")
    parser.add_argument("--url", required=True, help="the address the site is served at")
    args = parser.parse_args()
    axe_source = open(args.axe, encoding="utf-8").read()
    base = args.url if args.url.endswith("/") else args.url + "/"

    found = pages(args.site)
    problems = 0          # violations (one rule on one page) plus pages that could not be checked
    failing_pages = set()
    version = "?"
    driver = browser()
    try:
        for rel, address in found:
            url = base + address
            code = status(url)
            if code != 200:
                print(f"{rel}: {url} answered HTTP {code}, not 200")
                problems += 1
                failing_pages.add(rel)
                continue
            driver.get(url)
            driver.execute_script(axe_source)
            version = driver.execute_script("return axe.version")
            result = driver.execute_async_script(RUN_AXE, TAGS)
            if "error" in result:
                print(f"{rel}: axe-core failed: {result['error']}")
                problems += 1
                failing_pages.add(rel)
                continue
            for v in result["violations"]:
                problems += 1
                failing_pages.add(rel)
                print(f"{rel}: {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
                for node in v["nodes"][:10]:
                    print(f"    {node['target']}")
                    for line in (node["summary"] or "").splitlines():
                        print(f"      {line}")
                if len(v["nodes"]) > 10:
                    print(f"    ... and {len(v['nodes']) - 10} more elements")
    finally:
        driver.quit()

    what = (f"axe-core {version}, {'/'.join(TAGS)}, "
            f"{PHONE['width']}x{PHONE['height']} phone viewport")
    if problems:
        print(f"FAIL accessibility: {problems} violations on {len(failing_pages)} of "
              f"{len(found)} pages ({what}; see above)")
        return 1
    print(f"PASS accessibility: {len(found)} pages, 0 violations ({what})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
