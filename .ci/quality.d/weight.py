#!/usr/bin/env python3
"""Page-weight gate: every page's HTML plus the files a browser loads to show it (stylesheets
and what they import, scripts, images, icons, fonts) must stay under the page's budget.

    weight.py --site SITE_DIR --base-path /bamaso/ --budget .ci/page-budget.json

The budget file gives `default_kb` for every page and, in `pages`, a larger budget for named
pages (paths relative to the site, or patterns: "*/schools/booklet/index.html", the booklet of
every language). 1 KB is 1000
bytes, as browsers' developer tools count. Weights are the files' sizes as built, without
compression: what a USB stick or a server without gzip delivers. Each file counts once per
page. An image with a `srcset` (in a `<picture>` or not) counts as the one file a 360 px phone
downloads: the first `<source>` of a type phones show (WebP, JPEG, PNG), else the `<img>`, and
of its candidates the narrowest at least as wide as its `sizes` give at 360 px (one device
pixel per CSS pixel), else the widest. Each picture a page shows adds `per_image_kb` (if the
budget file gives it) to the page's budget: a photo has its own budget, checked by the build. Audio and video are not counted (they load only when played), nor are linked
documents such as PDFs. A page that loads a file from another host, or one that does not
exist, fails. Prints the five heaviest pages, then one result line; exit 1 on any problem.
"""
import argparse
import html.parser
import fnmatch
import json
import os
import re
import sys
import urllib.parse

CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
PHONE_WIDTH = 360  # CSS pixels, one device pixel each
PHONE_TYPES = {"", "image/webp", "image/jpeg", "image/png", "image/gif", "image/svg+xml"}
LOADED_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload",
                    "modulepreload", "manifest"}


class Loads(html.parser.HTMLParser):
    """The addresses of the files a browser fetches to show a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.addresses = []
        self.images = 0
        self.in_picture = False
        self.chosen = False  # a <source> of the current <picture> was chosen

    def handle_endtag(self, tag):
        if tag == "picture":
            self.in_picture = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self.in_picture, self.chosen = True, False
            self.images += 1
            return
        if tag == "source" and self.in_picture:
            if not self.chosen and attrs.get("srcset") and (attrs.get("type") or "").lower() in PHONE_TYPES:
                self.addresses.append(phone_candidate(attrs["srcset"], attrs.get("sizes")))
                self.chosen = True
            return
        if tag == "img":
            if not self.in_picture:
                self.images += 1
            if self.in_picture and self.chosen:
                return
            if attrs.get("srcset"):
                self.addresses.append(phone_candidate(attrs["srcset"], attrs.get("sizes")))
                return
        rels = set((attrs.get("rel") or "").lower().split())
        if tag == "link" and rels & LOADED_LINK_RELS and attrs.get("href"):
            self.addresses.append(attrs["href"])
        elif tag in ("script", "img", "iframe", "embed") and attrs.get("src"):
            self.addresses.append(attrs["src"])
        elif tag == "input" and (attrs.get("type") or "").lower() == "image" and attrs.get("src"):
            self.addresses.append(attrs["src"])
        elif tag == "video" and attrs.get("poster"):
            self.addresses.append(attrs["poster"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def css_pixels(length):
    """A CSS length of `sizes` at the phone's width: px, rem/em (16 px), vw, calc(A - B)."""
    length = length.strip()
    calc = re.fullmatch(r"calc\((.+?)\s+([-+])\s+(.+)\)", length)
    if calc:
        a, b = css_pixels(calc.group(1)), css_pixels(calc.group(3))
        return a - b if calc.group(2) == "-" else a + b
    number = re.fullmatch(r"([\d.]+)(px|rem|em|vw)?", length)
    if not number:
        return PHONE_WIDTH
    value, unit = float(number.group(1)), number.group(2) or "px"
    return value * {"px": 1, "rem": 16, "em": 16, "vw": PHONE_WIDTH / 100}[unit]


def slot_width(sizes):
    """How wide `sizes` says the image shows at the phone's width."""
    for entry in (sizes or "100vw").split(","):
        entry = entry.strip()
        condition = re.fullmatch(r"\((min|max)-width:\s*([^)]+)\)\s+(.+)", entry)
        if condition:
            limit = css_pixels(condition.group(2))
            if (PHONE_WIDTH >= limit) if condition.group(1) == "min" else (PHONE_WIDTH <= limit):
                return css_pixels(condition.group(3))
            continue
        return css_pixels(entry)
    return PHONE_WIDTH


def phone_candidate(srcset, sizes):
    """The address of the `srcset` candidate a 360 px phone downloads."""
    candidates = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if not parts:
            continue
        descriptor = parts[1] if len(parts) > 1 else "1x"
        width = int(descriptor[:-1]) if descriptor.endswith("w") else None
        candidates.append((parts[0], width))
    widths = sorted((w, a) for a, w in candidates if w is not None)
    if not widths:
        return candidates[0][0]
    slot = slot_width(sizes)
    return next((a for w, a in widths if w >= slot), widths[-1][1])


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
        return files, problems, parser.images


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
    per_image_kb = budget.get("per_image_kb", 0)
    site = Site(args.site, args.base_path)

    results, problems = [], []
    for folder, _, names in os.walk(site.root):
        for name in names:
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, site.root).replace(os.sep, "/")
            files, load_problems, images = site.loads(path)
            problems += [f"{rel}: {p}" for p in load_problems]
            html_size = os.path.getsize(path)
            total = html_size + sum(os.path.getsize(f) for f in files)
            matching = [kb_ for pattern, kb_ in special.items() if fnmatch.fnmatchcase(rel, pattern)]
            limit = max(matching, default=default_kb) + images * per_image_kb
            results.append((total, rel, html_size, len(files), limit))
            if total > limit * 1000:
                problems.append(f"{rel}: {kb(total)} is over its budget of {limit} KB")
    known = {rel for _, rel, _, _, _ in results}
    for pattern in sorted(special):
        if not any(fnmatch.fnmatchcase(rel, pattern) for rel in known):
            problems.append(f"{args.budget}: budget for {pattern}, which no page of the build matches")

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
