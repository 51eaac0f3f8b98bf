#!/usr/bin/env python3
"""Is a rebuild over yesterday's site, no longer in the system's memory, no slower than a build
into an empty folder? (issue 19)

    sudo python3 Benchmarks/cold_rebuild.py [--pages 5000] [--runs 3] [--binary PATH] [--corpus DIR]

Staff rebuild in the morning what they built the day before: by then the system has let the
previous site, and the content, go from its memory, and every file a build reads comes from the
disk. `Benchmarks/run.py` rebuilds right after a build, with all of it still in memory. This
script empties the system's file cache before each build (`/proc/sys/vm/drop_caches`, which
needs root) and times, alternating, a rebuild over the previous output and a build into an
empty folder (earlier outputs moved aside, as run.py does), with `--timings`. It prints the
medians of the wall time and of each stage, and the ratio rebuild / empty (target: at most 1.0).
"""
import argparse
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY / "Benchmarks"))
from languages import build_bamaso  # noqa: E402

STAGES = ["load", "parse", "resolve", "render", "write", "writing", "syncing", "cleaning up"]


def forget_files():
    """Writes what is pending to the disk, then empties the system's file cache."""
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as control:
        control.write("3\n")


def build(binary, project, output):
    forget_files()
    started = time.perf_counter()
    run = subprocess.run([str(binary), "build", "--root", str(project), "--output", str(output), "--timings"],
                         capture_output=True, text=True)
    wall = time.perf_counter() - started
    if run.returncode != 0:
        sys.exit("bamaso build failed:\n" + run.stdout + run.stderr)
    stages = {}
    for line in run.stdout.splitlines():
        found = re.match(r"\s+([a-z ]+?)\s+([0-9.]+) s$", line)
        if found and found.group(1) in STAGES:
            stages[found.group(1)] = float(found.group(2))
    return wall, stages


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=5000, help="pages per language of the generated corpus")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--binary", type=pathlib.Path)
    parser.add_argument("--corpus", type=pathlib.Path, help="a project folder to build instead of a generated one")
    args = parser.parse_args()
    try:
        forget_files()
    except OSError as error:
        sys.exit("cannot empty the system's file cache (%s): run this script as root" % error)
    binary = args.binary or build_bamaso()
    work = pathlib.Path(tempfile.mkdtemp(prefix="bamaso-cold-"))
    try:
        project = args.corpus
        if project is None:
            subprocess.run([sys.executable, str(REPOSITORY / "Benchmarks" / "generate_corpus.py"), str(args.pages),
                            str(work / "corpus")], check=True, stdout=subprocess.DEVNULL)
            project = work / "corpus" / "bamaso"
        rebuilt = work / "rebuilt"
        # Two builds first: the second leaves the site before it as the staging folder, as every
        # rebuild after it finds things.
        for _ in range(2):
            build(binary, project, rebuilt)
        aside = work / "aside"
        aside.mkdir()
        results = {"over its previous output": [], "into an empty folder": []}
        for run in range(args.runs):
            results["over its previous output"].append(build(binary, project, rebuilt))
            empty = work / "empty"
            for entry in work.iterdir():
                if entry.name == "empty" or entry.name.startswith(".empty."):
                    entry.rename(aside / ("%d-%s" % (run, entry.name)))
            results["into an empty folder"].append(build(binary, project, empty))
        print("%d runs each, the file cache emptied before every build; medians:" % args.runs)
        for scenario, runs in results.items():
            stages = ", ".join("%s %.3f s" % (stage, statistics.median(r[1].get(stage, 0) for r in runs))
                               for stage in STAGES)
            print("%-25s wall %.2f s (%s); %s" % (scenario, statistics.median(r[0] for r in runs),
                                                 ", ".join("%.2f" % r[0] for r in runs), stages))
        rebuild, empty = (statistics.median(r[0] for r in runs) for runs in results.values())
        print("rebuild over the previous output / build into an empty folder: %.2f (target: at most 1.0)"
              % (rebuild / empty))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
