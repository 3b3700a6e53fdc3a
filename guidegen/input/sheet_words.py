"""The words a framework's sheet is written in: header words, notes, footnotes and track names, in every
language guidegen ships (en, de, fr, es, ja, ar).

Cells are compared by ``key``: case, accents, surrounding punctuation and a parenthesis dropped, so that
"Kompetenz:", "COMPÉTENCES" and "Competency (what)" all read as the word they are.
"""

from __future__ import annotations

import re
import unicodedata

# The column (or, with levels as rows, the corner cell) that names each competency.
COMPETENCY = (
    "competency", "competencies", "competency name", "skill", "skills", "capability", "capabilities",
    "kompetenz", "kompetenzen", "fähigkeit", "fähigkeiten", "fertigkeit",
    "compétence", "compétences", "aptitude", "capacité",
    "competencia", "competencias", "habilidad", "habilidades", "capacidad",
    "コンピテンシー", "コンピテンシー項目", "能力", "能力要件", "スキル",
    "الكفاءة", "الكفاءات", "كفاءة", "المهارة", "المهارات",
)
# With levels as rows: the corner cell over the column of level names.
LEVEL = (
    "level", "levels", "job level", "career level", "grade", "band", "rung",
    "stufe", "stufen", "karrierestufe", "ebene", "niveau", "niveaux", "échelon",
    "nivel", "niveles", "grado", "レベル", "等級", "グレード", "職位", "職階",
    "المستوى", "المستويات", "الدرجة",
)
DESCRIPTION = (
    "description", "summary", "definition", "what it means", "level description",
    "beschreibung", "definition", "erläuterung", "zusammenfassung", "kurzbeschreibung",
    "description", "définition", "résumé", "descripción", "definición", "resumen",
    "説明", "概要", "定義", "الوصف", "وصف", "التعريف", "الملخص",
)
GROUP = (
    "group", "category", "area", "pillar", "theme", "dimension", "domain", "cluster",
    "competency area", "competency group", "competency category", "skill area",
    "gruppe", "kategorie", "bereich", "kompetenzbereich", "kompetenzfeld", "themenfeld", "säule",
    "groupe", "catégorie", "domaine", "thème", "axe", "pilier", "famille",
    "grupo", "categoría", "área", "ámbito", "dimensión", "pilar", "tema",
    "グループ", "カテゴリ", "カテゴリー", "分類", "領域", "区分", "大項目",
    "المجموعة", "الفئة", "المجال", "المحور",
)
TRACK = (
    "track", "career track", "path", "career path", "ladder",
    "laufbahn", "karrierepfad", "pfad", "filière", "parcours", "voie",
    "trayectoria", "itinerario", "ruta", "トラック", "キャリアパス", "コース", "職群", "المسار",
)
# Columns beside the levels that are not levels: reported and skipped (the first word is enough).
NOT_A_LEVEL = (
    "notes", "note", "comments", "comment", "remarks", "owner", "owners", "last reviewed", "last updated",
    "reviewed", "updated", "link", "links", "url", "source", "sources", "examples", "example", "status", "id",
    "#", "no", "version", "date", "reference", "references",
    "notizen", "anmerkungen", "anmerkung", "kommentar", "kommentare", "bemerkungen", "hinweise",
    "verantwortlich", "zuständig", "eigentümer", "zuletzt geprüft", "aktualisiert", "beispiele", "quelle",
    "remarques", "commentaires", "commentaire", "responsable", "propriétaire", "dernière révision",
    "mis à jour", "lien", "liens", "exemples", "notas", "comentarios", "observaciones", "propietario",
    "última revisión", "actualizado", "enlace", "enlaces", "ejemplos", "fuente",
    "備考", "メモ", "コメント", "注記", "担当", "担当者", "最終更新", "更新日", "リンク", "例", "出典",
    "ملاحظات", "تعليقات", "المالك", "المسؤول", "آخر مراجعة", "رابط", "أمثلة", "المصدر",
)
# How a note below the grid starts (compared with the start of the cell, case and accents aside).
FOOTNOTE_STARTS = (
    "*", "†", "‡", "©", "※", "note:", "notes:", "nb:", "n.b.", "source:", "sources:", "last updated",
    "hinweis:", "anmerkung:", "quelle:", "stand:", "remarque:", "note :", "source :", "nota:", "fuente:",
    "注:", "注：", "出典", "ملاحظة:", "المصدر:",
)

# A track named in a level's name, and the track it means: (words, track id, the track's name).
TRACK_MARKERS = (
    (("individual contributor", "ic", "specialist", "technical", "expert", "fachlaufbahn", "fachkarriere",
      "expertenlaufbahn", "contributeur individuel", "contributrice individuelle", "expertise",
      "contribuidor individual", "colaborador individual", "especialista", "スペシャリスト", "専門職",
      "エキスパート", "مساهم فردي", "مسار تخصصي"), "ic", "Individual contributor"),
    (("people manager", "manager", "management", "people management", "mgmt", "mgr", "m", "people leader",
      "führungslaufbahn", "führungskarriere", "führungskraft", "encadrement", "managérial", "managériale",
      "gerente", "mánager", "gestión", "dirección", "マネジメント", "マネージャー", "マネジャー", "管理職",
      "مدير", "إدارة", "مسار إداري"), "manager", "People manager"),
)
_TRACK_SUFFIX = re.compile(r"\s*(?:track|path|ladder|laufbahn|filière|trayectoria|トラック|コース)$")


def key(text: str) -> str:
    """``text`` as compared with the word lists: casefolded, accents and a parenthesis dropped, spaces single,
    punctuation at either end trimmed."""
    text = re.sub(r"\([^)]*\)|（[^）]*）", " ", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return " ".join(text.split()).strip(" :：*.-–—/|")


def _keys(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(key(word) for word in words)


_KINDS = {kind: _keys(words) for kind, words in (("competency", COMPETENCY), ("level", LEVEL),
                                                   ("description", DESCRIPTION), ("group", GROUP),
                                                   ("track", TRACK))}
_NOT_A_LEVEL = _keys(NOT_A_LEVEL)
_FOOTNOTES = tuple(folded for folded in (key(start) + (start[-1] if start[-1] in ":：" else "")
                                         for start in FOOTNOTE_STARTS) if folded.strip(":："))
_MARKERS = {key(word): (track_id, name) for words, track_id, name in TRACK_MARKERS for word in words}


# The words of the names' header that say which language a sheet is written in (English is the default).
LANGUAGE_WORDS = {
    "de": ("kompetenz", "kompetenzen", "fähigkeit", "fähigkeiten", "fertigkeit", "stufe", "stufen", "karrierestufe"),
    "fr": ("compétence", "compétences", "aptitude", "capacité", "échelon"),
    "es": ("competencia", "competencias", "habilidad", "habilidades", "capacidad", "nivel", "niveles"),
    "ja": ("コンピテンシー", "コンピテンシー項目", "能力", "能力要件", "スキル", "レベル", "等級", "グレード", "職位", "職階"),
    "ar": ("الكفاءة", "الكفاءات", "كفاءة", "المهارة", "المهارات", "المستوى", "المستويات", "الدرجة"),
}
_LANGUAGES = {key(word): language for language, words in LANGUAGE_WORDS.items() for word in words}


def header_language(text: str) -> str | None:
    """The language (other than English) a header word for the names is written in, if it tells."""
    return _LANGUAGES.get(key(text))


def header_kind(text: str) -> str | None:
    """What a header cell names: competency, level, description, group, track, or "skip" (a column of notes,
    owners, dates or links), or None (a level's title, or anything else)."""
    word = key(text)
    if not word:
        return None
    for kind, words in _KINDS.items():
        if word in words:
            return kind
    first_two = " ".join(word.split()[:2])
    if word in _NOT_A_LEVEL or word.split()[0] in _NOT_A_LEVEL or first_two in _NOT_A_LEVEL:
        return "skip"
    return None


def is_footnote(text: str) -> bool:
    """Whether a lone cell reads as a note to the grid rather than a competency or a group."""
    stripped = text.strip()
    if stripped[:1] in "*†‡©※":
        return True
    folded = "".join(c for c in unicodedata.normalize("NFKD", stripped.casefold()) if not unicodedata.combining(c))
    folded = re.sub(r"\s+([:：])", r"\1", folded)  # "Source :", as French sets it
    return any(folded.startswith(start) for start in _FOOTNOTES)


def track_marker(text: str) -> tuple[str, str] | None:
    """The track a marker names ("IC", "People Manager", "Management track", "Fachlaufbahn"): its id and name."""
    word = _TRACK_SUFFIX.sub("", key(text))
    return _MARKERS.get(word) if word else None
