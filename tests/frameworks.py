"""A competency framework as HR teams keep one, written by the tests themselves: eight levels that fork
after Senior Engineer into an individual-contributor track and a management track, nine competencies
in three groups, each cell a sentence."""

from __future__ import annotations

from pathlib import Path

SHARED = ["Engineer I", "Engineer II", "Senior Engineer"]
TRACKS = {"Individual contributor": ["Staff Engineer", "Senior Staff Engineer", "Principal Engineer"],
          "People manager": ["Engineering Manager", "Senior Engineering Manager"]}
LEVELS = SHARED + [title for titles in TRACKS.values() for title in titles]

# Where each level's work reaches, lowest first, in the order of LEVELS.
REACH = ["well-defined tasks, with guidance", "features of their own", "projects that span their team",
         "problems that cross several teams", "the architecture of a whole product area",
         "technical direction across the organisation", "one team's delivery and its people",
         "several teams, through their managers"]

# (group, competency, description, what the person does; None where it is not expected at that level)
COMPETENCIES = [
    ("Craft", "Technical skill", "Writing software that works and lasts.",
     "Writes clear, tested code for {}."),
    ("Craft", "System design", "Shaping systems so that they can grow.",
     [None, "Designs the parts of {}.", "Designs systems for {}.", "Designs systems for {}.",
      "Sets the design of {}.", "Sets the design principles for {}.", None, None]),
    ("Craft", "Operations", "Keeping what is built running well.",
     "Monitors, debugs and improves the running of {}."),
    ("Delivery", "Delivery", "Getting valuable work done, predictably.",
     "Plans and ships {} on the dates agreed."),
    ("Delivery", "Collaboration", "Working well with product, design and other teams.",
     "Works openly with product and design on {}."),
    ("Delivery", "Communication", "Making work and decisions understood.",
     "Writes and speaks clearly about {}."),
    ("Leadership", "Mentoring", "Helping others grow.",
     [None, "Helps newer engineers settle in on {}.", "Mentors engineers working on {}.",
      "Mentors senior engineers across {}.", "Grows technical leaders across {}.", "Grows technical leaders "
      "across {}.", "Coaches every engineer on {}.", "Coaches the managers of {}."]),
    ("Leadership", "Influence", "Moving people and decisions without authority.",
     [None, None, "Builds agreement within their team on {}.", "Builds agreement on {}.",
      "Aligns leaders on {}.", "Aligns executives on {}.", "Represents the team on {}.",
      "Represents engineering on {}."]),
    ("Leadership", "People management", "Hiring, growing and caring for a team.",
     [None, None, None, None, None, None, "Hires, grows and supports the people of {}.",
      "Builds the management team of {}."]),
]


def expectations(index: int) -> list[str | None]:
    """The cells of COMPETENCIES[index], one per level in LEVELS order."""
    _, _, _, sentence = COMPETENCIES[index]
    if isinstance(sentence, str):
        return [sentence.format(reach) for reach in REACH]
    return [None if text is None else text.format(reach) for text, reach in zip(sentence, REACH)]


def grid_rows(with_tracks: bool = True) -> list[list[str]]:
    """The framework as spreadsheet rows: a track row (if asked), the header, one row per competency."""
    rows = []
    if with_tracks:
        rows.append(["", "", ""] + [""] * len(SHARED)
                    + [name for name, titles in TRACKS.items() for _ in titles])
    rows.append(["Competency", "Description", "Group", *LEVELS])
    for index, (group, name, description, _) in enumerate(COMPETENCIES):
        rows.append([name, description, group, *(text or "" for text in expectations(index))])
    return rows


def write_xlsx(path: Path, rows: list[list[str]] | None = None, sheet: str = "Engineering",
               merge_tracks: bool = True) -> Path:
    from openpyxl import Workbook

    rows = grid_rows() if rows is None else rows
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append([value if value != "" else None for value in row])
    if merge_tracks and rows and rows[0][0] == "" and rows[0][3:].count("") < len(rows[0][3:]):
        start = 4 + len(SHARED)
        for titles in TRACKS.values():  # each track's name once, merged over its columns
            worksheet.merge_cells(start_row=1, start_column=start, end_row=1, end_column=start + len(titles) - 1)
            start += len(titles)
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list[str]] | None = None, delimiter: str = ",", bom: bool = True) -> Path:
    import csv
    import io

    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(grid_rows() if rows is None else rows)
    path.write_bytes(out.getvalue().encode("utf-8-sig" if bom else "utf-8"))
    return path
