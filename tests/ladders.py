"""Ladders made by the tests: small, large and awkward, written as YAML files."""

from __future__ import annotations

from pathlib import Path

import yaml


def make_ladder(rungs: int = 3, *, items: int = 3, skills: int = 3, title_words: int = 3, item_words: int = 8,
                shared_skill: bool = True) -> dict:
    """A valid ladder as plain data. With ``shared_skill`` every rung lists "Communication",
    so that the "what changes" and the matrix have something carried over to show."""

    def words(count: int, seed: str) -> str:
        return " ".join(f"{seed}{index}" for index in range(count)).capitalize()

    ladder = {
        "title": "Generated Ladder",
        "source": {"title": "Test data", "author": "guidegen tests"},
        "introduction": ["A ladder the tests generate."],
        "conclusion": {"heading": "The end", "paragraphs": ["Keep climbing."]},
        "rungs": [],
    }
    for number in range(1, rungs + 1):
        soft = [{"name": f"Skill {number}-{k}", "description": words(item_words, "soft")} for k in range(skills)]
        if shared_skill:
            soft[0] = {"name": "Communication", "description": "Says what matters, clearly."}
        ladder["rungs"].append({
            "id": f"level-{number}",
            "title": " ".join(["Level", str(number)] + ["Engineer"] * max(title_words - 2, 0)),
            "short": f"L{number}",
            "what_it_is": words(item_words * 2, "role"),
            "responsibilities": [words(item_words, f"duty{k}x") for k in range(items)],
            "leadership": [{"name": f"Lead {number}-{k}", "description": words(item_words, "lead")}
                           for k in range(max(1, skills // 2))],
            "soft_skills": soft,
            "example": {"setting": f"Team {number}", "story": words(item_words * 3, "story")},
        })
    return ladder


def write_ladder(path: Path, ladder: dict) -> Path:
    path.write_text(yaml.safe_dump(ladder, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
