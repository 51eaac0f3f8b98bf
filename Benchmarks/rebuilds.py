#!/usr/bin/env python3
"""Is a rebuild over the previous site no slower than a build into an empty folder, in the
cases staff live with? (issue 19)

    python3 Benchmarks/rebuilds.py [--pages 5000] [--runs 3] [--binary PATH] [--corpus DIR] [--cold]

Times, alternating, three builds of one corpus with `--timings`:

- into an empty folder (earlier outputs moved aside, and deleted only at the end, as run.py does);
- over the previous output after a change to the stylesheet, which changes the link in every
  page's head: every page is written again;
- over the previous output, nothing changed (after one more build, as the staging folder holds
  the site before the change until then).

With --cold (as root), the system's file cache is emptied before each build
(`/proc/sys/vm/drop_caches`): the morning after, yesterday's site and the content are on the
disk only, while `Benchmarks/run.py` rebuilds right after a build. Prints the medians of the wall
time and of each stage, and each rebuild's ratio to the build into an empty folder (target: at
most 1.0). The corpus is copied first, as its stylesheet is changed.
"""
import argparse
import os
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
from run import STAGES, WRITE_PARTS, clean, set_aside, stage_times  # noqa: E402

SCENARIOS = ["into an empty folder", "over its previous output", "every page changed"]


def forget_files():
    """Writes what is pending to the disk, then empties the system's file cache."""
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as control:
        control.write("3\n")


def build(binary, project, output, cold):
    if cold:
        forget_files()
    else:
        os.sync()
    started = time.perf_counter()
    run = subprocess.run([str(binary), "build", "--root", str(project), "--output", str(output), "--timings"],
                         capture_output=True, text=True)
    wall = time.perf_counter() - started
    if run.returncode != 0:
        sys.exit("bamaso build failed:\n" + run.stdout + run.stderr)
    return wall, stage_times(run.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=5000, help="pages per language of the generated corpus")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--binary", type=pathlib.Path)
    parser.add_argument("--corpus", type=pathlib.Path, help="a project folder to build instead of a generated one")
    parser.add_argument("--cold", action="store_true", help="empty the file cache before each build (root only)")
    args = parser.parse_args()
    if args.cold:
        try:
            forget_files()
        except OSError as error:
            sys.exit("cannot empty the system's file cache (%s): run this script as root, or without --cold" % error)
    binary = args.binary or build_bamaso()
    work = pathlib.Path(tempfile.mkdtemp(prefix="bamaso-rebuilds-"))
    try:
        project = work / "project"
        if args.corpus is None:
            subprocess.run([sys.executable, str(REPOSITORY / "Benchmarks" / "generate_corpus.py"), str(args.pages),
                            str(work / "corpus")], check=True, stdout=subprocess.DEVNULL)
            (work / "corpus" / "bamaso").rename(project)
        else:
            shutil.copytree(args.corpus, project, symlinks=True)
        stylesheet = project / "templates" / "static" / "style.css"
        rebuilt = work / "rebuilt"
        # Two builds first: the second leaves the site before it as the staging folder, as every
        # rebuild after it finds things.
        for _ in range(2):
            build(binary, project, rebuilt, False)
        results = {scenario: [] for scenario in SCENARIOS}
        for run in range(args.runs):
            with stylesheet.open("a", encoding="utf-8") as css:
                css.write("/* changed for run %d */\n" % run)
            results["every page changed"].append(build(binary, project, rebuilt, args.cold))
            # The staging folder still holds the site before the change: one more build brings
            # it up to date, and the next finds nothing to write, as day-to-day rebuilds do.
            build(binary, project, rebuilt, False)
            results["over its previous output"].append(build(binary, project, rebuilt, args.cold))
            empty = work / "empty"
            set_aside(work, empty, *work.glob(".empty.*"))
            results["into an empty folder"].append(build(binary, project, empty, args.cold))
        print("%d runs each%s; medians:" % (args.runs, ", the file cache emptied before every build" if args.cold else ""))
        for scenario, runs in results.items():
            stages = ", ".join("%s %.3f s" % (stage, statistics.median(r[1].get(stage, 0) for r in runs))
                               for stage in STAGES + WRITE_PARTS)
            print("%-25s wall %.2f s (%s); %s" % (scenario, statistics.median(r[0] for r in runs),
                                                 ", ".join("%.2f" % r[0] for r in runs), stages))
        empty = statistics.median(r[0] for r in results["into an empty folder"])
        for scenario in SCENARIOS[1:]:
            print("%s / into an empty folder: %.2f (target: at most 1.0)"
                  % (scenario, statistics.median(r[0] for r in results[scenario]) / empty))
    finally:
        clean(work)


if __name__ == "__main__":
    main()
