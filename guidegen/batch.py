"""Many brands at once: one folder per brand, built by the pool of worker processes (parallel.py).

Every brand file is read and checked before any work starts, so that a bad
one stops the batch with nothing written. Each worker imports WeasyPrint and
python-pptx and parses the templates once, then builds brand after brand.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from guidegen.parallel import Pool, run_in_worker, warm_up
from guidegen.pipeline import Options, prepare, prepare_output_dir, warn_about_brand, write_documents
from guidegen.errors import BuildError, InputError, InputFileError
from guidegen.input.brand import load_brands
from guidegen.input.ladder import load_ladder
from guidegen.resources import default_ladder_path


@dataclass(frozen=True)
class BrandResult:
    brand: Path
    folder: Path
    written: tuple[Path, ...] = ()
    error: str | None = None


def _build_one(job, folder: Path, formats: tuple[str, ...]) -> tuple[Path, ...]:
    return tuple(write_documents(job, folder, formats))


def folder_names(slugs: list[str]) -> list[str]:
    """Folder names from brand names, unique among themselves: "acme", "acme", "acme-2" give
    "acme", "acme-3", "acme-2" (a counter never lands on a name another brand has)."""
    taken = set(slugs)
    names: list[str] = []
    for slug in slugs:
        name, counter = slug, 1
        while name in names or (name != slug and name in taken):
            counter += 1
            name = f"{slug}-{counter}"
        names.append(name)
    return names


def build_many(brand_paths: list[Path], options: Options, out_dir: Path, jobs: int | None = None,
               on_warning: Callable[[str], None] | None = None,
               on_done: Callable[[BrandResult, int, int], None] | None = None) -> list[BrandResult]:
    """Build every brand into ``out_dir/<brand name>/``; returns one result per brand, in the given order."""
    ladder = load_ladder(options.ladder_path or default_ladder_path(), on_warning=on_warning)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(brand_paths)))
    if jobs == 1:
        return _build_in_turn(_prepare_all(brand_paths, options, ladder, out_dir, on_warning), brand_paths, options,
                              ladder.language, on_done)
    # The workers start now and import the renderers while the brands are read and checked here; a brand
    # with problems stops them, before anything is written.
    with Pool(jobs, ladder.language, deck_too=True) as pool:
        jobs_to_do, folders = _prepare_all(brand_paths, options, ladder, out_dir, on_warning)
        results: list[BrandResult | None] = [None] * len(jobs_to_do)
        pending: dict[Future, int] = {pool.submit(run_in_worker, _build_one, job, folder, options.formats): index
                                      for index, (job, folder) in enumerate(zip(jobs_to_do, folders))}
        done_count = 0
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                results[index] = _run(brand_paths[index], folders[index], future.result)
                done_count += 1
                if on_done:
                    on_done(results[index], done_count, len(jobs_to_do))
    return results  # type: ignore[return-value]


def _prepare_all(brand_paths: list[Path], options: Options, ladder, out_dir: Path,
                 on_warning: Callable[[str], None] | None) -> tuple[list, list[Path]]:
    """Every brand read and checked (all problems at once), a job and an output folder for each."""
    brands, problems = [], []
    for brand in load_brands(brand_paths):  # their SVG logos drawn all together
        if isinstance(brand, InputFileError):
            problems.extend(brand.problems)
        else:
            brands.append(brand)
            warn_about_brand(brand, on_warning)
    if problems:
        raise InputFileError(problems)
    jobs_to_do, template_warnings = [], on_warning
    for brand in brands:  # the template's warnings once, not once per brand
        jobs_to_do.append(prepare(options, ladder, brand, template_warnings))
        template_warnings = None
    folders = [out_dir / name for name in folder_names([brand.slug for brand in brands])]
    for folder in folders:
        prepare_output_dir(folder)
    return jobs_to_do, folders


def _build_in_turn(prepared: tuple[list, list[Path]], brand_paths: list[Path], options: Options, language: str,
                   on_done: Callable[[BrandResult, int, int], None] | None) -> list[BrandResult]:
    """The brands one after another in this process (``--jobs 1``)."""
    jobs_to_do, folders = prepared
    warm_up(language, deck_too=True)
    results = []
    for index, (job, folder) in enumerate(zip(jobs_to_do, folders)):
        results.append(_run(brand_paths[index], folder, partial(_build_one, job, folder, options.formats)))
        if on_done:
            on_done(results[index], index + 1, len(jobs_to_do))
    return results


def _run(brand: Path, folder: Path, work: Callable[[], tuple[Path, ...]]) -> BrandResult:
    """One brand's outcome; a brand that fails leaves no empty folder and does not stop the others."""
    try:
        return BrandResult(brand, folder, written=work())
    except (InputError, BuildError) as exc:
        error = exc.format_message()
    except Exception as exc:  # noqa: BLE001 (a bug, or a worker that died: this brand fails, the rest go on)
        error = f"internal error: {type(exc).__name__}: {exc}"
    try:
        folder.rmdir()  # only if empty: earlier documents of this brand stay
    except OSError:
        pass
    return BrandResult(brand, folder, error=error)
