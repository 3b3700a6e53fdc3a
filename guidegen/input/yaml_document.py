"""Read a ladder file into the model, reporting every problem with its position.

YAML is composed into nodes first so that each value keeps the line and
column it came from; pydantic then validates the plain data, and each of its
errors is mapped back to the position of the value (or key) it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from guidegen.errors import InputFileError
from guidegen.input.messages import dotted, validate_into
from guidegen.input.safe_read import MAX_YAML_BYTES as MAX_FILE_BYTES
from guidegen.input.safe_read import read_capped

MAX_DEPTH = 40  # a ladder nests five levels deep; far deeper is a mistake or an attack
MAX_VALUES = 100_000  # values after YAML aliases are expanded: a "billion laughs" file exceeds it at once
# Characters of text after aliases are expanded. The 100-rung benchmark ladder holds about 150,000; an
# 8 KB file aliasing one long paragraph 200 times would otherwise make a 400-page guide.
MAX_CHARACTERS = 400_000
MAX_NUMBER_DIGITS = 100  # Python refuses to read integers of over 4,300 digits; no ladder needs 100

Path_ = tuple[str | int, ...]


@dataclass
class Positions:
    """Line and column (1-based) of every value and mapping key in a document."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def of(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The position of ``path``, or of its nearest recorded ancestor."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            if path[:end] in self.values:
                return self.values[path[:end]]
        return (1, 1)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _index(node: yaml.Node, path: Path_, positions: Positions, problems: list[tuple[Path_, tuple[int, int], str]],
           seen: set[int]) -> None:
    """Record positions below ``node`` and find duplicate keys, which PyYAML accepts silently."""
    positions.values.setdefault(path, _mark(node))
    if id(node) in seen:  # an alias: its contents were indexed where the anchor stands
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first_seen: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in first_seen:
                line, _ = first_seen[key]
                problems.append(((*path, key), _mark(key_node), f"duplicate key {key!r} (first given on line {line})"))
                continue
            first_seen[key] = _mark(key_node)
            positions.keys[(*path, key)] = _mark(key_node)
            _index(value_node, (*path, key), positions, problems, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, (*path, index), positions, problems, seen)


def _expanded_size(node: yaml.Node, sizes: dict[int, tuple[int, int]], depth: int = 0) -> tuple[int, int]:
    """How many values and characters ``node`` stands for once aliases are expanded, without expanding them."""
    if depth > MAX_DEPTH:
        raise _TooDeep()
    if id(node) in sizes:
        return sizes[id(node)]
    values, characters = 1, 0
    if isinstance(node, yaml.ScalarNode):
        characters = len(node.value)
    else:
        children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) \
            else node.value
        for child in children:
            child_values, child_characters = _expanded_size(child, sizes, depth + 1)
            values += child_values
            characters += child_characters
    sizes[id(node)] = (min(values, MAX_VALUES + 1), min(characters, MAX_CHARACTERS + 1))
    return sizes[id(node)]


class _TooDeep(Exception):
    pass


def read_text(path: Path, kind: str) -> str:
    """The file's text: capped, and UTF-8 (with or without a BOM) or ``InputFileError`` naming the line."""
    label = str(path)
    raw = read_capped(path, MAX_FILE_BYTES, f"{kind} file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputFileError([f"{label}:{line}: is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8"]) from None


Problem = tuple[tuple[int, int], Path_, str]


@dataclass
class YamlDocument:
    """A YAML file read with the position of every value, and the problems found so far."""

    path: Path
    data: Any
    positions: Positions
    problems: list[Problem] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.path)

    def add(self, loc: Path_, message: str, *, key: bool = False) -> None:
        self.problems.append((self.positions.of(loc, key=key), loc, message))

    def fail_if_problems(self) -> None:
        if self.problems:
            raise InputFileError(_format(self.label, self.problems))

    def validate(self, model: type[BaseModel], data: Any = None, at: Path_ = ()):
        """``data`` (the whole document by default) as ``model``, or None with the problems recorded."""
        return validate_into(self, model, self.data if data is None else data, at)


# libyaml parses about ten times faster than PyYAML's own parser, but its composer recurses in C, so
# deeply nested flow collections ([[[[...) would overflow the stack; such files, and any file that does
# not parse, go to the pure-Python parser, which is safe and words its errors better.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _flow_depth(text: str) -> int:
    """An upper bound on how deeply ``[`` and ``{`` nest in ``text`` (quotes are not considered)."""
    openings = text.count("[") + text.count("{")
    if openings <= MAX_DEPTH:  # most ladders: no need to look closer
        return openings
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}" and depth:
            depth -= 1
    return deepest


def _parse(label: str, text: str, loader_class) -> tuple[Any, Positions, list]:
    """The document's data, the position of each value, and its duplicate keys."""
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise InputFileError([f"{label}:1:1: the file is empty"])
        values, characters = _expanded_size(root, {})
        if values > MAX_VALUES:
            raise InputFileError([f"{label}:1:1: YAML aliases expand this file to more than {MAX_VALUES:,} values; "
                                  f"write the values out instead"])
        if characters > MAX_CHARACTERS:
            raise InputFileError([f"{label}:1:1: the file's text comes to more than {MAX_CHARACTERS:,} characters "
                                  f"(YAML aliases counted each time they are used); a ladder needs far less"])
        _refuse_long_numbers(label, root)
        positions = Positions()
        duplicates: list[tuple[Path_, tuple[int, int], str]] = []
        _index(root, (), positions, duplicates, set())
        return loader.construct_document(root), positions, duplicates
    finally:
        loader.dispose()


_INT_TAG = "tag:yaml.org,2002:int"


def _refuse_long_numbers(label: str, root: yaml.Node) -> None:
    """A number too long for Python to read would end in an internal error: name its line instead."""
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _INT_TAG and len(node.value) > MAX_NUMBER_DIGITS:
                line, column = _mark(node)
                raise InputFileError([f"{label}:{line}:{column}: a number of {len(node.value):,} digits; "
                                      f"put it in quotes if it is meant as text"])
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        else:
            stack.extend(node.value)


def read_document(path: str | Path, kind: str = "ladder") -> YamlDocument:
    """Parse a YAML file safely, keeping positions; syntax errors raise at once."""
    path = Path(path)
    return parse_text(path, read_text(path, kind), kind)


def parse_text(path: Path, text: str, kind: str = "ladder") -> YamlDocument:
    """``text``, read from ``path`` (or the YAML part of it, such as a Markdown file's front matter with the
    lines after it cut), parsed as ``read_document`` parses a file: positions kept, limits applied."""
    label = str(path)
    parsed = None
    try:
        if _FAST_LOADER is not None and _flow_depth(text) <= MAX_DEPTH:
            try:
                parsed = _parse(label, text, _FAST_LOADER)
            except yaml.YAMLError:
                parsed = None  # parsed again below, for PyYAML's message
        if parsed is None:
            parsed = _parse(label, text, yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise InputFileError([syntax_error_message(label, text, exc)]) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise InputFileError([f"{label}:{line}: contains the character {exc.character!r}, which YAML does not allow; "
                              f"remove it"]) from None
    except yaml.YAMLError as exc:
        raise InputFileError([f"{label}: YAML error: {exc}"]) from None
    except (_TooDeep, RecursionError):
        raise InputFileError([f"{label}: values are nested more than {MAX_DEPTH} levels deep"]) from None
    data, positions, duplicates = parsed
    document = YamlDocument(path, data, positions, [(where, loc, message) for loc, where, message in duplicates])
    if not isinstance(data, dict):
        document.problems.append(((1, 1), (), f"the top level of a {kind} file must be a mapping of keys"))
        document.fail_if_problems()
    return document


def syntax_error_message(label: str, text: str, exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's complaint, the offending line with a caret under the spot, and a plain hint."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    what = exc.problem or exc.context or "not valid YAML"
    lines = text.splitlines()
    source = lines[line] if line < len(lines) else ""
    start = max(0, column - 60)  # a long line is shown around the spot
    shown = source[start:start + 100].replace("\t", " ")
    message = [f"{label}:{line + 1}:{column + 1}: YAML syntax error: {what}",
               f"    {line + 1:>4} | {shown}", f"    {'':>4} | {' ' * (column - start)}^"]
    hint = _syntax_hint(what, source, lines[line - 1] if 0 < line <= len(lines) else "")
    if hint:
        message.append(f"    hint: {hint}")
    return "\n".join(message)


def _syntax_hint(problem: str, source: str, previous: str) -> str | None:
    """What usually causes ``problem``, in words a person who has never read the YAML spec can use."""
    if "'\\t'" in problem or "\t" in source[: len(source) - len(source.lstrip())]:
        return "YAML indents with spaces, not tabs: replace the tab at the start of this line with spaces"
    if "mapping values are not allowed" in problem:
        return ('text that contains ": " (a colon and a space) must be in quotes, like  key: "Note: this"; '
                "or, if this line is a key, it is indented more than the keys beside it")
    if "could not find expected ':'" in problem:
        return ("each line of a mapping is  key: value; if this line continues the text above, indent it "
                "further than the key, or put the whole text in quotes")
    if "expected <block end>" in problem:
        indent = len(source) - len(source.lstrip(" "))
        above = len(previous) - len(previous.lstrip(" "))
        return (f"this line is indented by {indent} space{'s' if indent != 1 else ''} and the line above by {above}: keys of one mapping, "
                f"and items of one list, must start in the same column")
    if "undefined alias" in problem:
        return "an alias (*name) repeats a value marked with an anchor (&name) above it; no anchor has that name"
    if "end of stream" in problem and "quoted" in problem + source:
        return "a quote opened on this line is never closed"
    if "found unexpected end of stream" in problem:
        return "a quote or bracket opened here is never closed"
    if "found character" in problem and "cannot start any token" in problem:
        return "this character cannot start a value: put the value in quotes"
    return None


def _format(label: str, problems: list[Problem]) -> list[str]:
    ordered = sorted(problems, key=lambda problem: problem[0])
    return [f"{label}:{line}:{column} {dotted(loc)}: {message}" for (line, column), loc, message in ordered]
