#!/usr/bin/env python3
"""Does a rebuild with images, none of them changed, cost no more than 5 % over the same site
without them? (issue 17)

    python3 Benchmarks/images.py [--pages 1000] [--photos 20] [--runs 7] [--binary PATH]

Writes the benchmark corpus of --pages pages per language twice: as it is, and with --photos
photos (2400x1600 JPEGs of noise, made with libvips' `vips` command, the hardest kind to
compress) shown on as many risk pages, in both languages. Builds each once (the photos are
encoded and cached in .bamaso-cache/), then rebuilds both over their previous output, --runs
times, alternating, and prints the medians and their ratio (target: at most 1.05).
"""
import argparse
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY / "Benchmarks"))
from languages import build_bamaso  # noqa: E402


def add_photos(project, count):
    media = project / "content" / "media"
    media.mkdir(parents=True, exist_ok=True)
    noise = project / "noise.v"
    for number in range(1, count + 1):
        subprocess.run(["vips", "gaussnoise", str(noise), "2400", "1600", "--sigma", "40", "--mean",
                        str(100 + number)], check=True)
        subprocess.run(["vips", "copy", str(noise), "%s[Q=85]" % (media / ("photo-%d.jpg" % number))], check=True)
    noise.unlink()
    pages = sorted(p for p in (project / "content" / "risks").glob("*.en.md") if not p.name.startswith("_"))
    for number, page in enumerate(pages[:count], 1):
        for language in ["en", "rw"]:
            path = page.with_name(page.name.replace(".en.md", ".%s.md" % language))
            path.write_text(path.read_text(encoding="utf-8")
                            + "\n\n![A generated test photo, number %d](/media/photo-%d.jpg)\n" % (number, number),
                            encoding="utf-8")


def build(binary, project, output):
    started = time.perf_counter()
    run = subprocess.run([str(binary), "build", "--root", str(project), "--output", str(output)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("bamaso build failed:\n" + run.stdout + run.stderr)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--binary", type=pathlib.Path)
    args = parser.parse_args()
    binary = args.binary or build_bamaso()
    work = pathlib.Path(tempfile.mkdtemp(prefix="bamaso-images-"))
    try:
        subprocess.run([sys.executable, str(REPOSITORY / "Benchmarks" / "generate_corpus.py"), str(args.pages),
                        str(work / "plain")], check=True, stdout=subprocess.DEVNULL)
        shutil.copytree(work / "plain", work / "photos")
        add_photos(work / "photos" / "bamaso", args.photos)
        sites = {"without images": work / "plain" / "bamaso", "with %d photos" % args.photos: work / "photos" / "bamaso"}
        first = {name: build(binary, project, project.parent / "out") for name, project in sites.items()}
        times = {name: [] for name in sites}
        for _ in range(args.runs):
            for name, project in sites.items():
                times[name].append(build(binary, project, project.parent / "out"))
        for name in sites:
            print("%-16s first build %.2f s; rebuild median %.3f s of %s"
                  % (name, first[name], statistics.median(times[name]), ", ".join("%.2f" % t for t in times[name])))
        plain, photos = (statistics.median(t) for t in times.values())
        print("rebuild with images / without: %.3f (target: at most 1.05)" % (photos / plain))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
