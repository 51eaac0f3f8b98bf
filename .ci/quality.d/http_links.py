#!/usr/bin/env python3
"""Links gate on a real web server: LinkChecker crawls the site as served (by nginx) from the
landing page, and every page of the build must be reached with no broken internal link.

    http_links.py --site SITE_DIR --url http://127.0.0.1:PORT/bamaso/

LinkChecker (Debian `linkchecker`) follows every internal link from --url (and from
404.html, which no page links to), with its AnchorCheck plugin on so that a link to a
missing #heading counts as broken. External addresses (share links, the canonical
https:// addresses) are only syntax-checked: CI has no internet. Then the pages it reached
are compared with the .html files of SITE_DIR: each must have been reached. A link to this
server outside the site's path (one that forgot /bamaso/) counts as broken. Last, a missing
address deep in the site must answer 404 with a page whose links work from there.
Prints each problem, then one result line; exit 1 on any problem.
"""
import argparse
import csv
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

CONFIG = """\
[checking]
# The test server sends a LinkChecker header, which lets LinkChecker go faster than 10/s.
maxrequestspersecond=1000
timeout=10
[filtering]
checkextern=0
[output]
status=0
[AnchorCheck]
"""


def site_pages(site):
    pages = set()
    for folder, _, names in os.walk(site):
        for name in names:
            if name.endswith(".html"):
                pages.add(os.path.relpath(os.path.join(folder, name), site).replace(os.sep, "/"))
    return pages


def run_linkchecker(start_urls):
    """LinkChecker's CSV rows for every URL it checked. As root it runs as `nobody`, so its
    config and output live in a folder that anyone may write."""
    folder = tempfile.mkdtemp(prefix="bamaso-linkchecker-")
    try:
        os.chmod(folder, 0o777)
        config = os.path.join(folder, "linkcheckerrc")
        with open(config, "w") as f:
            f.write(CONFIG)
        os.chmod(config, 0o644)
        out = os.path.join(folder, "out.csv")
        run = subprocess.run(
            ["linkchecker", "--config", config, "--verbose", "--output", "none",
             "--file-output", f"csv/utf-8/{out}", "--no-robots", "--threads", "4", *start_urls],
            capture_output=True, text=True, timeout=600, cwd=folder)
        if not os.path.exists(out):
            print(run.stdout + run.stderr)
            return None, run.returncode
        with open(out, encoding="utf-8") as f:
            rows = list(csv.DictReader((line for line in f if not line.startswith("#")),
                                       delimiter=";"))
        return rows, run.returncode
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.addresses = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and tag in ("a", "link", "img", "script"):
                self.addresses.append(value)


def fetch(url):
    """(status, body) of url, straight from the server (no proxy)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def missing_page_problems(base):
    """A missing address deep in the site must answer 404 with the site's 404 page, and that
    page's links and stylesheet must work from there (the server shows it at any depth)."""
    url = base + "no/such/page/"
    code, body = fetch(url)
    if code != 404:
        return [f"{url} answered HTTP {code}, not 404"]
    parser = Links()
    parser.feed(body)
    problems = []
    for address in parser.addresses:
        if address.startswith("#"):  # within the 404 page itself (its skip link)
            continue
        target = urllib.parse.urljoin(url, address)
        if urllib.parse.urlsplit(target).netloc != urllib.parse.urlsplit(base).netloc:
            continue
        target_code, _ = fetch(target.split("#")[0])
        if target_code != 200:
            problems.append(f"404 page shown at {url}: {address} -> HTTP {target_code}")
    if not parser.addresses:
        problems.append(f"404 page shown at {url} has no links")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", required=True, help="the built site's folder")
    parser.add_argument("--url", required=True, help="the address the site is served at")
    args = parser.parse_args()
    base = args.url if args.url.endswith("/") else args.url + "/"
    base_path = urllib.parse.urlsplit(base).path

    rows, code = run_linkchecker([base, base + "404.html"])
    if rows is None:
        print(f"FAIL links-http: LinkChecker wrote no report (exit {code}; see above)")
        return 1

    server = urllib.parse.urlsplit(base).netloc
    broken = []
    reached = set()
    for row in rows:
        url = row["url"]
        internal = url.startswith(base)
        anchor_missing = "Anchor" in row["warningstring"] and "not found" in row["warningstring"]
        where = f"{row['parentname'] or '(start)'}:{row['line'] or '?'}"
        if row["valid"] != "True" or (internal and anchor_missing):
            why = row["result"] if row["valid"] != "True" else row["warningstring"].split("\n")[0]
            broken.append(f"{where}: {row['urlname']} -> {why}")
        elif not internal and urllib.parse.urlsplit(url).netloc == server:
            # LinkChecker calls this external and leaves it alone; for a site published under
            # a sub-path it is the classic bug: an address that forgot the sub-path.
            broken.append(f"{where}: {row['urlname']} -> outside {base_path}, where the site is")
        if internal and row["valid"] == "True" and row["result"].startswith("200"):
            path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)[len(base_path):]
            reached.add(path + "index.html" if path == "" or path.endswith("/") else path)

    broken += missing_page_problems(base)
    pages = site_pages(args.site)
    missed = sorted(pages - reached)
    for line in broken:
        print(f"broken link: {line}")
    for page in missed:
        print(f"not reached by following links from {base}: {page}")
    checked = sum(1 for row in rows if row["url"].startswith(base))
    if broken or missed:
        print(f"FAIL links-http: {len(broken)} broken links, {len(missed)} of {len(pages)} pages "
              f"not reached (LinkChecker over nginx at {base}; see above)")
        return 1
    print(f"PASS links-http: {len(pages)} of {len(pages)} pages reached, {checked} internal "
          f"URLs, 0 broken (LinkChecker over nginx at {base})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
