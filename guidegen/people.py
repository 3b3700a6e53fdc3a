"""Personal onboarding handouts, one per person of an HR export (``guidegen build --people``).

Every row is checked before anything is written: an unknown rung, a target below the person's rung,
a date that is not one, an empty name, each reported with its line and column. Then each person's
handout (their band, their rung's chapter, what grows toward their target, a plan to fill in) is laid
out by the pool of worker processes, and a handout whose inputs have not changed since the last run
is left as it is. A person's details appear in their own file only: progress lines name rows, never
people, and the record of what was built keeps digests, not names.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path

from guidegen._version import __version__
from guidegen.errors import BuildError, InputError, InputFileError, did_you_mean
from guidegen.input.schema import BIDI_CONTROLS, Ladder
from guidegen.view.ladder_view import LadderView, RungView

COLUMNS = ("name", "rung", "target", "manager", "start_date", "team", "note")
MAX_PEOPLE = 50_000
MAX_FIELD = {"name": 120, "manager": 120, "team": 120, "note": 300}
RECORD = ".guidegen-people.json"  # beside the handouts: which inputs made each file, as digests
FOLDER = "people"
QUEUED_PER_WORKER = 3  # enough that a worker never waits for its next handout
HANDOUTS_PER_WORKER = 100  # then the worker is replaced (see build_people)


@dataclass(frozen=True)
class Person:
    """One row of the people file, checked: rung and target are rung ids."""

    line: int
    name: str
    rung: str
    target: str | None = None
    manager: str | None = None
    start_date: date | None = None
    team: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class PersonResult:
    line: int
    target: Path
    status: str  # "written", "up to date" or "failed"
    error: str | None = None


def _header_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


def _clean(value: str, column: str, problems: list[str], where: str) -> str | None:
    value = " ".join(value.split())
    if not value:
        return None
    if any(ord(c) < 32 or c in BIDI_CONTROLS for c in value):
        problems.append(f"{where}: {column}: has control characters; give plain text")
    elif len(value) > MAX_FIELD.get(column, 200):
        problems.append(f"{where}: {column}: longer than {MAX_FIELD.get(column, 200)} characters")
    return value


def read_people(path: Path, ladder: Ladder, view: LadderView, on_warning=None) -> list[Person]:
    """Every person of ``path`` (.csv, or .xlsx's first sheet), checked against the ladder; or
    ``InputFileError`` listing every problem at ``file:line`` and its column."""
    from guidegen.input.spreadsheet import read_table

    rows = read_table(path, MAX_PEOPLE + 20)
    header_index = next((index for index, row in enumerate(rows) if any(cell.strip() for cell in row)), None)
    if header_index is None:
        raise InputFileError([f"{path}: is empty; give a header row (name, rung, ...) and a row per person"])
    header = [_header_key(cell) for cell in rows[header_index]]
    positions = {key: header.index(key) for key in COLUMNS if key in header}
    missing = [key for key in ("name", "rung") if key not in positions]
    if missing:
        raise InputFileError([f"{path}:{header_index + 1}: no {' or '.join(missing)} column; the header needs "
                              f"name and rung (and may have {', '.join(COLUMNS[2:])})"])
    ignored = [rows[header_index][index].strip() for index, key in enumerate(header)
               if key and key not in COLUMNS]
    if ignored and on_warning:
        on_warning(f"{path}:{header_index + 1}: columns ignored: {', '.join(ignored)} "
                   f"(guidegen reads {', '.join(COLUMNS)})")

    by_name = _rung_names(ladder)
    reachable = {rung.rung.id: {above.rung.id for above in further_up(view, rung)} for rung in view.rungs}
    people, problems = [], []
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        if not any(cell.strip() for cell in row):
            continue
        line = index + 1
        where = f"{path}:{line}"
        cell = {key: (row[position] if position < len(row) else "") for key, position in positions.items()}
        before = len(problems)
        name = _clean(cell["name"], "name", problems, where)
        if name is None:
            problems.append(f"{where}: name: is empty; every row needs the person's name")
        rung = _rung(cell["rung"], "rung", by_name, problems, where)
        target = _rung(cell.get("target", ""), "target", by_name, problems, where, required=False)
        if rung and target and target not in reachable.get(rung, set()):
            problems.append(f"{where}: target: {cell['target'].strip()!r} is not above {cell['rung'].strip()!r}; "
                            f"a target is a rung further up the person's ladder")
        start = None
        if cell.get("start_date", "").strip():
            text = cell["start_date"].strip()[:10] if re.match(r"^\d{4}-\d{2}-\d{2}[T ]00:00", cell["start_date"]
                                                                .strip()) else cell["start_date"].strip()
            try:
                start = date.fromisoformat(text)
            except ValueError:
                problems.append(f"{where}: start_date: {cell['start_date'].strip()!r} is not a date; write it as "
                                f"YYYY-MM-DD (2026-09-01)")
        extra = {key: _clean(cell.get(key, ""), key, problems, where) for key in ("manager", "team", "note")}
        if len(problems) == before:
            people.append(Person(line, name, rung, target, start_date=start, **extra))
    if problems:
        raise InputFileError(problems)
    if not people:
        raise InputFileError([f"{path}: has a header but no people"])
    return people


def further_up(context: LadderView, view: RungView) -> list[RungView]:
    """Every rung further up ``view``'s ladder, on any track after a fork."""
    found: dict[str, RungView] = {}
    frontier = list(context.above(view))
    while frontier:
        up = frontier.pop()
        if up.rung.id not in found:
            found[up.rung.id] = up
            frontier.extend(context.above(up))
    return list(found.values())


def _rung_names(ladder: Ladder) -> dict[str, str]:
    """A rung's id, title and short name (folded) -> its id."""
    names: dict[str, str] = {}
    for rung in ladder.rungs:
        for name in (rung.short, rung.title, rung.id):
            names[name.casefold()] = rung.id
    return names


def _rung(value: str, column: str, by_name: dict[str, str], problems: list[str], where: str,
          required: bool = True) -> str | None:
    value = " ".join(value.split())
    if not value:
        if required:
            problems.append(f"{where}: {column}: is empty; give the rung's id or title")
        return None
    found = by_name.get(value.casefold())
    if found is None:
        ids = sorted(set(by_name.values()), key=list(by_name.values()).index)
        problems.append(f"{where}: {column}: unknown rung {value!r}{did_you_mean(value, by_name)} "
                        f"(rungs: {', '.join(ids)})")
    return found


# -- file names ---------------------------------------------------------------------------------------

def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-")[:60].strip("-")
    if len(slug) < 2:  # a name in a script without Latin letters: a stable name from the name itself
        slug = "person-" + hashlib.sha256(name.encode()).hexdigest()[:10]
    return slug


def file_names(people: list[Person]) -> list[str]:
    """A safe, unique, stable file name per person: "Zoë O'Brien" -> "zoe-o-brien.pdf"; the second of
    two people with the same name gets "-2" (by their order in the file)."""
    names, seen = [], {}
    for person in people:
        slug = _slug(person.name)
        count = seen.get(slug, 0) + 1
        seen[slug] = count
        names.append(f"{slug}.pdf" if count == 1 else f"{slug}-{count}.pdf")
    return names


# -- the handout's own facts -------------------------------------------------------------------------

def person_context(person: Person, context: LadderView, today: date) -> dict:
    """What the personal parts of the handout show, from the view: the band, the welcome, the growth
    toward the target."""
    from types import SimpleNamespace

    from guidegen.view.ladder_view import ThreadStep
    from guidegen.view.language import long_date

    views = {view.rung.id: view for view in context.rungs}
    current = views[person.rung]
    target = views.get(person.target) if person.target else None
    growth = None
    if target is not None:
        now_steps = {step.competency.id: step for step in current.expectations}
        threads = []
        for step in target.expectations:
            mine = now_steps.get(step.competency.id)
            before = mine.shown if mine is not None else None
            threads.append(ThreadStep(step.competency, before, step.shown if step.shown != before else None))
        own = {item.casefold() for item in current.rung.responsibilities}
        # A skill the target lists twice (the article's Senior PM has Mentorship as leadership and as a soft
        # skill) is named once, as it is first listed.
        known = {skill.name.casefold() for skill in current.rung.leadership + current.rung.soft_skills}
        new_skills = []
        for skill in target.rung.leadership + target.rung.soft_skills:
            if skill.name.casefold() not in known:
                known.add(skill.name.casefold())
                new_skills.append(skill)
        growth = SimpleNamespace(
            changes=SimpleNamespace(threads=[step for step in threads if step.before or step.now]),
            responsibilities=[item for item in target.rung.responsibilities if item.casefold() not in own],
            skills=new_skills,
        )
    return {
        "name": person.name, "rung": current, "target": target, "manager": person.manager, "team": person.team,
        "note": person.note, "growth": growth,
        "start": long_date(person.start_date, context.ladder.language) if person.start_date else None,
        "welcome": person.start_date is not None and person.start_date > today,
    }


# -- building ------------------------------------------------------------------------------------------

def _digest(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _renderer_digest() -> str:
    """guidegen's own code, templates and catalogues as they are now: a change to any of them (a new
    release, or a build from source with the same version number) makes every handout stale."""
    from guidegen.resources import templates_dir

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for folder, suffixes in ((templates_dir(), (".j2", ".po")), (package, (".py",))):
        for path in sorted(folder.rglob("*")):
            if path.suffix in suffixes:
                digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _brand_digest(brand) -> str:
    """The brand as resolved, and the bytes of its file, logos and fonts: any change to them makes the handouts
    in its colours stale."""
    if brand is None:
        return "no brand"
    digest = hashlib.sha256(repr(brand).encode())
    files = [brand.source, *(image.path for image in (brand.logo_on_light, brand.logo_on_dark) if image),
             *(face.path for face in brand.font_faces)]
    for path in dict.fromkeys(files):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _write_handout(context: LadderView, options, shared, person_view: dict, target: Path) -> None:
    """In a worker: one person's handout, written beside its target and renamed into place. ``shared`` is
    what every handout of the person's rung has in common (``html.shared_parts``), made once for them all."""
    from guidegen.guide.html import allowed_folders, render_html
    from guidegen.guide.pdf_writer import write_pdf

    temporary = target.parent / f".{target.name}.{os.getpid()}.part"
    try:
        write_pdf(render_html(context, replace(options, person=person_view), shared), allowed_folders(context),
                  temporary, options.pdf_variant)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def build_people(people_path: Path, ladder: Ladder, job_for: Callable[[str], object], out_dir: Path, jobs: int,
                 force: bool = False, on_warning=None,
                 on_done: Callable[[PersonResult, int, int, float], None] | None = None,
                 today: date | None = None) -> list[PersonResult]:
    """Every person's handout into ``out_dir/people/``; ``job_for(rung_id)`` prepares (once per rung) the
    handout's view and guide options, all in one brand. Returns one result per person, in the file's order."""
    from guidegen.parallel import warm_up
    from guidegen.pipeline import prepare_output_dir
    from guidegen.view.ladder_view import build_view

    people = read_people(people_path, ladder, build_view(ladder), on_warning)
    folder = out_dir / FOLDER
    prepare_output_dir(folder)
    today = today or date.today()
    record_path = folder / RECORD
    try:
        record = json.loads(record_path.read_text()) if record_path.is_file() and not force else {}
    except (OSError, ValueError):
        record = {}
    shared = _digest(__version__, ladder.model_dump(mode="json"), _renderer_digest())
    jobs_by_rung: dict[str, tuple[object, str]] = {}  # each rung's job, and a digest of its options and brand
    brand_digest = None  # one brand for the whole file: its files are read once
    work, results = [], [None] * len(people)
    for index, (person, name) in enumerate(zip(people, file_names(people))):
        if person.rung not in jobs_by_rung:
            job = job_for(person.rung)
            brand_digest = brand_digest or _brand_digest(job.view.brand)
            jobs_by_rung[person.rung] = (job, _digest(repr(job.options["pdf"]), job.view.ladder.language,
                                                      brand_digest))
        job, job_digest = jobs_by_rung[person.rung]
        digest = _digest(shared, job_digest, asdict(person) | {"line": 0}, person.start_date and
                         person.start_date > today)
        target = folder / name
        if not force and record.get(name) == digest and target.is_file():
            results[index] = PersonResult(person.line, target, "up to date")
            continue
        work.append((index, person, job, target, digest))

    # The stylesheet and the rung's chapters are the same in every handout of a rung: made here once.
    from guidegen.guide.html import shared_parts

    stale_rungs = {person.rung for _, person, *_ in work}
    common = {rung: shared_parts(job.view, job.options["pdf"]) for rung, (job, _) in jobs_by_rung.items()
              if rung in stale_rungs}
    started, done = time.monotonic(), len(people) - len(work)
    for index, result in enumerate(results):
        if result is not None and on_done:
            on_done(result, index + 1, len(people), 0.0)

    def finish(index: int, person: Person, target: Path, digest: str, run) -> None:
        nonlocal done
        try:
            run()
            results[index] = PersonResult(person.line, target, "written")
            record[target.name] = digest
        except (InputError, BuildError) as exc:
            results[index] = PersonResult(person.line, target, "failed", exc.format_message())
        except Exception as exc:  # noqa: BLE001 (one person's failure does not stop the others)
            results[index] = PersonResult(person.line, target, "failed", f"internal error: {type(exc).__name__}")
        done += 1
        if on_done:
            on_done(results[index], done, len(people), time.monotonic() - started)

    try:
        if jobs <= 1 or len(work) <= 1:
            warm_up(ladder.language)
            for index, person, job, target, digest in work:
                context = job.view
                finish(index, person, target, digest, lambda: _write_handout(
                    context, job.options["pdf"], common[person.rung], person_context(person, context, today), target))
        else:
            workers = min(jobs, len(work))
            # Fresh workers every HANDOUTS_PER_WORKER handouts each: a worker's memory creeps up by some
            # hundred kilobytes a handout in the layout engine, so a company-sized run recycles them.
            chunk = workers * HANDOUTS_PER_WORKER
            for start in range(0, len(work), chunk):
                _run_pool(work[start:start + chunk], workers, ladder.language, today, common, finish)
    finally:
        _save_record(record_path, record)
    return results  # type: ignore[return-value]


def _run_pool(work: list, workers: int, language: str, today: date, common: dict, finish) -> None:
    """``work`` through a pool of ``workers`` processes, a few handouts queued each at a time."""
    from guidegen.parallel import Pool, run_in_worker

    with Pool(workers, language) as pool:
        # A few handouts queued per worker, not the whole file: memory stays flat however many people.
        queue, pending = iter(work), {}

        def submit_next() -> None:
            item = next(queue, None)
            if item is not None:
                index, person, job, target, digest = item
                future = pool.submit(run_in_worker, _write_handout, job.view, job.options["pdf"], common[person.rung],
                                     person_context(person, job.view, today), target)
                pending[future] = (index, person, target, digest)

        for _ in range(workers * QUEUED_PER_WORKER):
            submit_next()
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                index, person, target, digest = pending.pop(future)
                finish(index, person, target, digest, future.result)
                submit_next()


def _save_record(path: Path, record: dict) -> None:
    """The record of what was built; a run that cannot keep it still wrote its handouts."""
    from guidegen.files import write_text_atomically

    try:
        write_text_atomically(path, json.dumps(record, indent=0, sort_keys=True))
    except (OSError, BuildError):
        pass
