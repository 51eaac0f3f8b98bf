#!/usr/bin/env python3
"""The JSON Schemas of `bamaso schema` and the build agree on front matter.

usage: schema-agreement.py BAMASO_BIN

1. `bamaso schema` writes exactly the schemas committed in schemas/ (no drift).
2. site.yml and contacts.yml, as the site has them and changed as below, get the same verdict
   from the schema as from `bamaso check` (an error in that file, or none).
3. Every page of content/ and of the test fixtures, and every case below, gets the same
   verdict from a standard validator (the `jsonschema` package, Draft 2020-12) with the schema
   of its kind as from `bamaso check` on a project holding that page alone: both accept its
   front matter, or both refuse it.
Exits 1 on any disagreement, naming the page or case.
"""
import datetime
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

try:
    import jsonschema
    import yaml
except ImportError:
    environment = dict(os.environ, PIP_BREAK_SYSTEM_PACKAGES="1", PIP_ROOT_USER_ACTION="ignore")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "jsonschema", "pyyaml"], check=True,
                   env=environment)
    import jsonschema
    import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = sys.argv[1]
KINDS = {"risks": "risk", "schools": "school", "radio": "radio", "contact": "contact"}

# Front matter the build accepts or refuses, per kind: (name, path in content/, front matter).
CASES = [
    ("a full risk message", "risks/a.en.md", 'title: "A"\nkey_message: "Check first."\nweight: 2\ndraft: false\n'),
    ("a number as a title", "about/a.en.md", "title: 2012\n"),
    ("a date", "about/a.en.md", "title: A\ndate: 2012-06-01\n"),
    ("a quoted date", "about/a.en.md", 'title: A\ndate: "2012-06-01"\n'),
    ("a date in words", "about/a.en.md", "title: A\ndate: June 2012\n"),
    ("no title", "about/a.en.md", "description: A\n"),
    ("an empty title", "about/a.en.md", 'title: ""\n'),
    ("a title of spaces", "about/a.en.md", 'title: "   "\n'),
    ("a null title", "about/a.en.md", "title:\n"),
    ("a list as title", "about/a.en.md", "title: [a, b]\n"),
    ("an unknown key", "about/a.en.md", "title: A\ntags: [x]\n"),
    ("a key of another kind", "about/a.en.md", "title: A\nkey_message: B\n"),
    ("an address key", "about/a.en.md", "title: A\nslug: other\n"),
    ("a risk without key message", "risks/a.en.md", "title: A\n"),
    ("a weight in words", "about/a.en.md", "title: A\nweight: ten\n"),
    ("a quoted weight", "about/a.en.md", 'title: A\nweight: "3"\n'),
    ("a fractional weight", "about/a.en.md", "title: A\nweight: 2.5\n"),
    ("draft as a word", "about/a.en.md", "title: A\ndraft: maybe\n"),
    ("draft true", "about/a.en.md", "title: A\ndraft: true\n"),
    ("translation draft", "about/a.rw.md", "title: A\ntranslation: draft\n"),
    ("translation done", "about/a.rw.md", "title: A\ntranslation: done\n"),
    ("translation source en", "about/a.rw.md", "title: A\ntranslation_source: en\n"),
    ("translation source fr", "about/a.rw.md", "title: A\ntranslation_source: fr\n"),
    ("translated blocks", "about/a.rw.md", 'title: A\ntranslated_from: abc\ntranslated_blocks: ["0a1b2c3d", "1234abcd"]\n'),
    ("a school material", "schools/a.en.md",
     "title: A\naudience: Club\nduration: 1 hour\nobjectives:\n  - Know\nmaterials: Paper\n"),
    ("a school material without objectives", "schools/a.en.md", "title: A\naudience: Club\nduration: 1 hour\n"),
    ("objectives as mappings", "schools/a.en.md",
     "title: A\naudience: Club\nduration: 1 hour\nobjectives:\n  - a: b\n"),
    ("a radio show", "radio/a.en.md", "title: A\nstation: Radio 10\nduration_minutes: 45\nguests: [Police]\n"),
    ("a radio show of 0 minutes", "radio/a.en.md", "title: A\nstation: R\nduration_minutes: 0\nguests: [P]\n"),
    ("a radio show without guests", "radio/a.en.md", "title: A\nstation: R\nduration_minutes: 5\n"),
    ("a contact page", "contact/a.en.md", "title: A\norganisation: iom-rwanda\n"),
    ("a contact page without organisation", "contact/a.en.md", "title: A\n"),
]


# site.yml and contacts.yml: (name, file, change made to the project's own file: old -> new).
CONFIG_CASES = [
    ("the site's own site.yml", "site.yml", None),
    ("languages in another order", "site.yml",
     ("  - rw\n  - code: en\n    locale: en_GB\n", "  - code: en\n    locale: en_GB\n  - rw\n")),
    ("a third language", "site.yml", ("    locale: en_GB\n", "    locale: en_GB\n  - fr\n")),
    ("a third language with its settings", "site.yml",
     ("    locale: en_GB\n", "    locale: en_GB\n  - code: ar\n    name: العربية\n    direction: rtl\n"
                            "    fallback: [en]\n")),
    ("a language code in capitals", "site.yml", ("    locale: en_GB\n", "    locale: en_GB\n  - FR\n")),
    ("a direction that is neither", "site.yml", ("    locale: en_GB\n", "    locale: en_GB\n    direction: up\n")),
    ("an unknown language setting", "site.yml", ("    locale: en_GB\n", "    locale: en_GB\n    colour: blue\n")),
    ("languages as one word", "site.yml", ("languages:\n  - rw\n  - code: en\n    locale: en_GB\n",
                                           "languages: rw\n")),
    ("no quick exit", "site.yml", ("quick_exit:\n", "old_quick_exit:\n")),
    ("a quick exit to javascript:", "site.yml", ('en: "https://www.google.com/?hl=en"', 'en: "javascript:void(0)"')),
    ("translation notices as a word", "site.yml", ("base_url:", "translation_notices: maybe\nbase_url:")),
    ("an unknown key", "site.yml", ("base_url:", "theme: dark\nbase_url:")),
    ("a section name in capitals", "site.yml", ("sections: [risks,", "sections: [Risks,")),
    ("an unknown key in help", "site.yml", ("  safety: safety", "  safety: safety\n  phone: 112")),
    ("the site's own contacts.yml", "contacts.yml", None),
    ("no source", "contacts.yml", ('  source: "IOM Rwanda, Rwanda Counter', '  origin: "IOM Rwanda, Rwanda Counter')),
    ("a month that does not exist", "contacts.yml", ('as_of: "2012-11"', 'as_of: "2012-13"')),
    ("a date in words", "contacts.yml", ('as_of: "2012-11"', 'as_of: "November 2012"')),
    ("an email without @", "contacts.yml", ('emails: ["iomrwanda@iom.int"]', 'emails: ["iomrwanda at iom.int"]')),
    ("a javascript: social address", "contacts.yml",
     ('handle: "@IOMRwanda" }', 'handle: "@IOMRwanda", url: "javascript:alert(1)" }')),
    ("a social address", "contacts.yml",
     ('handle: "@IOMRwanda" }', 'handle: "@IOMRwanda", url: "https://twitter.com/IOMRwanda" }')),
    ("an unknown key", "contacts.yml", ("  emails:", "  fax: 1\n  emails:")),
    ("a name in one language", "contacts.yml",
     ('name: { rw: "IOM Rwanda", en: "IOM Rwanda" }', 'name: { en: "IOM Rwanda" }')),
]


def config_verdicts(schemas, name, text):
    """Whether the schema of `name`, and a check of the own site with that file, accept `text`."""
    try:
        data = as_json(yaml.safe_load(text))
        by_schema = not list(jsonschema.Draft202012Validator(schemas[name.split(".")[0]]).iter_errors(data))
    except yaml.YAMLError:
        by_schema = False
    with tempfile.TemporaryDirectory() as folder:
        root = pathlib.Path(folder)
        shutil.copytree(ROOT / "templates", root / "templates")
        shutil.copytree(ROOT / "content", root / "content")
        (root / "content" / name).write_text(text, encoding="utf-8")
        run = subprocess.run([BIN, "check", "--root", str(root)], capture_output=True, text=True)
        by_build = not any(line.startswith(f"content/{name}:") and ": error:" in line
                           for line in run.stdout.splitlines() + run.stderr.splitlines())
    return by_schema, by_build


def kind_of(path):
    """The schema of a page at `path` (relative to content/)."""
    parts = path.split("/")
    if len(parts) == 1:
        return "home"
    if parts[-1].startswith("_index."):
        return "section"
    return KINDS.get(parts[0], "page")


def front_matter(text):
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "\n".join(lines[1:index]), index + 1
    return None


def as_json(value):
    """YAML values as JSON sees them: dates (unquoted in YAML) as the text they were written as."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value


def schema_verdict(schemas, kind, yaml_text):
    try:
        data = as_json(yaml.safe_load(yaml_text))
    except yaml.YAMLError:
        return False
    validator = jsonschema.Draft202012Validator(schemas[kind])
    return not list(validator.iter_errors(data if data is not None else {}))


def build_verdict(project, path, text, closing_line):
    """Whether `bamaso check` reports no error in the front matter of `path`, alone in a copy of
    `project` (its site.yml, contacts.yml and media, and the repository's templates)."""
    with tempfile.TemporaryDirectory() as folder:
        root = pathlib.Path(folder)
        shutil.copytree(ROOT / "templates", root / "templates")
        (root / "content").mkdir()
        for name in ("site.yml", "contacts.yml"):
            source = project / "content" / name
            if source.exists():
                shutil.copy(source, root / "content" / name)
        # Media too: a recording a page names must exist, which no schema can say.
        if (project / "content" / "media").is_dir():
            shutil.copytree(project / "content" / "media", root / "content" / "media")
        page = root / "content" / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
        run = subprocess.run([BIN, "check", "--root", str(root)], capture_output=True, text=True)
        prefix = f"content/{path}:"
        for line in run.stdout.splitlines() + run.stderr.splitlines():
            if line.startswith(prefix) and ": error:" in line:
                number = int(line[len(prefix):].split(":")[0])
                if number <= closing_line:
                    return False
        return True


def main():
    problems = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([BIN, "schema", "--output", folder], check=True, capture_output=True)
        written = {path.name: path.read_text() for path in pathlib.Path(folder).glob("*.json")}
    committed = {path.name: path.read_text() for path in (ROOT / "schemas").glob("*.json")}
    if written != committed:
        problems.append("schemas/ differs from what `bamaso schema` writes: run `swift run bamaso schema`")
    schemas = {name.removesuffix(".schema.json"): json.loads(text) for name, text in written.items()}

    checked = 0
    projects = [ROOT] + [path.parent for path in ROOT.glob("Tests/*/Fixtures/*/content")]
    for project in projects:
        for page in sorted((project / "content").rglob("*.md")):
            path = page.relative_to(project / "content").as_posix()
            text = page.read_text(encoding="utf-8")
            found = front_matter(text)
            if found is None:
                continue
            yaml_text, closing = found
            by_schema = schema_verdict(schemas, kind_of(path), yaml_text)
            by_build = build_verdict(project, path, text, closing)
            checked += 1
            if by_schema != by_build:
                problems.append(f"{page.relative_to(ROOT)}: the build {'accepts' if by_build else 'refuses'} its "
                                f"front matter, the schema {'accepts' if by_schema else 'refuses'} it")
    for name, path, yaml_text in CASES:
        text = f"---\n{yaml_text}---\nBody.\n"
        by_schema = schema_verdict(schemas, kind_of(path), yaml_text)
        by_build = build_verdict(ROOT, path, text, yaml_text.count("\n") + 2)
        checked += 1
        if by_schema != by_build:
            problems.append(f"{name} ({path}): the build {'accepts' if by_build else 'refuses'} it, "
                            f"the schema {'accepts' if by_schema else 'refuses'} it")
    for name, file, change in CONFIG_CASES:
        text = (ROOT / "content" / file).read_text(encoding="utf-8")
        if change:
            if change[0] not in text:
                problems.append(f"{name}: content/{file} no longer has {change[0]!r}; update the case")
                continue
            text = text.replace(change[0], change[1])
        by_schema, by_build = config_verdicts(schemas, file, text)
        checked += 1
        if by_schema != by_build:
            problems.append(f"{name} ({file}): the build {'accepts' if by_build else 'refuses'} it, "
                            f"the schema {'accepts' if by_schema else 'refuses'} it")
    for problem in problems:
        print(problem)
    verdict = "FAIL" if problems else "PASS"
    print(f"{verdict} schema-agreement: {checked} files and cases ({len(CASES)} made-up front matters, "
          f"{len(CONFIG_CASES)} site.yml and contacts.yml); {len(problems)} disagreements")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
