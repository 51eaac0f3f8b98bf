#!/usr/bin/env python3
"""File-mode links gate: crawl a portable build as a browser opens it from a USB stick
(file://, no web server), starting at its landing page.

    crawl.py SITE_DIR

From SITE_DIR/index.html, every link and every loaded file (a, area, link, img, script,
source, audio, video, track, iframe, embed, object, and url() in stylesheets) is resolved
the way a browser resolves it against the page's file:// address. A link is broken when:
- it starts with `/` or `//` (from a stick that is the root of the disk, not of the site)
  or is a file: address (it would only work on the computer that built it);
- it leads outside SITE_DIR, or to a file that does not exist;
- it leads to a folder: without a web server the browser shows a file listing, not the
  folder's index.html, so links must name .../index.html;
- its #fragment names no id (or <a name>) in the target page.
Addresses with a scheme (https:, mailto:, tel:, sms:, data:) are left alone.
Then every index.html of SITE_DIR must have been reached.
Prints each problem, then one result line; exit 1 on any problem.
"""
import html.parser
import os
import re
import sys
import urllib.parse

LINK_ATTRIBUTES = {
    "a": ["href"], "area": ["href"], "link": ["href"], "img": ["src", "srcset"],
    "script": ["src"], "source": ["src", "srcset"], "audio": ["src"],
    "video": ["src", "poster"], "track": ["src"], "iframe": ["src"], "embed": ["src"],
    "object": ["data"], "input": ["src"],
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class Page(html.parser.HTMLParser):
    """The links of one HTML page (with line numbers) and the ids it defines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []   # (line, tag, address)
        self.ids = set()
        self.base = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "base" and attrs.get("href") is not None:
            self.base = attrs["href"]
        for name in LINK_ATTRIBUTES.get(tag, []):
            value = attrs.get(name)
            if value is None:
                continue
            if name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append((self.getpos()[0], tag, candidate.split()[0]))
            else:
                self.links.append((self.getpos()[0], tag, value.strip()))

    handle_startendtag = handle_starttag


def parse_page(path):
    page = Page()
    with open(path, encoding="utf-8") as f:
        page.feed(f.read())
    page.close()
    return page


def css_links(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for match in CSS_URL.finditer(text):
        address = match.group(2) or match.group(4)
        yield text.count("\n", 0, match.start()) + 1, "css", address.strip()


class Crawl:
    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.problems = []
        self.reached = set()      # real paths of files reached
        self.link_count = 0
        self.pages = {}           # real path -> Page, parsed once

    def page(self, path):
        if path not in self.pages:
            self.pages[path] = parse_page(path)
        return self.pages[path]

    def show(self, path):
        return os.path.relpath(path, self.root)

    def resolve(self, source, address, base):
        """(target real path, fragment, problem) for an address on the page `source`: no
        target for an address left alone or one that cannot work from a USB stick (then
        problem says why)."""
        if address == "" or address.startswith("#"):
            return source, urllib.parse.unquote(address[1:]), None
        if address.startswith("//"):
            return None, None, f"'{address}' has no scheme: from a file it means file:{address}"
        if SCHEME.match(address):
            if address.lower().startswith("file:"):
                return None, None, f"'{address}' is a file: address of the computer that built the site"
            return None, None, None
        if address.startswith("/"):
            return None, None, (f"'{address}' starts with '/': from a USB stick that is the top "
                                "of the disk, not of the site")
        parts = urllib.parse.urlsplit(urllib.parse.urljoin(base, address))
        target = os.path.realpath(urllib.parse.unquote(parts.path))
        if target != self.root and not target.startswith(self.root + os.sep):
            return None, None, f"'{address}' leads outside the site folder"
        return target, urllib.parse.unquote(parts.fragment), None

    def check(self, source, line, tag, address, base):
        """Check one link; returns the target file if the crawl should follow it."""
        self.link_count += 1
        target, fragment, problem = self.resolve(source, address, base)
        where = f"{self.show(source)}:{line}: <{tag}> "
        if problem:
            self.problems.append(where + problem)
        if not target:
            return None
        if os.path.isdir(target):
            self.problems.append(where + f"'{address}' leads to the folder {self.show(target)}/: "
                                 "from a USB stick that shows a file listing; link to "
                                 "its index.html")
            return None
        if not os.path.isfile(target):
            self.problems.append(where + f"'{address}': {self.show(target)} does not exist")
            return None
        if fragment and target.endswith(".html") and fragment not in self.page(target).ids:
            self.problems.append(where + f"'{address}': {self.show(target)} has no "
                                 f"id=\"{fragment}\"")
        return target

    def run(self, start):
        queue = [os.path.realpath(start)]
        self.reached.add(queue[0])
        while queue:
            source = queue.pop()
            if source.endswith(".html"):
                page = self.page(source)
                base = urllib.parse.urljoin("file://" + urllib.parse.quote(source), page.base or "")
                links = page.links
            elif source.endswith(".css"):
                base = "file://" + urllib.parse.quote(source)
                links = list(css_links(source))
            else:
                continue
            for line, tag, address in links:
                target = self.check(source, line, tag, address, base)
                if target and target not in self.reached:
                    self.reached.add(target)
                    queue.append(target)


def main(root):
    start = os.path.join(root, "index.html")
    if not os.path.isfile(start):
        print(f"FAIL file-mode: {start} does not exist")
        return 1
    crawl = Crawl(root)
    crawl.run(start)
    pages = set()
    for folder, _, names in os.walk(crawl.root):
        pages.update(os.path.join(folder, n) for n in names if n == "index.html")
    missed = sorted(crawl.show(p) for p in pages - crawl.reached)
    for problem in crawl.problems:
        print(f"broken link: {problem}")
    for page in missed:
        print(f"not reached by following links from index.html: {page}")
    if crawl.problems or missed:
        print(f"FAIL file-mode: {len(crawl.problems)} broken links, {len(missed)} of {len(pages)} "
              "pages not reached (portable build crawled as files; see above)")
        return 1
    print(f"PASS file-mode: {len(pages)} of {len(pages)} pages reached from index.html, "
          f"{crawl.link_count} links, 0 broken (portable build crawled as files)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
