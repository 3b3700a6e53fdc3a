"""Rungs from the names levels are given in a sheet: a level code ("L3", "IC4"), the title without its
parentheses ("(0–2 years)"), the track a name states ("(Individual Contributor)", "– IC track", "M2"),
short names where space is tight, and ids readable and stable (the same sheet gives the same ids).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from guidegen.input.sheet_words import key, track_marker

ID_LENGTH = 40  # the ladder's ids may be 40 characters: four are kept for a "-2" that tells twins apart
SHORT_LENGTH = 30  # a short name longer than this helps no staircase or column head
_CODE_FIRST = re.compile(r"^(?P<code>[A-Z]{1,4}-?\d{1,2}[a-z]?|(?:Level|Lvl\.?|Stufe|Niveau|Nivel|Grade|Band)\s*"
                         r"\d{1,2}|\d{1,2})(?:\s*[–—:|/.-]\s*|\s+)(?P<rest>\S.*)$")
_CODE_PARENTHESIS = re.compile(r"^[A-Z]{1,4}-?\d{1,2}[a-z]?$")
_PARENTHESIS = re.compile(r"\s*(?:\(([^()]*)\)|\[([^\[\]]*)\]|（([^（）]*)）)")
_SUFFIX = re.compile(r"^(?P<rest>.*\S)\s+[–—|-]\s+(?P<suffix>[^–—|]+)$")
_CODE_TRACKS = ((re.compile(r"^IC-?\d"), "ic"), (re.compile(r"^M-?\d"), "manager"))


@dataclass
class LevelName:
    """A level's name taken apart: as written, its code, its core title, and the track it names."""

    title: str
    code: str | None = None
    core: str = ""
    track: tuple[str, str] | None = None  # (id, name)


def parse_level(title: str) -> LevelName:
    """"L1 – Associate Software Engineer (0–2 years)" -> code L1, core "Associate Software Engineer"."""
    level = LevelName(title)
    rest = title
    first = _CODE_FIRST.match(rest)
    if first:
        level.code, rest = first["code"], first["rest"]
    for match in _PARENTHESIS.finditer(rest):
        inside = next(group for group in match.groups() if group is not None).strip()
        if _CODE_PARENTHESIS.match(inside) and level.code is None:
            level.code = inside
        for part in re.split(r"[,;/]", inside):
            level.track = level.track or track_marker(part)
    rest = _PARENTHESIS.sub("", rest).strip()
    suffix = _SUFFIX.match(rest)
    if suffix and track_marker(suffix["suffix"]):
        level.track = level.track or track_marker(suffix["suffix"])
        rest = suffix["rest"]
    if level.code and level.track is None:
        level.track = next(((track_id, _name(track_id)) for pattern, track_id in _CODE_TRACKS
                            if pattern.match(level.code)), None)
    level.core = rest.strip(" –—:|-")
    return level


def _name(track_id: str) -> str:
    return {"ic": "Individual contributor", "manager": "People manager"}[track_id]


def make_id(text: str, taken: set[str], fallback: str) -> str:
    """A ladder id from a name: lowercase ASCII words joined by hyphens, cut only between words, unique
    among ``taken`` (a second "Engineer" is "engineer-2")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    base = ""
    for word in words:
        longer = f"{base}-{word}" if base else word
        if len(longer) > ID_LENGTH - 4:
            break
        base = longer
    base = base or (words[0][: ID_LENGTH - 4] if words else fallback)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def track_of(name: str) -> tuple[str, str]:
    """A track named in a Track row or column: abbreviations spelt out ("IC" -> Individual contributor)."""
    marker = track_marker(name)
    if marker and len(key(name)) <= 4:
        return marker
    return make_id(name, set(), "track"), name


def rungs_from_levels(titles: list[str], named_tracks: list[str | None]) -> tuple[list[dict], list[int], list[dict]]:
    """A rung for each level (id, title, short where it helps, track), in ladder order; for each rung the
    index of the level it came from; and the tracks. Tracks come from ``named_tracks`` (a Track row) where
    it names any, else from the level names when they name two tracks or more. Levels on no track that come
    before the first tracked one are shared and stay first; each track's levels follow, in their order."""
    levels = [parse_level(title) for title in titles]
    if any(named_tracks):
        tracks = [track_of(name) if name else None for name in named_tracks]
    else:
        tracks = [level.track for level in levels]
        if len({track[0] for track in tracks if track}) < 2:
            tracks = [None] * len(levels)
    order = _ladder_order(tracks)
    sources = [" ".join(filter(None, (level.code, level.core))) or level.title for level in levels]
    cores = [level.core.casefold() for level in levels]
    taken: set[str] = set()
    rungs = []
    for index in order:
        level, track = levels[index], tracks[index]
        source = sources[index]
        if sources.count(source) > 1:  # "Senior Engineer 2 (IC)" and "... (People Manager)": told apart by track
            source = f"{source} {track[0]}" if track else level.title
        rung = {"id": make_id(source, taken, f"rung-{len(rungs) + 1}"), "title": level.title}
        short = _short(level, cores, [other.code for other in levels])
        if short:
            rung["short"] = short
        if track:
            rung["track"] = track[0]
        rungs.append(rung)
    declared = list(dict.fromkeys(track for track in (tracks[index] for index in order) if track))
    return rungs, order, [{"id": track_id, "name": name} for track_id, name in declared]


def _ladder_order(tracks: list[tuple[str, str] | None]) -> list[int]:
    """Shared levels before the fork, then each track's levels in turn; a shared level after the fork stays
    after it (tracks that rejoin are not yet a ladder's shape: the ladder's check names it)."""
    forked = next((index for index, track in enumerate(tracks) if track), len(tracks))
    order = list(range(forked))
    for track_id in dict.fromkeys(track[0] for track in tracks if track):
        order += [index for index, track in enumerate(tracks) if track and track[0] == track_id]
    return order + [index for index in range(forked, len(tracks)) if tracks[index] is None]


def _short(level: LevelName, cores: list[str], codes: list[str | None]) -> str | None:
    """The core title where it is shorter than the title, short enough and no other level's; else, for a long
    title, its code; else none (the title is short enough, or nothing shorter tells it apart)."""
    core = level.core
    if core and core != level.title and len(core) <= SHORT_LENGTH and cores.count(core.casefold()) == 1:
        return core
    if len(level.title) > SHORT_LENGTH and level.code and codes.count(level.code) == 1:
        return level.code
    return None


def track_note(rungs: list[dict], tracks: list[dict], source: str) -> str:
    """The tracks found, said once: which rungs each has, and the shared ones before the fork."""
    parts = [f"{track['name']} ({', '.join(rung['title'] for rung in rungs if rung.get('track') == track['id'])})"
             for track in tracks]
    shared = [rung["title"] for rung in rungs if "track" not in rung]
    text = f"{len(tracks)} tracks from {source}: " + "; ".join(parts)
    return text + (f"; shared before the fork: {', '.join(shared)}" if shared else "")
