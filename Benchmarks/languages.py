#!/usr/bin/env python3
"""Does a build stay linear in its pages when a site has four languages instead of two?

    python3 Benchmarks/languages.py [--sizes 5000] [--runs 3] [--binary PATH]

For each N, writes the benchmark corpus of N pages per language twice with
Benchmarks/generate_corpus.py: in rw and en (2 x N regular pages), and with --four-languages
(French and Swahili added to every listing page and to every other regular page, so 3 x N).
Builds each with the release bamaso, alternating, in two scenarios: "empty" (into an empty
folder) and "rebuild" (over the output the previous build of that scenario left). Prints, per
scenario, the median wall time and peak memory of each, the ratio of pages, the ratio of times,
and the time per page of four languages against two (at most 1.1 keeps the target of issue 15:
at most 2.2 times the time for twice the pages).
"""
import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


def build_bamaso():
    subprocess.run(["swift", "build", "-c", "release", "--scratch-path", ".build-bench", "--product", "bamaso"],
                   cwd=REPOSITORY, check=True, stdout=subprocess.DEVNULL)
    path = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", ".build-bench", "--show-bin-path"],
                          cwd=REPOSITORY, check=True, capture_output=True, text=True).stdout.strip()
    return Path(path) / "bamaso"


RUN = [0]


def measure(binary, project, output, scenario):
    """One build: (wall seconds, peak memory in MB, pages written). "empty" builds into a new
    folder each time, and earlier ones are only deleted at the end: on this file system, files
    created right after a mass deletion are several times slower to make (see results.md)."""
    if scenario == "empty":
        RUN[0] += 1
        output = output.with_name("%s-%d" % (output.name, RUN[0]))
    command = ["/usr/bin/time", "-f", "%M", str(binary), "build", "--root", str(project), "--output", str(output)]
    started = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if run.returncode != 0:
        sys.exit("bamaso build failed:\n" + run.stdout + run.stderr)
    rss_kb = int(run.stderr.strip().splitlines()[-1])
    pages = sum(1 for _ in output.rglob("index.html"))
    return wall, rss_kb / 1024, pages


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--binary", type=Path, help="a bamaso binary (default: a release build of this checkout)")
    args = parser.parse_args()
    binary = args.binary or build_bamaso()
    work = Path(tempfile.mkdtemp(prefix="bamaso-languages-"))
    try:
        for n in args.sizes:
            corpora = {}
            for name, extra in [("2 languages", []), ("4 languages", ["--four-languages"])]:
                folder = work / ("%d-%s" % (n, name[0]))
                subprocess.run([sys.executable, str(REPOSITORY / "Benchmarks" / "generate_corpus.py"), str(n),
                                str(folder)] + extra, check=True, stdout=subprocess.DEVNULL)
                corpora[name] = folder / "bamaso"
            for scenario in ["empty", "rebuild"]:
                samples = {name: [] for name in corpora}
                # One warm-up each (it also leaves the output a rebuild starts from).
                for name, project in corpora.items():
                    measure(binary, project, work / ("out-%s-%s" % (scenario, name[0])), scenario)
                for _ in range(args.runs):
                    for name, project in corpora.items():
                        samples[name].append(measure(binary, project, work / ("out-%s-%s" % (scenario, name[0])),
                                                     scenario))
                print("N=%d, %s:" % (n, "into an empty folder" if scenario == "empty" else "over the previous output"))
                medians = {}
                for name, runs in samples.items():
                    wall = statistics.median(r[0] for r in runs)
                    memory = statistics.median(r[1] for r in runs)
                    pages = runs[0][2]
                    medians[name] = (wall, pages)
                    print("  %-12s %6d pages  %6.2f s  %5.0f MB" % (name, pages, wall, memory))
                (wall2, pages2), (wall4, pages4) = medians["2 languages"], medians["4 languages"]
                print("  pages x%.2f, time x%.2f, time per page x%.2f (target: at most 1.10)"
                      % (pages4 / pages2, wall4 / wall2, (wall4 / pages4) / (wall2 / pages2)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
