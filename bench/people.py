"""An HR export of invented people for the benchmark: names with accents, apostrophes and CJK, rungs given by
id or by title, some targets, managers, start dates and teams. Deterministic: the same file every time."""

from __future__ import annotations

import csv
import random
from pathlib import Path

FIRST = ["Zoë", "José", "Siobhán", "Mårten", "Ada", "Chidi", "Ana", "Sam", "Aoife", "François", "Dmitri", "Leilani",
         "Nguyễn", "Özlem", "Ingrid", "Rahul", "Fatima", "Kwame", "Łukasz", "Renée", "D'Arcy", "Søren", "Małgorzata",
         "Björn"]
LAST = ["O'Brien", "Álvarez", "Ní Bhriain", "Ångström", "Lovelace", "Okafor", "Lima", "Patel", "Müller", "Dvořák",
        "García-Márquez", "Kowalczyk", "Nakamura", "Øster", "Van der Berg", "D'Souza", "Çelik", "Mbeki", "Popescu"]
CJK = ["李娜", "王伟", "張偉", "佐藤 花子", "김민준", "鈴木 一郎"]
RUNGS = [("apm", "Associate Product Manager"), ("pm", "Product Manager"), ("senior-pm", "Senior Product Manager"),
         ("group-pm", "Group Product Manager"), ("director-pm", "Director of Product Management")]
TEAMS = ["Payments", "Growth", "Platform", "Search", "Mobile", "Data", ""]


def people_rows(count: int, seed: int = 7) -> list[list[str]]:
    pick = random.Random(seed)
    rows = []
    for index in range(count):
        name = pick.choice(CJK) if index % 11 == 5 else f"{pick.choice(FIRST)} {pick.choice(LAST)}"
        level = pick.randrange(len(RUNGS))
        rung = RUNGS[level][0] if index % 2 else RUNGS[level][1]
        target = ""
        if level + 1 < len(RUNGS) and index % 3 == 0:
            up = RUNGS[pick.randrange(level + 1, len(RUNGS))]
            target = up[1] if index % 2 else up[0]
        manager = f"{pick.choice(FIRST)} {pick.choice(LAST)}" if index % 4 else ""
        start = f"20{pick.choice(['24', '25', '27'])}-{pick.randrange(1, 13):02d}-{pick.randrange(1, 29):02d}" \
            if index % 5 == 0 else ""
        note = "Glad to have you with us." if index % 7 == 0 else ""
        rows.append([name, rung, target, manager, start, pick.choice(TEAMS), note])
    return rows


def write_people(path: Path, count: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["name", "rung", "target", "manager", "start_date", "team", "note"])
        writer.writerows(people_rows(count))
    return path
