#!/usr/bin/env python3
"""Writes a bilingual (rw/en) benchmark site of N pages per language, twice: as a bamaso
project and as a Hugo site that does the same work.

    python3 Benchmarks/generate_corpus.py N OUTDIR [--four-languages]

OUTDIR/bamaso/   content/ (site.yml, contacts.yml, home and section pages, N pages per
                 language) and templates/ (a copy of the repository's theme).
OUTDIR/hugo/     hugo.toml, the same content/ Markdown files, data/contacts.yaml, i18n/,
                 layouts/ that do the same work as bamaso's theme, static/style.css.

N counts the regular pages of one language; the home page and the five section pages come
on top. Every page exists in both languages. The output depends only on N and SEED: the same
arguments write the same bytes. Pages are 1.5 to 8 KB of Markdown with headings, lists,
emphasis, block quotes, callouts and `@/section/slug` links between pages.

--four-languages adds French and Swahili (bamaso only, no Hugo site): every listing page and
half of the regular pages (every other one) are translated into both, the rest fall back. Their
words are drawn from the English vocabulary (only the timing matters), and their interface
strings are the four-language test fixture's (Tests/BamasoSiteTests/Fixtures/four-languages).
"""

import argparse
import random
import shutil
import sys
from pathlib import Path

SEED = 20121101
REPOSITORY = Path(__file__).resolve().parent.parent
HUGO_LAYOUTS = Path(__file__).resolve().parent / "hugo" / "layouts"

# Share of the regular pages in each section, in menu order.
SECTIONS = [("risks", 0.30), ("schools", 0.20), ("radio", 0.15), ("about", 0.20), ("contact", 0.15)]
ORGANISATIONS = 40
PAGE_MIN, PAGE_MAX = 1500, 8000

EN_WORDS = """the to and you or of for is in they your it not are trafficking someone if with what help that
police rwanda them person can do child on people be who work tell programme from where one family school job
go know as ask at will home have this no village their get offer an teacher take leader documents about young
pay nearest has does border when may keep by warning traffickers students signs report exploitation each
cannot were two station how country say offers friend club children after trust parent money minutes media
against was talk shows leave immigration give up travel training told service questions other officers
labour employer community across sexual radio often its good away another women without which victims part
out never name into forced exploited every debate contact being before back also all agree address well she
schools reached reach only messages keeps hurt group district check centre campaign anyone victim trained
three so see once national many identity house health found card yourself write why true together time think
taken steps speak should share says respond recruiter place number going first find else assistance asks any
alert we use trafficked too smuggling show rwandan relative read protect promised paid own others need
meeting made joint inside identify far explain evidence did debt cross clubs city call but answers answer
always abroad worried topic through these there stories staff speakers something safe right remember public
providers phone persons parents papers more meetings means make look key international hotel her guest
government families false decide crossed choose broadcast borders been assessment would workshop works woman
very then tells teams team support stakeholders source society set scene said risks referral record promise
presentations passport local listeners let learn leaders kinds hand guests groups example could civil cases
bring board believes because audience adult wants visit us turn themselves television stop""".split()

RW_WORDS = """mu cyangwa ku ry'abantu rwanda icuruzwa ko kandi umuntu akazi ubufasha kuri ni aho niba gahunda ya no
abantu buri yo polisi muri ngo buryo na byo wabona inyungu ari ibyo umwana kugira bwo hari soma gukora muntu ba
uko maso ibimenyetso wawe umupaka ibyangombwa radiyo nta abanyeshuri sitasiyo kwitondera icyo we w'umudugudu uwo
umwarimu mpaka mbere si jya imirimo bashobora nyuma iyo ibiganiro ubutumwa reba kumenya inshuti gushakirwamo
abana abacuruza wowe raporo mashuri kuba iminota hakurya abakorewe wizeye umukuru neza kimwe ishuri imbere
ihuriro igihe bo muziranye mpuzabitsina ibibazo y'agahato umuryango kaga iyi ikwegereye by'imibonano ashobora
amahugurwa aderesi abandi yawe wakora ushobora urugendo umubyeyi ufite uburyo serivisi rugo ikiganiro iki hamwe
butemewe abakozi y'imipaka undi saba icyaha gihugu cyane bibwire bari amafaranga ye wese ubu nderabuzima
n'abasohoka mpamvu kazi by'icuruzwa bwa akenshi abinjira yemera mujyi kwambutsa kigo itsinda imiryango gufasha
cya byinshi byawe biganiro bashinzwe bakorewe umukoresha ryasanze rupapuro n'umuntu kubera kohereza kikwegereye
ka k'ibinyoma insanganyamatsiko inama ibyerekeye hanyuma butaziguye bufasha bajyanwa zo wa umwe umenye telefoni
rimwe nimero nama n'abakozi kuvuga kurwanya kure kugenda karere iri indangamuntu gusaba gihe bibiri babona
amahuriro afite aba yari ushaka uruhare umwenda umuvandimwe umusore nteko nk'igihugu kwibuka ivuga interineti
intambwe imwe ibintu ibi hano gutanga gusa butangwa bitatu bashakirwemo ariko yahuguye yagize y'u
y'iburasirazuba y'i wo urugero uri uburenganzira ubukangurambaga ryo rishobora ndetse n'umuryango muryango
mukuru mahanga kwambuka kugeza kose kiganiro isuzuma inkumi ingingo ikipe cyose cyo byombi byangombwa
bw'ingenzi baturage bakoreshwe bagacuruzwa amatwi amashuri amakipe ako abiri abatanga abagore ababyeyi
z'abaturage yizejwe yagaragaje watangiza vuba ushyigikira urubyiruko uru umushahara umuganda ukwizeza soza
ryakozwe ry'ibiganiro runaka pasiporo ntitanga ntashobora n'uko n'amategeko n'abayobozi n'abana kuva kurinda
kubibwira kindi izina isomo inkuru ikintu igitutu ibigo hoteli hagati guverinoma gukurikiza gukurikirana
binyuze bimenyeshe ashaka andika amategeko abashyigikira abarwanya abapolisi yatanze yatambukije yabo
y'umupaka y'abaturage wundi wizejwe vuga utekereza utazi utakibasha umuyobozi umukobwa ukaba uhangayikishijwe
ugomba ugiye ubwawe sosiyete sivile ry'abagore rwo oya ntara n'iyo n'abatumirwa munsi mujyane kwemera kujyana
kuganira kibaho itanga impamvu igisubizo igikorwa ibyaha ibisubizo ibanga hitamo gukoresha guhamagara enye
byageze bwira bumwe bitumvikana bitabiriye bishobora biri bimwe bavanwamo batanga bashishikarije bakwizeza
bakoresha bakora abaturanyi abatanze""".split()

# Words for slugs: lowercase a-z only, so every slug is a valid web address.
SLUG_WORDS = [w for w in EN_WORDS if w.isalpha() and len(w) > 3]
WORDS = {"en": EN_WORDS, "rw": RW_WORDS, "fr": EN_WORDS, "sw": EN_WORDS}
LANGUAGES = ["rw", "en"]
# The languages of the translations every page has; more are added to every other page.
TRANSLATIONS = ["rw"]
EXTRA = []
FIXTURE_STRINGS = REPOSITORY / "Tests" / "BamasoSiteTests" / "Fixtures" / "four-languages" / "templates" / "i18n"
STATIONS = ["Radio Dix", "Radio Rwanda", "Radio Salus", "Radio Huguka", "Radio Maria Rwanda", "KFM"]
CALLOUT_KINDS = ["help", "warning", "note"]


def words(rng, language, count):
    vocabulary = WORDS[language]
    return [rng.choice(vocabulary) for _ in range(count)]


def sentence(rng, language, low=6, high=18):
    text = " ".join(words(rng, language, rng.randint(low, high)))
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", ".", "?", "!"])


def phrase(rng, language, low=2, high=5):
    return " ".join(words(rng, language, rng.randint(low, high)))


def title_case(text):
    return text[0].upper() + text[1:]


def quoted(text):
    """A YAML double-quoted scalar; the generated text has no quote or backslash."""
    assert '"' not in text and "\\" not in text
    return '"' + text + '"'


class Page:
    def __init__(self, section, slug, index):
        self.section = section
        self.slug = slug
        self.index = index

    @property
    def key(self):
        return "/".join(part for part in (self.section, self.slug) if part)


def plan_pages(n):
    """The regular pages of each section: slugs, in a fixed order."""
    rng = random.Random(SEED)
    pages = []
    counts = [int(round(n * share)) for _, share in SECTIONS]
    counts[0] += n - sum(counts)
    used = set()
    for (section, _), count in zip(SECTIONS, counts):
        for _ in range(count):
            while True:
                slug = "-".join(rng.sample(SLUG_WORDS, rng.randint(1, 3))) + "-" + str(rng.randint(1, 9999))
                if (section, slug) not in used:
                    used.add((section, slug))
                    break
            pages.append(Page(section, slug, len(pages)))
    return pages


class BodyWriter:
    """Markdown for one page in one language: realistic block mix, inline markup, `@/` links."""

    def __init__(self, rng, language, link_keys, same_section_keys):
        self.rng = rng
        self.language = language
        self.link_keys = link_keys
        self.same_section_keys = same_section_keys

    def link(self):
        rng = self.rng
        roll = rng.random()
        if roll < 0.55 and self.same_section_keys:
            key = rng.choice(self.same_section_keys)
        elif roll < 0.93:
            key = rng.choice(self.link_keys)
        elif roll < 0.98:
            key = rng.choice([s for s, _ in SECTIONS])
        else:
            key = ""
        return "[" + phrase(rng, self.language) + "](@/" + key + ")"

    def inline(self, low=6, high=18):
        """One sentence with, now and then, emphasis, strong emphasis, a link or code."""
        rng = self.rng
        parts = words(rng, self.language, rng.randint(low, high))
        parts[0] = title_case(parts[0])
        roll = rng.random()
        if roll < 0.20:
            i = rng.randrange(len(parts))
            parts[i] = "*" + parts[i] + "*"
        elif roll < 0.32:
            i = rng.randrange(len(parts))
            parts[i] = "**" + parts[i] + "**"
        if rng.random() < 0.22:
            parts.insert(rng.randrange(len(parts) + 1), self.link())
        if rng.random() < 0.02:
            parts.insert(rng.randrange(len(parts) + 1), "`" + rng.choice(WORDS[self.language]) + "`")
        if rng.random() < 0.01:
            parts.append("([example.org](https://example.org/" + rng.choice(SLUG_WORDS) + "))")
        return " ".join(parts) + rng.choice([".", ".", ".", ".", "?", "!"])

    def paragraph(self):
        return " ".join(self.inline() for _ in range(self.rng.randint(2, 6)))

    def block(self):
        rng = self.rng
        roll = rng.random()
        if roll < 0.42:
            return self.paragraph()
        if roll < 0.56:
            return "## " + title_case(phrase(rng, self.language, 2, 6))
        if roll < 0.61:
            return "### " + title_case(phrase(rng, self.language, 2, 6))
        if roll < 0.74:
            return "\n".join("- " + self.inline(4, 14) for _ in range(rng.randint(3, 8)))
        if roll < 0.82:
            return "\n".join(f"{i}. " + self.inline(4, 14) for i in range(1, rng.randint(3, 7) + 1))
        if roll < 0.91:
            lines = [self.inline() for _ in range(rng.randint(1, 3))]
            return "> " + " ".join(lines)
        if roll < 0.96:
            kind = rng.choice(CALLOUT_KINDS)
            return "```callout " + kind + "\n" + self.inline() + " " + self.inline() + "\n```"
        return "* " + self.inline(4, 10) + "\n  * " + self.inline(3, 8) + "\n  * " + self.inline(3, 8)

    def body(self, budget):
        """Blocks until about `budget` bytes; starts with a paragraph (the summary)."""
        blocks = [self.paragraph()]
        size = len(blocks[0].encode()) + 2
        while size < budget:
            block = self.block()
            length = len(block.encode()) + 2
            if size + length > budget + 200:
                continue
            blocks.append(block)
            size += length
        return "\n\n".join(blocks) + "\n"


def fnv1a(texts):
    """Page.translationFingerprint in Sources/BamasoParse/Page.swift: 16 hex digits of FNV-1a."""
    value = 0xcbf29ce484222325
    for text in texts:
        for byte in text.encode() + b"\0":
            value ^= byte
            value = (value * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return format(value, "016x")


def front_matter_and_texts(rng, page, language, index):
    """The front matter lines of a regular page, and its translatable texts (for the fingerprint)."""
    title = title_case(phrase(rng, language, 2, 6))
    lines = ["title: " + quoted(title)]
    texts = [title]
    if rng.random() < 0.7:
        description = sentence(rng, language, 10, 22)
        lines.append("description: " + quoted(description))
        texts.append(description)
    else:
        texts.append("")
    # Dates and weights are shared by both languages: they come from the page's own numbers.
    shared = random.Random(SEED * 31 + index)
    lines.append("date: %04d-%02d-%02d" % (shared.randint(2010, 2013), shared.randint(1, 12), shared.randint(1, 28)))
    if shared.random() < 0.5:
        lines.append("weight: %d" % shared.randint(1, 50))
    section = page.section
    if section == "risks":
        message = sentence(rng, language, 8, 16)
        lines.append("key_message: " + quoted(message))
        texts.append(message)
    elif section == "schools":
        audience, duration = title_case(phrase(rng, language, 3, 7)), "%d minutes" % (shared.randint(2, 12) * 5)
        objectives = [title_case(phrase(rng, language, 4, 9)) for _ in range(rng.randint(2, 4))]
        materials = [title_case(phrase(rng, language, 2, 6)) for _ in range(rng.randint(0, 3))]
        lines += ["audience: " + quoted(audience), "duration: " + quoted(duration), "objectives:"]
        lines += ["  - " + quoted(o) for o in objectives]
        if materials:
            lines.append("materials:")
            lines += ["  - " + quoted(m) for m in materials]
        texts += [audience, duration] + objectives + materials
    elif section == "radio":
        station, minutes = STATIONS[shared.randrange(len(STATIONS))], shared.randint(2, 12) * 5
        guests = [title_case(phrase(rng, language, 2, 5)) for _ in range(rng.randint(1, 4))]
        topics = [title_case(phrase(rng, language, 1, 3)) for _ in range(rng.randint(0, 3))]
        lines += ["station: " + quoted(station), "duration_minutes: %d" % minutes, "guests:"]
        lines += ["  - " + quoted(g) for g in guests]
        if topics:
            lines.append("topics:")
            lines += ["  - " + quoted(t) for t in topics]
        texts += [station, str(minutes)] + guests + topics
    elif section == "contact":
        organisation = "org-%02d" % (shared.randrange(ORGANISATIONS) + 1)
        lines.append("organisation: " + quoted(organisation))
        texts.append(organisation)
    return lines, texts


def page_file(lines, body):
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def regular_pages(pages, content):
    """Writes every regular page in both languages; returns their sizes in bytes."""
    keys = [p.key for p in pages]
    by_section = {}
    for p in pages:
        by_section.setdefault(p.section, []).append(p.key)
    sizes = []
    for page in pages:
        shared = random.Random(SEED * 7 + page.index)
        target = shared.randint(PAGE_MIN + 150, PAGE_MAX - 350)
        has_contact_card = page.section == "contact"
        files = {}
        translations = TRANSLATIONS + (EXTRA if page.index % 2 == 0 else [])
        for language in ["en"] + translations:  # English is the original (translation_source: en)
            rng = random.Random("%d/%d/%s" % (SEED, page.index, language))
            lines, texts = front_matter_and_texts(rng, page, language, page.index)
            if language != "en":
                lines.append("translation: draft" if shared.random() < 0.5 else "translation: reviewed")
                lines.append("translated_from: " + quoted(files["en-fingerprint"]))
            head = page_file(lines, "")
            writer = BodyWriter(rng, language, keys, by_section[page.section])
            body = writer.body(target - len(head.encode()))
            if has_contact_card:
                # The organisation's card, after the first paragraph, as on the real contact pages.
                first, _, rest = body.partition("\n\n")
                organisation = next(l for l in lines if l.startswith("organisation:")).split('"')[1]
                body = first + "\n\n```contact " + organisation + "\n```\n\n" + rest
            text = page_file(lines, body)
            files[language] = text
            if language == "en":
                files["en-fingerprint"] = fnv1a(texts + [body.strip()])
        for language in [l for l in LANGUAGES if l in files]:
            write(content / page.section / ("%s.%s.md" % (page.slug, language)), files[language])
            sizes.append(len(files[language].encode()))
    return sizes


def listing_pages(pages, content):
    """The home page and the section pages, in both languages (English first, as the original)."""
    keys = [p.key for p in pages]
    for weight, (section, _) in enumerate([("", 0)] + SECTIONS):
        index = -1 - weight
        files = {}
        for language in ["en"] + TRANSLATIONS + EXTRA:
            rng = random.Random("%d/%s/%s" % (SEED, section or "home", language))
            title = title_case(phrase(rng, language, 1, 3))
            description = sentence(rng, language, 10, 20)
            lines = ["title: " + quoted(title), "description: " + quoted(description)]
            if section:
                lines.append("weight: %d" % weight)
            if language != "en":
                lines += ["translation: reviewed", "translated_from: " + quoted(files["en-fingerprint"])]
            writer = BodyWriter(rng, language, keys, keys)
            body = writer.body(rng.randint(600, 1200))
            files[language] = page_file(lines, body)
            if language == "en":
                files["en-fingerprint"] = fnv1a([title, description, body.strip()])
        folder = content / section if section else content
        for language in LANGUAGES:
            write(folder / ("_index.%s.md" % language), files[language])


def site_yml():
    return """# Benchmark corpus written by Benchmarks/generate_corpus.py.
title:
  rw: "Ba Maso"
  en: "Ba Maso: Be Alert"
description:
  rw: "Ba maso ku icuruzwa ry'abantu: uko warimenya, uko wakwirinda n'aho wabona ubufasha mu Rwanda."
  en: "Be alert to human trafficking: how to recognise it, how to protect yourself and where to get help in Rwanda."
languages: [%s]
translation_source: en
sections: [%s]
# A full address, so the build also writes the sitemap, feeds, Open Graph tags and share links.
base_url: "https://example.org/"
help:
  contact: org-01
quick_exit: { %s }
""" % (", ".join(LANGUAGES), ", ".join(s for s, _ in SECTIONS),
       ", ".join('%s: "https://example.com/%s"' % (l, l) for l in LANGUAGES))


def organisations():
    rng = random.Random(SEED * 3)
    result = []
    for number in range(1, ORGANISATIONS + 1):
        org = {"id": "org-%02d" % number}
        org["name"] = {lang: title_case(phrase(rng, lang, 2, 4)) for lang in LANGUAGES}
        org["description"] = {lang: sentence(rng, lang, 10, 20) for lang in LANGUAGES}
        if number == 1 or rng.random() < 0.6:
            org["address"] = {lang: "KG %d St, %s, Kigali" % (rng.randint(1, 999), title_case(phrase(rng, lang, 1, 2)))
                              for lang in LANGUAGES}
            org["phones"] = ["+250 %03d %03d %03d" % (rng.randint(700, 799), rng.randint(0, 999), rng.randint(0, 999))
                             for _ in range(rng.randint(1, 2))]
            org["emails"] = ["info%d@example.org" % number]
        result.append(org)
    return result


def contacts_yml(orgs):
    out = ["# Benchmark organisations written by Benchmarks/generate_corpus.py.", ""]
    for org in orgs:
        out.append(org["id"] + ":")
        for field in ["name", "description", "address"]:
            if field in org:
                out.append("  %s:" % field)
                out += ["    %s: %s" % (lang, quoted(org[field][lang])) for lang in LANGUAGES]
        for field in ["phones", "emails"]:
            if field in org:
                out.append("  %s: [%s]" % (field, ", ".join(quoted(v) for v in org[field])))
        out.append('  source: "generated for the benchmark"')
        out.append('  as_of: "2012-11"')
        out.append("")
    return "\n".join(out)


def hugo_config(new):
    """`new`: for Hugo 0.156 and later, which renamed some keys (the old names still work
    there, with a deprecation warning); otherwise for Debian's Hugo 0.111."""
    sections = ", ".join(quoted(s) for s, _ in SECTIONS)
    label, target = ("label", "target") if new else ("languageName", "_target")
    return """# Benchmark site written by Benchmarks/generate_corpus.py: the same content as ../bamaso,
# built with layouts that do the same work as bamaso's theme.
baseURL = "https://example.org/"
title = "Ba Maso"
defaultContentLanguage = "rw"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = true
# Hugo's default page order: weight, then date (newest first), then title, as bamaso's listings.

[params]
sections = [%s]
helpContact = "org-01"
newHugo = %s

[languages.rw]
weight = 1
%s = "Ikinyarwanda"
title = "Ba Maso"
[languages.rw.params]
description = "Ba maso ku icuruzwa ry'abantu: uko warimenya, uko wakwirinda n'aho wabona ubufasha mu Rwanda."
locale = "rw_RW"
name = "Ikinyarwanda"

[languages.en]
weight = 2
%s = "English"
title = "Ba Maso: Be Alert"
[languages.en.params]
description = "Be alert to human trafficking: how to recognise it, how to protect yourself and where to get help in Rwanda."
locale = "en_GB"
name = "English"

# Like bamaso: a page per language, the section lists, one feed per language (bamaso: Atom
# of dated pages; Hugo: RSS of the language's pages), the sitemap, and the schools booklet.
[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
page = ["HTML"]

# The printable booklet of the schools section (bamaso: /LANG/schools/booklet/).
[[cascade]]
outputs = ["HTML", "booklet"]
[cascade.%s]
kind = "section"
path = "/schools"

[outputFormats.booklet]
mediaType = "text/html"
baseName = "booklet/index"
isHTML = true
permalinkable = false

# Plain CommonMark, as cmark: no extensions, no raw HTML, no typographic quotes. Heading ids
# stay on: bamaso writes them too. `codeFences` must stay on for Hugo to call the code block
# hooks that render the `callout` and `contact` components; the corpus has no other fences,
# so nothing is highlighted.
[markup]
defaultMarkdownHandler = "goldmark"
[markup.highlight]
codeFences = true
[markup.goldmark.renderer]
unsafe = false
[markup.goldmark.parser]
autoHeadingID = true
autoHeadingIDType = "github"
[markup.goldmark.parser.attribute]
block = false
title = false
[markup.goldmark.extensions]
definitionList = false
footnote = false
linkify = false
strikethrough = false
table = false
taskList = false
""" % (sections, "true" if new else "false", label, label, target) + (
        "[markup.goldmark.extensions.typographer]\ndisable = true\n" if new else "typographer = false\n")


def i18n_for_hugo(language):
    """templates/i18n/LANG.yml (key: "text") is already the simple form Hugo reads."""
    return (REPOSITORY / "templates" / "i18n" / ("%s.yml" % language)).read_text(encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="regular pages per language")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--four-languages", action="store_true", help="add fr and sw (bamaso only)")
    args = parser.parse_args()
    if args.four_languages:
        EXTRA.extend(["fr", "sw"])
        LANGUAGES.extend(["fr", "sw"])
    if args.n < 10:
        parser.error("N must be at least 10")
    out = args.outdir
    for side in ["bamaso", "hugo"]:
        if (out / side).exists():
            shutil.rmtree(out / side)

    pages = plan_pages(args.n)
    content = out / "bamaso" / "content"
    sizes = regular_pages(pages, content)
    listing_pages(pages, content)
    orgs = organisations()
    write(content / "site.yml", site_yml())
    write(content / "contacts.yml", contacts_yml(orgs))
    shutil.copytree(REPOSITORY / "templates", out / "bamaso" / "templates")
    for language in EXTRA:
        shutil.copy(FIXTURE_STRINGS / ("%s.yml" % language), out / "bamaso" / "templates" / "i18n")
    if EXTRA:
        print("wrote a four-language bamaso project (no Hugo site) into %s" % (out / "bamaso"))
        return

    hugo = out / "hugo"
    shutil.copytree(content, hugo / "content", ignore=shutil.ignore_patterns("*.yml"))
    write(hugo / "hugo.toml", hugo_config(new=True))
    write(hugo / "hugo-0.111.toml", hugo_config(new=False))
    write(hugo / "data" / "contacts.yaml", contacts_yml(orgs))
    for language in LANGUAGES:
        write(hugo / "i18n" / ("%s.yaml" % language), i18n_for_hugo(language))
    shutil.copytree(HUGO_LAYOUTS, hugo / "layouts")
    (hugo / "static").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPOSITORY / "templates" / "static" / "style.css", hugo / "static" / "style.css")

    total = sum(sizes)
    print("wrote %d pages per language (+6 listing pages) into %s: %.1f MB of Markdown, pages %d to %d bytes"
          % (args.n, out, total / 1e6, min(sizes), max(sizes)))


if __name__ == "__main__":
    sys.exit(main())
