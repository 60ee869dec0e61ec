"""Read editors' YAML safely into plain data plus a map from key path to line number."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from checkers.schema import Path, Problem

MAX_BYTES = 512 * 1024  # no data file needs more; a larger one is a mistake or an attack
MAX_NODES = 50_000


@dataclass(frozen=True)
class Located:
    """One file's data and where each key path sits in it (1-based lines)."""

    file: str
    data: Any
    lines: dict[Path, int]

    def line_of(self, path: Path) -> int:
        """The line of the deepest part of ``path`` that exists in the file."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


class DataFileError(Exception):
    """A file that cannot be read as data at all; carries ready-to-print problems."""

    def __init__(self, file: str, line: int, message: str):
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message = file, line, message


class _NoAliasComposer(Composer):
    def compose_node(self, parent: Any, index: Any) -> Node:  # type: ignore[override]
        if self.check_event(yaml.events.AliasEvent):
            event = self.get_event()
            raise DataFileError("", event.start_mark.line + 1, "不支持 YAML 别名（*name），请直接写出内容")
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise DataFileError("", event.start_mark.line + 1, "不支持 YAML 锚点（&name），请直接写出内容")
        return super().compose_node(parent, index)


class _Loader(Reader, Scanner, Parser, _NoAliasComposer, SafeConstructor, Resolver):
    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _NoAliasComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


try:  # libyaml's parser, five times faster, feeding the same composer; PyYAML wheels ship it
    from yaml.cyaml import CParser
except ImportError:  # a PyYAML built without libyaml: the pure-Python loader alone
    CParser = None


if CParser is not None:
    class _FastLoader(_NoAliasComposer, CParser, SafeConstructor, Resolver):  # type: ignore[misc, valid-type]
        """libyaml's events, this module's composer and resolvers; used only for files it reads without error
        (any problem is reported by :class:`_Loader`, so the messages are PyYAML's own)."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _NoAliasComposer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


# Only the plain YAML 1.2 forms are typed: true/false, decimal numbers, ISO dates (YYYY-MM-DD).
# Everything else (yes/no, 12:30, 0o17, 2024-05) stays text, so an editor's words are kept as written.
_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$"), list("-0123456789")
)
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp", re.compile(r"^\d{4}-\d\d-\d\d$"), list("0123456789")
)
if CParser is not None:
    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _walk(node: Node, path: Path, lines: dict[Path, int], budget: list[int], file: str) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise DataFileError(file, node.start_mark.line + 1, f"文件过于复杂（超过 {MAX_NODES} 个节点）")
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise DataFileError(file, key_node.start_mark.line + 1, "键名必须是简单文本")
            key = key_node.value
            if key == "<<":
                raise DataFileError(file, key_node.start_mark.line + 1, "不支持 YAML 合并键（<<）")
            if key in out:
                first = lines.get(path + (key,), "?")
                raise DataFileError(
                    file, key_node.start_mark.line + 1, f"{key}: 同一个字段写了两次（第一次在第 {first} 行）"
                )
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _walk(value_node, path + (key,), lines, budget, file)
        return out
    if isinstance(node, SequenceNode):
        return [_walk(item, path + (i,), lines, budget, file) for i, item in enumerate(node.value)]
    constructor = SafeConstructor()
    try:
        value = constructor.construct_object(node, deep=True)
    except ValueError:  # e.g. 2026-13-01 looks like a date but is not one: the model reports it as text
        return node.value
    except yaml.constructor.ConstructorError:  # an unknown tag such as !!il: say where, in words
        raise DataFileError(file, node.start_mark.line + 1,
                            f"不认识的 YAML 标记 {node.tag}：去掉值前面以 ! 开头的标记，直接写值") from None
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def read_text(path: FsPath, display: str) -> str:
    """File bytes to text, refusing oversized files and anything but UTF-8."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DataFileError(display, 1, f"文件太大（{size // 1024} KB），数据文件最多 {MAX_BYTES // 1024} KB")
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataFileError(display, line, "文件不是 UTF-8 编码（请在编辑器里用 UTF-8 保存）") from None


def _fast_node(text: str) -> Node | None:
    """The document's node through libyaml, or None when it has none or libyaml reports any problem (then the
    pure-Python loader reads the file again and words the problem).

    libyaml accepts a few things PyYAML refuses (a tab as a separator, ``?`` inside ``[...]``); files holding a
    tab or a ``?`` go to PyYAML directly, so both loaders accept exactly the same files."""
    if CParser is None or "\t" in text or "?" in text:
        return None
    loader = _FastLoader(text)
    try:
        return loader.get_single_node()
    except (yaml.YAMLError, DataFileError):
        return None
    finally:
        loader.dispose()


def _pure_node(text: str, display: str) -> Node | None:
    """The document's node through PyYAML's own parser; raises :class:`DataFileError` worded for editors."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except DataFileError as err:
        raise DataFileError(display, err.line, err.message) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        raise DataFileError(display, line, f"YAML 语法错误：{err.problem or err.context}（常见原因：缩进不齐、冒号后缺空格、引号没配对）") from None
    except yaml.YAMLError as err:
        raise DataFileError(display, 1, f"YAML 语法错误：{err}") from None
    finally:
        loader.dispose()


def load_yaml(path: FsPath, display: str | None = None) -> Located:
    """Load one YAML file; raises :class:`DataFileError` for unreadable or unsafe files."""
    display = display or str(path)
    text = read_text(path, display)
    node = _fast_node(text) or _pure_node(text, display)
    if node is None:
        return Located(display, None, {(): 1})
    lines: dict[Path, int] = {}
    data = _walk(node, (), lines, [MAX_NODES], display)
    return Located(display, data, lines)


def locate(located: Located, problems: list[Problem]) -> list[str]:
    """Problems as 'file:line: key.path: message' lines, in file order."""
    from checkers.schema import format_path

    rows = [(located.line_of(p.path), format_path(p.path), p.message) for p in problems]
    rows.sort(key=lambda r: r[0])
    return [f"{located.file}:{line}: {path}: {message}" for line, path, message in rows]
