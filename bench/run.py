"""guidegen's benchmark: medians of whole commands, as a user runs them, beside a plain pandoc pipeline.

    python bench/run.py              # 5 runs of each; --runs N to change; --quick for 2 runs, fewer brands
    python bench/run.py --markdown   # the table for the README

Each figure is the median wall time of fresh processes (imports included) and
their peak memory (maximum resident set size). The pandoc pipeline renders the
same content (the default ladder written out as Markdown) into a PPTX and, with
WeasyPrint as its engine, into a PDF. Nothing here is a test: it only measures.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from guidegen.resources import default_ladder_path  # noqa: E402


def timed(command: list[str], runs: int, cwd: Path | None = None) -> tuple[float, float, float]:
    """Median wall time, peak memory and median processor time over ``runs`` fresh processes."""
    times, memory, cpu = [], [], []
    for _ in range(runs):
        wall, rss, processor = _run_one(command, cwd)
        times.append(wall)
        memory.append(rss)
        cpu.append(processor)
    return statistics.median(times), max(memory), statistics.median(cpu)


def _run_one(command: list[str], cwd: Path | None) -> tuple[float, float, float]:
    """Wall seconds, peak memory (MB) of the largest process, and processor seconds (all processes)
    of one fresh run, read from its resource usage, which includes the child processes it waited for."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def ladder_as_markdown(path: Path) -> str:
    """The ladder's content as the Markdown a user would give pandoc."""
    from guidegen.input.ladder import load_ladder

    ladder = load_ladder(path)
    lines = [f"% {ladder.title}", f"% {ladder.source.author}", "", "# Introduction", ""]
    lines += [p + "\n" for p in ladder.introduction]
    labels = ladder.labels
    for rung in ladder.rungs:
        lines += [f"# {rung.title} ({rung.short})", "", f"**{labels.what_it_is}:** {rung.what_it_is}", "",
                  f"## {labels.responsibilities}", ""]
        lines += [f"- {item}" for item in rung.responsibilities]
        lines += ["", f"## {labels.leadership}", ""]
        lines += [f"- **{s.name}:** {s.description}" for s in rung.leadership]
        lines += ["", f"## {labels.soft_skills}", ""]
        lines += [f"- **{s.name}:** {s.description}" for s in rung.soft_skills]
        lines += ["", f"## {labels.example}", "", f"*{rung.example.setting}.* {rung.example.story}", ""]
    lines += [f"# {ladder.conclusion.heading}", ""] + [p + "\n" for p in ladder.conclusion.paragraphs]
    return "\n".join(lines)


def big_ladder(count: int) -> dict:
    rungs = []
    for number in range(1, count + 1):
        rungs.append({
            "id": f"level-{number}", "title": f"Engineer Level {number}", "short": f"L{number}",
            "what_it_is": f"Level {number} of a long engineering ladder, with its own scope and expectations.",
            "responsibilities": [f"Deliver the level-{number} scope of work item {k} with care." for k in range(4)],
            "leadership": [{"name": f"Leadership {number}.{k}", "description": "Guides others by example."}
                           for k in range(2)],
            "soft_skills": [{"name": f"Skill {number}.{k}", "description": "Works well with other people."}
                            for k in range(5)],
            "example": {"setting": f"Team {number}", "story": "A project that shows the level at work."},
        })
    return {"title": f"A {count}-Rung Ladder", "source": {"title": "Benchmark", "author": "guidegen"},
            "introduction": ["A generated ladder for the benchmark."],
            "conclusion": {"heading": "End", "paragraphs": ["Done."]}, "rungs": rungs}


def brands(folder: Path, count: int) -> list[Path]:
    """``count`` brand files: the three examples' logos and fonts, each in its own colours."""
    examples = sorted(p for p in (ROOT / "examples").iterdir() if (p / "brand.yml").exists())
    paths = []
    for index in range(count):
        source = examples[index % len(examples)]
        target = folder / f"brand-{index:02d}"
        shutil.copytree(source, target)
        brand = yaml.safe_load((target / "brand.yml").read_text())
        brand["meta"] = {"name": f"Company {index:02d}"}
        brand.setdefault("color", {})["primary"] = f"#{(index * 37) % 200:02X}3A{(index * 91) % 200:02X}"
        (target / "brand.yml").write_text(yaml.safe_dump(brand))
        paths.append(target / "brand.yml")
    return paths


def people_batch(guidegen: list[str], count: int, work: Path) -> list[tuple[str, tuple[float, float, float], str]]:
    """The people batch: a first run (time per handout, the process tree's memory at the 100th handout and at
    the last, sampled as they are reported) and an unchanged rerun."""
    from people import write_people

    people = write_people(work / f"people-{count}.csv", count)
    out = work / f"people-{count}"
    started = time.perf_counter()
    process = subprocess.Popen([*guidegen, "build", "--people", str(people), "--out", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    sampled: dict[int, float] = {}
    for line in process.stdout:
        if line.startswith("["):
            done = int(line[1:].split("/", 1)[0])
            if done in (100, count - 100, count - 1):
                sampled[done] = _tree_megabytes(process.pid)
    _, status, usage = os.wait4(process.pid, 0)
    first = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the {count}-person batch failed")
    rerun = timed([*guidegen, "build", "--people", str(people), "--out", str(out)], 1)
    # Workers are replaced every 100 handouts each: the 100th and the (count - 100)th are at the same point
    # of a worker's life, so the two show whether memory grows over the run.
    memory = (f"memory {sampled.get(100, 0):.0f} MB at the 100th, {sampled.get(count - 100, 0):.0f} MB at the "
              f"{count - 100}th, {sampled.get(count - 1, 0):.0f} MB at the {count - 1}th" if count > 200 else "")
    return [(f"{count} personal handouts (--people)", (first, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime),
             f"{first / count:.3f} s a handout; {memory}".rstrip("; ")),
            (f"{count} personal handouts, unchanged rerun", rerun, f"{rerun[0] / first:.3f} of the first run")]


def _tree_megabytes(pid: int) -> float:
    """Resident memory of a process and its children, now."""
    pids = [pid] + [int(child) for child in subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)],
                                                            capture_output=True, text=True).stdout.split()]
    total = 0
    for each in pids:
        try:
            total += next(int(line.split()[1]) for line in Path(f"/proc/{each}/status").read_text().splitlines()
                          if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            pass
    return total / 1024


def machine() -> str:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    from weasyprint import __version__ as weasyprint_version
    from weasyprint.text import ffi

    subset = "HarfBuzz" if getattr(ffi, "harfbuzz_subset", None) is not None else "fontTools"
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, WeasyPrint {weasyprint_version} "
            f"(fonts subset with {subset}), {platform.system()} {platform.release()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="2 runs and a 6-brand batch: a smoke run")
    parser.add_argument("--markdown", action="store_true", help="print the results as a Markdown table")
    parser.add_argument("--markdown-of", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--people-only", action="store_true", help="only the people batches (200 and 1,000)")
    args = parser.parse_args()
    if args.markdown_of:
        # Run in a child process: Linux counts the memory a process had when it started a command
        # in that command's peak, so this process stays small (no pydantic) while it measures.
        print(ladder_as_markdown(args.markdown_of))
        return 0
    runs = 2 if args.quick else args.runs
    brand_count = 6 if args.quick else 20
    # The console scripts installed beside this interpreter, for guidegen and for the weasyprint that
    # pandoc runs: on PATH there may be wrappers (pyenv's shims cost 50 ms a start) that a user's
    # virtual environment would not have. Both pipelines get the same.
    bin_dir = Path(sys.executable).parent
    os.environ["PATH"] = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    script = shutil.which("guidegen")
    guidegen = [script] if script else [sys.executable, "-m", "guidegen"]
    rows: list[tuple[str, tuple[float, float, float], str]] = []

    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        if args.people_only:
            for count in (200, 1000):
                rows += people_batch(guidegen, count, work)
            _print(rows, runs, args.markdown)
            return 0
        rows.append(("python -c pass (interpreter start, for reference)", timed([sys.executable, "-c", "pass"], runs), ""))
        rows.append(("python -S -c pass (start without site hooks)", timed([sys.executable, "-S", "-c", "pass"], runs),
                     ""))
        rows.append(("guidegen --help", timed([*guidegen, "--help"], runs), "target 0.15 s"))
        rows.append(("guidegen validate (default ladder)",
                     timed([*guidegen, "validate", str(default_ladder_path())], runs), "target 0.15 s"))
        build = timed([*guidegen, "build", "--out", str(work / "default")], runs)
        rows.append(("guidegen build (default ladder, PDF + PPTX)", build, ""))

        if shutil.which("pandoc"):
            markdown = work / "ladder.md"
            markdown.write_text(subprocess.run([sys.executable, __file__, "--markdown-of", str(default_ladder_path())],
                                               capture_output=True, text=True, check=True).stdout)
            pptx = timed(["pandoc", str(markdown), "-o", str(work / "pandoc.pptx")], runs)
            pdf = timed(["pandoc", str(markdown), "--pdf-engine=weasyprint", "-o", str(work / "pandoc.pdf")], runs)
            rows.append(("pandoc: Markdown to PPTX", pptx, ""))
            rows.append(("pandoc: Markdown to PDF (--pdf-engine=weasyprint)", pdf, ""))
            pipeline = (pptx[0] + pdf[0], 0.0, pptx[2] + pdf[2])
            rows.append(("pandoc pipeline, both", pipeline,
                         f"guidegen build / pandoc = {build[0] / pipeline[0]:.2f} (target 1.0)"))
        else:
            rows.append(("pandoc pipeline", (float("nan"), 0.0, 0.0),
                         "pandoc not installed: scripts/install-system-deps.sh --bench"))

        path = work / "big.yaml"
        path.write_text(yaml.safe_dump(big_ladder(100)))
        rows.append(("guidegen build, 100-rung ladder",
                     timed([*guidegen, "build", "--ladder", str(path), "--out", str(work / "big")], max(1, runs // 2)),
                     "target < 10 s, < 400 MB"))

        brand_files = brands(work / "brands", brand_count)
        brand_args = [arg for brand in brand_files for arg in ("--brand", str(brand))]
        serial = timed([*guidegen, "build", "--jobs", "1", "--out", str(work / "serial"), *brand_args], 1)
        parallel = timed([*guidegen, "build", "--out", str(work / "parallel"), *brand_args], 1)
        rows.append((f"{brand_count}-brand batch, --jobs 1", serial, ""))
        rows.append((f"{brand_count}-brand batch, --jobs {os.cpu_count()}", parallel,
                     f"speed-up {serial[0] / parallel[0]:.2f}x (target 1.7x on 2 cores)"))
        for count in ((40,) if args.quick else (200, 1000)):
            rows += people_batch(guidegen, count, work)

    _print(rows, runs, args.markdown)
    return 0


def _print(rows, runs: int, markdown: bool) -> None:
    print(f"Machine: {machine()}")
    print(f"Medians of {runs} runs (batches: 1 run each). Memory: the largest process; CPU: all processes.")
    if markdown:
        print("\n| what | median | CPU time | peak memory | note |\n|---|---|---|---|---|")
        for name, (seconds, megabytes, cpu), note in rows:
            memory = f"{megabytes:.0f} MB" if megabytes else ""
            print(f"| {name} | {seconds:.3f} s | {cpu:.2f} s | {memory} | {note} |")
    else:
        for name, (seconds, megabytes, cpu), note in rows:
            memory = f"{megabytes:6.0f} MB" if megabytes else " " * 9
            print(f"{name:<55} {seconds:7.3f} s {cpu:7.2f} s CPU {memory}  {note}")


if __name__ == "__main__":
    sys.exit(main())
