"""Change values in a YAML file by editing its text, so that everything else stays as the user wrote it.

A ladder file is the user's own: its comments, its order, its quoting and folded paragraphs must survive
``guidegen import --into``. So the file is not loaded and dumped again: it is composed into nodes, which
know where each value stands in the text, and only the text of the values that change is replaced; a key
or list item that is new is written at the indentation of its neighbours. A value the file gives through
an alias (``*name``) is refused, since changing it would change every place that uses it.
"""

from __future__ import annotations

from typing import Any

import yaml

from guidegen.errors import InputError

Path_ = tuple[str | int, ...]


class _Dumper(yaml.SafeDumper):
    """Text on one line, in double quotes where it holds a line break (escaped as \\n)."""


def _represent_text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    breaks = any(char in data for char in "\n\r\x85\u2028\u2029")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"' if breaks else None)


_Dumper.add_representer(str, _represent_text)


def scalar_text(value: str | None) -> str:
    """``value`` as a YAML scalar that fits on one line wherever a value may stand."""
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=1 << 30)
    text = text.removesuffix("\n...\n").removesuffix("\n")
    if "\n" in text or yaml.safe_load(text) != value:  # plain text that YAML would read otherwise: quote it
        text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=1 << 30, default_style='"').rstrip("\n")
    return text


def block_lines(value: Any) -> list[str]:
    """A mapping or list as the lines of a block, unindented; its text values each on one line."""
    text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=1 << 30, sort_keys=False,
                     default_flow_style=False, indent=2)
    return text.rstrip("\n").split("\n")


class YamlEditor:
    """A YAML document's text, and the edits to make to it, each addressed by the path of a value."""

    def __init__(self, text: str, label: str) -> None:
        self.text, self.label = text, label
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.root = yaml.compose(text, Loader=yaml.SafeLoader)
        self.data = yaml.safe_load(text)
        self._edits: list[tuple[int, int, int, str]] = []  # (start, order, end, replacement) in the text
        self._shared = _shared_nodes(self.root)

    # Finding ----------------------------------------------------------------------------------------------

    def node(self, path: Path_) -> yaml.Node | None:
        """The node at ``path``, or None; refused when it, or a node on the way, is an alias's."""
        node = self.root
        for step in path:
            if isinstance(node, yaml.MappingNode):
                node = next((value for key, value in node.value if key.value == step), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            else:
                return None
            if node is None:
                return None
            if id(node) in self._shared:
                raise InputError(f"{self.label}:{node.start_mark.line + 1}: this value is given through a YAML "
                                 f"alias (*name), so changing it would change every place that uses it; write it "
                                 f"out here first")
        return node

    def has(self, path: Path_) -> bool:
        return self.node(path) is not None

    def is_flow(self, path: Path_) -> bool:
        """Whether the collection at ``path`` is written in flow style ({...} or [...]) or is empty."""
        node = self.node(path)
        return isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and (bool(node.flow_style) or not node.value)

    def value(self, path: Path_) -> Any:
        return _data_at(self.data, path)

    def keys(self, path: Path_) -> list[str]:
        node = self.node(path)
        return [key.value for key, _ in node.value] if isinstance(node, yaml.MappingNode) else []

    # Changing ---------------------------------------------------------------------------------------------

    def set(self, path: Path_, value: Any, before: str | None = None) -> None:
        """Give ``path`` the value ``value`` (text, None, or a mapping for a new key); a new key goes before
        the key ``before`` where the mapping has it, else last."""
        node = self.node(path)
        if node is None:
            self._add_key(path[:-1], str(path[-1]), value, before)
        elif isinstance(node, yaml.ScalarNode) and not isinstance(value, dict):
            self._replace_scalar(node, value)
        else:
            self._replace_flow(node, value, path)

    def delete(self, path: Path_) -> None:
        """Take the key at the end of ``path`` out of its mapping, with its value and the lines they fill."""
        parent = self.node(path[:-1])
        if not isinstance(parent, yaml.MappingNode):
            return
        pair = next(((key, value) for key, value in parent.value if key.value == path[-1]), None)
        if pair is None:
            return
        if parent.flow_style:
            self._replace_flow(parent, {k: v for k, v in _data_at(self.data, path[:-1]).items() if k != path[-1]},
                               path[:-1])
            return
        start = self._line_start(pair[0].start_mark.index)
        if start is None:
            raise InputError(f"{self.label}:{pair[0].start_mark.line + 1}: cannot take {path[-1]!r} out of this "
                             f"line without rewriting it; remove it by hand")
        self._edit(start, self._after(pair[1]), "")

    def remove_item(self, path: Path_) -> None:
        """Take the list item at ``path`` out of its block list, with the lines it fills."""
        node = self.node(path)
        dash = self.text.rfind("-", 0, node.start_mark.index)
        start = self._line_start(dash)
        if start is None or not isinstance(self.node(path[:-1]), yaml.SequenceNode) or self.is_flow(path[:-1]):
            return  # not a list item on lines of its own: left as it is, which changes nothing
        self._edit(start, self._after(node), "")

    def append(self, path: Path_, item: dict[str, Any]) -> None:
        """Add ``item`` at the end of the list at ``path`` (made, at the end of the file, if there is none)."""
        node = self.node(path)
        if node is None:
            self._add_key(path[:-1], str(path[-1]), [item], None)
            return
        if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
            self._replace_flow(node, [*(_data_at(self.data, path) or []), item], path)
            return
        last = node.value[-1]
        dash_index = self.text.rfind("-", 0, last.start_mark.index)
        dash = dash_index - self._line_begin(dash_index)
        same_line = self._line_begin(dash_index) == self._line_begin(last.start_mark.index)
        content = last.start_mark.column if same_line else dash + 2
        lines = block_lines(item)
        text = [" " * dash + "-" + " " * max(1, content - dash - 1) + lines[0]]
        text += [" " * content + line for line in lines[1:]]
        self._insert(self._after(last), text)

    def result(self) -> str:
        """The text with every edit made, later ones first so that earlier positions still hold."""
        text = self.text
        # At one position, a range is cut before text is put there, and text put later lands after text put
        # earlier (an insertion at the line of a key that is removed stays).
        ordered = sorted(self._edits, key=lambda edit: (edit[0], edit[2] > edit[0], edit[1]), reverse=True)
        for start, _, end, replacement in ordered:
            text = text[:start] + replacement + text[end:]
        return text

    # Helpers ------------------------------------------------------------------------------------------------

    def _edit(self, start: int, end: int, replacement: str) -> None:
        self._edits.append((start, len(self._edits), end, replacement))

    def _replace_scalar(self, node: yaml.ScalarNode, value: Any) -> None:
        old = self.text[node.start_mark.index:node.end_mark.index]
        ending = old[len(old.rstrip("\r\n")):] if node.style in ("|", ">") else ""  # a block keeps its line ends
        self._edit(node.start_mark.index, node.end_mark.index, scalar_text(value) + self.newline * ending.count("\n"))

    def _replace_flow(self, node: yaml.Node, value: Any, path: Path_) -> None:
        """A whole collection rewritten on one line in flow style: only where the file used flow style."""
        if not getattr(node, "flow_style", False):
            raise InputError(f"{self.label}:{node.start_mark.line + 1}: {'.'.join(map(str, path))} does not have "
                             f"the form of a ladder file here; correct it, then merge again")
        text = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=1 << 30, sort_keys=False,
                         default_flow_style=True).rstrip("\n")
        self._edit(node.start_mark.index, node.end_mark.index, text)

    def _add_key(self, path: Path_, key: str, value: Any, before: str | None) -> None:
        mapping = self.node(path)
        if not isinstance(mapping, yaml.MappingNode):
            raise InputError(f"{self.label}: {'.'.join(map(str, path)) or 'the top level'} is not a mapping; "
                             f"correct it, then merge again")
        if mapping.flow_style:
            self._replace_flow(mapping, {**_data_at(self.data, path), key: value}, path)
            return
        indent = mapping.value[0][0].start_mark.column
        if isinstance(value, (dict, list)):
            nested = block_lines(value)
            step = 2 if isinstance(value, dict) else self._list_offset(mapping)
            lines = [scalar_text(key) + ":"] + [" " * step + line for line in nested]
        else:
            lines = [f"{scalar_text(key)}: {scalar_text(value)}"]
        lines = [" " * indent + lines[0]] + [" " * indent + line for line in lines[1:]]
        following = next((k for k, _ in mapping.value if k.value == before), None) if before else None
        start = self._line_start(following.start_mark.index) if following is not None else None
        self._insert(start if start is not None else self._after(mapping.value[-1][1]), lines)

    def _list_offset(self, mapping: yaml.MappingNode) -> int:
        """How far this mapping's block lists stand in from their keys ("rungs:\n  - id"): 0 where it has none."""
        for key, value in mapping.value:
            if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
                dash = self.text.rfind("-", 0, value.value[0].start_mark.index)
                return max(0, dash - self._line_begin(dash) - key.start_mark.column)
        return 0

    def _insert(self, position: int, lines: list[str]) -> None:
        text = "".join(line + self.newline for line in lines)
        if position == len(self.text) and self.text and not self.text.endswith("\n"):
            text = self.newline + text
        self._edit(position, position, text)

    def _line_begin(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _line_start(self, index: int) -> int | None:
        """The start of ``index``'s line when only spaces stand before it there, else None."""
        begin = self._line_begin(index)
        return begin if not self.text[begin:index].strip(" ") else None

    def _after(self, node: yaml.Node) -> int:
        """Where the line after ``node``'s last line starts (after a comment on that line)."""
        while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
            node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
        index = node.end_mark.index
        if index > 0 and self.text[index - 1] == "\n":  # a block scalar ends at the start of a line
            return index
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found + 1


def _data_at(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


def _shared_nodes(root: yaml.Node | None) -> set[int]:
    """The nodes reached more than once: those an alias repeats."""
    seen: set[int] = set()
    shared: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            shared.add(id(node))
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return shared
