#!/usr/bin/env python3
"""Page-weight gate: every page's HTML plus the files a browser loads to show it (stylesheets
and what they import, scripts, images, icons, fonts) must stay under the page's budget.

    weight.py --site SITE_DIR --base-path /bamaso/ --budget .ci/page-budget.json

The budget file gives `default_kb` for every page and, in `pages`, a larger budget for named
pages (paths relative to the site, such as "en/schools/booklet/index.html"). 1 KB is 1000
bytes, as browsers' developer tools count. Weights are the files' sizes as built, without
compression: what a USB stick or a server without gzip delivers. Each file counts once per
page. Audio and video are not counted (they load only when played), nor are linked
documents such as PDFs. A page that loads a file from another host, or one that does not
exist, fails. Prints the five heaviest pages, then one result line; exit 1 on any problem.
"""
import argparse
import html.parser
import json
import os
import re
import sys
import urllib.parse

CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
LOADED_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload",
                    "modulepreload", "manifest"}


class Loads(html.parser.HTMLParser):
    """The addresses of the files a browser fetches to show a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.addresses = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rels = set((attrs.get("rel") or "").lower().split())
        if tag == "link" and rels & LOADED_LINK_RELS and attrs.get("href"):
            self.addresses.append(attrs["href"])
        elif tag in ("script", "img", "iframe", "embed") and attrs.get("src"):
            self.addresses.append(attrs["src"])
        elif tag == "input" and (attrs.get("type") or "").lower() == "image" and attrs.get("src"):
            self.addresses.append(attrs["src"])
        elif tag == "video" and attrs.get("poster"):
            self.addresses.append(attrs["poster"])
        if tag in ("img", "source") and attrs.get("srcset"):
            # A browser picks one candidate; count the largest, the worst case.
            self.addresses.append(("srcset", [c.split()[0] for c in attrs["srcset"].split(",")
                                              if c.strip()]))

    handle_startendtag = handle_starttag


class Site:
    def __init__(self, root, base_path):
        self.root = os.path.realpath(root)
        self.base_path = base_path if base_path.endswith("/") else base_path + "/"

    def file_for(self, address, page_path):
        """The file an address on a page loads, or raises ValueError saying why it cannot."""
        parts = urllib.parse.urlsplit(address)
        if parts.scheme == "data":
            return None
        if parts.scheme or parts.netloc:
            raise ValueError(f"loads {address} from another host")
        path = urllib.parse.unquote(parts.path)
        if path.startswith("/"):
            if not path.startswith(self.base_path):
                raise ValueError(f"loads {address}, outside the site's {self.base_path}")
            target = os.path.join(self.root, path[len(self.base_path):])
        else:
            target = os.path.join(os.path.dirname(page_path), path)
        target = os.path.realpath(target)
        if not os.path.isfile(target):
            raise ValueError(f"loads {address}, which is not in the build")
        return target

    def loads(self, page_path):
        """Every file the page loads (beside itself), and the problems found on the way."""
        parser = Loads()
        with open(page_path, encoding="utf-8") as f:
            parser.feed(f.read())
        files, problems, queue = set(), [], [(a, page_path) for a in parser.addresses]
        while queue:
            address, referrer = queue.pop()
            try:
                if isinstance(address, tuple):
                    candidates = [self.file_for(a, referrer) for a in address[1]]
                    candidates = [c for c in candidates if c]
                    target = max(candidates, key=os.path.getsize) if candidates else None
                else:
                    target = self.file_for(address, referrer)
            except ValueError as error:
                problems.append(str(error))
                continue
            if target is None or target in files:
                continue
            files.add(target)
            if target.endswith(".css"):
                with open(target, encoding="utf-8") as f:
                    for match in CSS_URL.finditer(f.read()):
                        queue.append(((match.group(2) or match.group(4)).strip(), target))
        return files, problems


def kb(size):
    return f"{size / 1000:.1f} KB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", required=True, help="the built site's folder")
    parser.add_argument("--base-path", default="/", help="the path the site was built for")
    parser.add_argument("--budget", required=True, help="the budget file (JSON)")
    args = parser.parse_args()
    with open(args.budget, encoding="utf-8") as f:
        budget = json.load(f)
    default_kb = budget["default_kb"]
    special = budget.get("pages", {})
    site = Site(args.site, args.base_path)

    results, problems = [], []
    for folder, _, names in os.walk(site.root):
        for name in names:
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, site.root).replace(os.sep, "/")
            files, load_problems = site.loads(path)
            problems += [f"{rel}: {p}" for p in load_problems]
            html_size = os.path.getsize(path)
            total = html_size + sum(os.path.getsize(f) for f in files)
            limit = special.get(rel, default_kb)
            results.append((total, rel, html_size, len(files), limit))
            if total > limit * 1000:
                problems.append(f"{rel}: {kb(total)} is over its budget of {limit} KB")
    known = {rel for _, rel, _, _, _ in results}
    for rel in sorted(set(special) - known):
        problems.append(f"{args.budget}: budget for {rel}, which the build does not have")

    results.sort(reverse=True)
    print("heaviest pages (HTML + files it loads):")
    for total, rel, html_size, count, limit in results[:5]:
        files = f"{count} file{'' if count == 1 else 's'}"
        print(f"  {kb(total):>9}  {rel}  (HTML {kb(html_size)} + {files}; budget {limit} KB)")
    for problem in problems:
        print(problem)
    if not results:
        print(f"FAIL page-weight: no .html files in {args.site}")
        return 1
    total, rel, _, _, limit = results[0]
    if problems:
        print(f"FAIL page-weight: {len(problems)} problems in {len(results)} pages "
              f"(budgets in {args.budget}; see above)")
        return 1
    print(f"PASS page-weight: {len(results)} pages within budget (default {default_kb} KB); "
          f"heaviest {rel} {kb(total)} of {limit} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
