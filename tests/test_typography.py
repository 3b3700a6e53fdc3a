"""One home for the guide's type (view/type_scale.py): the stylesheet is rendered from it, and the column
balancing and the staircase's labels compute with it, so the page and the estimates of it cannot drift apart.

The stylesheet is read back with tinycss2, as WeasyPrint will read it, for the default ladder and a branded
one; then every figure of the home is changed and the stylesheet and the balancing must follow.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest
import tinycss2

from guidegen.guide import columns
from guidegen.guide.html import render_html
from guidegen.guide.options import GuideOptions
from guidegen.input.brand import load_brand
from guidegen.input.ladder import load_ladder
from guidegen.resources import default_ladder_path
from guidegen.view import type_scale
from guidegen.view.ladder_view import build_view
from guidegen.view.page import PT_PER_MM
from guidegen.view.type_scale import GuideType, Text

ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = ROOT / "examples" / "northwind-health"


def _view(branded: bool):
    if branded:
        return build_view(load_ladder(NORTHWIND / "ladder.yaml"), brand=load_brand(NORTHWIND / "brand.yml"))
    return build_view(load_ladder(default_ladder_path()))


def _rules(view) -> dict[str, dict[str, list]]:
    """The guide's stylesheet as WeasyPrint gets it: each selector's declarations, each value's tokens."""
    css = re.search(r"<style>(.*?)</style>", render_html(view, GuideOptions("A4")), re.S).group(1)
    rules: dict[str, dict[str, list]] = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        selector = " ".join(tinycss2.serialize(rule.prelude).split())
        for declaration in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
            if declaration.type == "declaration":
                values = [token for token in declaration.value if token.type not in ("whitespace", "comment")]
                rules.setdefault(selector, {})[declaration.lower_name] = values
    return rules


def _pt(token) -> float:
    """A length token in points."""
    if token.type == "number" and token.value == 0:
        return 0.0
    assert token.type == "dimension", tinycss2.serialize([token])
    return {"pt": 1.0, "mm": PT_PER_MM}[token.unit] * token.value


def _box(values) -> tuple[float, float, float, float]:
    """A margin or padding shorthand as (top, right, bottom, left), in points."""
    top, right, bottom, left = {1: (0, 0, 0, 0), 2: (0, 1, 0, 1), 3: (0, 1, 2, 1), 4: (0, 1, 2, 3)}[len(values)]
    return _pt(values[top]), _pt(values[right]), _pt(values[bottom]), _pt(values[left])


def _number(values) -> float:
    (token,) = values
    return token.value


def _mm(value: float) -> float:
    return pytest.approx(value * PT_PER_MM)


def _text(rules, selector: str, text: Text, margins: bool = True) -> None:
    rule = rules[selector]
    assert _pt(rule["font-size"][0]) == text.size_pt, selector
    assert _number(rule["line-height"]) == text.line_height, selector
    if margins:
        top, _, bottom, _ = _box(rule["margin"])
        assert (top, bottom) == (_mm(text.above_mm), _mm(text.below_mm)), selector


def _assert_stylesheet_follows(rules, t: GuideType) -> None:
    """Every figure the column balancing and the staircase's labels compute with is the stylesheet's."""
    assert _pt(rules["html"]["font-size"][0]) == t.body.size_pt
    assert _number(rules["html"]["line-height"]) == t.body.line_height
    assert _number(rules["h1, h2, h3"]["line-height"]) == t.heading.line_height
    _text(rules, "h1", t.title)
    assert _pt(rules["h2"]["font-size"][0]) == t.heading.size_pt
    assert _box(rules["h2"]["margin"])[::2] == (_mm(t.heading.above_mm), _mm(t.heading.below_mm))
    _text(rules, ".chapter .kicker", t.kicker, margins=False)
    assert _pt(rules[".chapter .kicker"]["margin-bottom"][0]) == _mm(t.kicker.below_mm)
    _text(rules, ".chapter dl.scope", t.scope)
    _text(rules, ".chapter .what-it-is", t.lead)
    lead = rules[".chapter .what-it-is"]
    assert _pt(lead["border-left"][0]) == t.lead_rule_pt and _pt(lead["padding-left"][0]) == _mm(t.lead_indent_mm)
    changes = rules[".change-list"]
    _text(rules, ".change-list", t.changes)
    assert _pt(changes["grid-template-columns"][0]) == _mm(t.changes_label_mm)
    assert _pt(changes["column-gap"][0]) == _mm(t.changes_gap_mm)
    assert _box(changes["padding"])[::2] == (_mm(t.changes_padding_mm),) * 2
    _text(rules, "table.threads", t.threads, margins=False)
    assert _pt(rules["table.threads"]["margin-top"][0]) == _mm(t.threads.above_mm)
    assert _pt(rules["table.threads thead th.name"]["width"][0]) == _mm(t.threads_name_mm)
    for cell in ("table.threads td", "table.threads thead th", "table.threads tbody th.name"):
        assert _box(rules[cell]["padding"]) == tuple(_mm(side) for side in t.cell_padding_mm), cell
    assert _pt(rules["ul"]["padding-left"][0]) == _mm(t.list_indent_mm)
    assert _pt(rules["li"]["margin-bottom"][0]) == _mm(t.item_gap_mm)
    assert _pt(rules[".chapter ul.responsibilities li"]["padding-left"][0]) == _mm(t.item_indent_mm)
    assert _pt(rules[".skills .skill"]["margin-bottom"][0]) == _mm(t.skill_gap_mm)
    example_top, example_side = t.example_padding_mm
    assert _box(rules[".example"]["padding"]) == (_mm(example_top), _mm(example_side)) * 2
    assert _pt(rules[".example .setting"]["margin-bottom"][0]) == _mm(t.setting_gap_mm)
    _assert_staircase_follows(rules, t.staircase)


def _assert_staircase_follows(rules, s: type_scale.Staircase) -> None:
    step, number = rules[".staircase .step"], rules[".staircase .step .num"]
    assert _box(step["padding"])[:2] == (_mm(s.padding_mm),) * 2
    assert _box(rules[".staircase .step.number-only"]["padding"])[:2] == (_mm(s.padding_mm), _mm(s.number_only_side_mm))
    assert _number(step["line-height"]) == s.title_line and _pt(step["font-size"][0]) in s.title_pt
    assert _number(number["line-height"]) == s.number_line
    assert _pt(number["margin-bottom"][0]) == _mm(s.number_gap_mm)
    assert _pt(number["font-size"][0]) in s.number_pt + s.number_only_pt
    caption = rules[".scope-band .scope-caption"]
    assert _number(caption["line-height"]) == s.scope_line and _pt(caption["font-size"][0]) in s.scope_pt


@pytest.mark.parametrize("branded", [False, True], ids=["default", "northwind"])
def test_the_stylesheet_sets_the_sizes_the_balancing_computes_with(branded):
    rules = _rules(_view(branded))
    _assert_stylesheet_follows(rules, type_scale.GUIDE)


@pytest.mark.parametrize("branded", [False, True], ids=["default", "northwind"])
def test_text_is_measured_in_the_family_the_stylesheet_sets_first(branded):
    view = _view(branded)
    first = tinycss2.serialize(_rules(view)["html"]["font-family"][:1]).strip('"')
    brand_family = view.brand.base_font if view.brand else None
    assert first == type_scale.measured_family(brand_family) == ("Lato" if branded else "Inter")
    assert tinycss2.serialize(_rules(view)[".matrix .mark"]["font-family"][:1]).strip('"') == "DejaVu Sans"


def _changed(value):
    """Every figure of the home a little different (so that no CSS literal can still match it)."""
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{field.name: _changed(getattr(value, field.name))
                                             for field in dataclasses.fields(value)})
    if isinstance(value, tuple):
        return tuple(_changed(item) for item in value)
    return round(value * 1.5 + 0.5, 2)


def test_a_change_in_the_home_changes_the_stylesheet_everywhere(monkeypatch):
    changed = _changed(type_scale.GUIDE)
    monkeypatch.setattr(type_scale, "GUIDE", changed)
    _assert_stylesheet_follows(_rules(_view(branded=False)), changed)


def test_a_change_in_the_home_changes_the_column_balancing(monkeypatch):
    """The default ladder's first chapter fits two columns on its page; at a larger body size it no longer
    does, and is set in one column that may run over pages."""
    view = _view(branded=False)
    first = view.rungs[0]
    assert len(columns.column_split(first, "A4", None)) == 2
    larger = dataclasses.replace(type_scale.GUIDE, body=Text(type_scale.GUIDE.body.size_pt * 1.3))
    monkeypatch.setattr(type_scale, "GUIDE", larger)
    assert len(columns.column_split(first, "A4", None)) == 1


def test_a_change_in_the_home_changes_the_staircase_labels(monkeypatch):
    """Step titles that fit at the home's sizes give way to numbers alone when the sizes grow."""
    view = _view(branded=False)
    labels = re.compile(r'class="step[^"]*"')
    assert "number-only" not in " ".join(labels.findall(render_html(view)))
    staircase = dataclasses.replace(type_scale.GUIDE.staircase, title_pt=(30, 30))
    monkeypatch.setattr(type_scale, "GUIDE", dataclasses.replace(type_scale.GUIDE, staircase=staircase))
    assert "number-only" in " ".join(labels.findall(render_html(view)))


def test_the_column_balancing_holds_no_figure_of_its_own():
    """Sizes, line heights, indents and gaps come from the home: a bare number in guide/columns.py is a
    figure that can drift from the stylesheet. Counts (0, 1, 2) and named module constants are allowed."""
    tree = ast.parse((ROOT / "guidegen" / "guide" / "columns.py").read_text())
    named = {id(node.value) for node in tree.body if isinstance(node, ast.Assign)}
    bare = [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and type(node.value) in (int, float)
            and node.value not in (0, 1, 2) and id(node) not in named]
    assert not bare, f"numbers in guide/columns.py that belong in view/type_scale.py: {bare}"


def test_the_default_typeface_is_named_in_one_place():
    """Inter was chosen in six places; now the type scale names it and everything else asks it. (The JSON
    Schema's examples and the starter files init writes are documentation, not choices.)"""
    import re

    package = Path(__file__).resolve().parent.parent / "guidegen"
    documentation = {"input/json_schema.py", "scaffold.py"}
    naming = sorted(str(path.relative_to(package)) for path in package.rglob("*.py")
                    if str(path.relative_to(package)) not in documentation
                    and re.search(r"""["'][^"'\n]*\bInter\b[^"'\n]*["']""", path.read_text()))
    assert naming == ["view/type_scale.py"], naming
