"""Turn plain data (from YAML or JSON) into frozen dataclasses, collecting every problem."""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import re
import collections.abc
import types
import typing
from typing import Any, Iterable, Literal, NamedTuple, Union


Path = tuple[Union[str, int], ...]


class Problem(NamedTuple):
    """One thing wrong with the data: where (a key path) and what was expected."""

    path: Path
    message: str


class Invalid(Exception):
    """Raised with *all* problems found, never just the first."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def format_path(path: Path) -> str:
    """('graduation', 'steps', 2, 'sources') -> 'graduation.steps[2].sources'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(文件顶层)"


_TYPE_WORDS = {
    str: "文本",
    int: "整数",
    float: "数字",
    bool: "是或否（true / false）",
    datetime.date: "日期（YYYY-MM-DD，例如 2026-11-22）",
}


def _describe_value(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:30] + "…"
        return f"文本“{shown}”"
    if isinstance(value, datetime.date):
        return f"日期 {value.isoformat()}"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "键值映射"
    return type(value).__name__


def _expected_words(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if tp in _TYPE_WORDS:
        return _TYPE_WORDS[tp]
    if origin is Literal:
        return "以下之一：" + "、".join(str(a) for a in typing.get_args(tp))
    if origin in (list, tuple):
        return "列表（每项前写 “- ”）"
    if origin in (dict, collections.abc.Mapping):
        return "键值映射（key: value）"
    if dataclasses.is_dataclass(tp):
        return "键值映射（key: value）"
    if origin in (Union, types.UnionType):
        return " 或 ".join(_expected_words(a) for a in typing.get_args(tp) if a is not type(None))
    return str(tp)


@functools.cache
def _record_fields(cls: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field[Any]]]:
    """A record type's resolved field types and its init fields: resolved once per class, not once per record."""
    return typing.get_type_hints(cls), {f.name: f for f in dataclasses.fields(cls) if f.init}


class _Loader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: Path, message: str) -> None:
        self.problems.append(Problem(path, message))

    def value(self, tp: Any, data: Any, path: Path, meta: typing.Mapping[str, Any]) -> Any:
        origin = typing.get_origin(tp)
        if origin in (Union, types.UnionType):
            args = typing.get_args(tp)
            if data is None and type(None) in args:
                return None
            non_none = [a for a in args if a is not type(None)]
            if len(non_none) == 1:
                return self.value(non_none[0], data, path, meta)
            for arg in non_none:  # first alternative that loads cleanly
                trial = _Loader()
                result = trial.value(arg, data, path, meta)
                if not trial.problems:
                    return result
            self.fail(path, f"应为{_expected_words(tp)}，实际为{_describe_value(data)}")
            return None
        if origin is Literal:
            allowed = typing.get_args(tp)
            if data not in allowed or isinstance(data, bool) != isinstance(allowed[0], bool):
                hint = ""
                if isinstance(data, str):
                    close = difflib.get_close_matches(data, [str(a) for a in allowed], n=1)
                    hint = f"（是不是“{close[0]}”？）" if close else ""
                self.fail(path, f"应为以下之一：{'、'.join(str(a) for a in allowed)}，实际为{_describe_value(data)}{hint}")
                return None
            return data
        if origin in (list, tuple):
            if not isinstance(data, list):
                self.fail(path, f"应为{_expected_words(tp)}，实际为{_describe_value(data)}")
                return None
            (item_tp, *_rest) = typing.get_args(tp) or (Any,)
            min_items = meta.get("min_items", 0)
            if len(data) < min_items:
                self.fail(path, f"至少要有 {min_items} 项，现在有 {len(data)} 项")
            items = [self.value(item_tp, item, path + (i,), {}) for i, item in enumerate(data)]
            return tuple(items)
        if origin in (dict, collections.abc.Mapping):
            key_tp, val_tp = typing.get_args(tp)
            if not isinstance(data, dict):
                self.fail(path, f"应为{_expected_words(tp)}，实际为{_describe_value(data)}")
                return None
            out = {}
            for key, item in data.items():
                if not isinstance(key, str):
                    self.fail(path + (str(key),), "键名应为文本")
                    continue
                pattern = meta.get("key_pattern")
                if pattern and not re.fullmatch(pattern, key):
                    self.fail(path + (key,), f"键名格式不对：{meta.get('key_help', pattern)}")
                out[key] = self.value(val_tp, item, path + (key,), {})
            return types.MappingProxyType(out)
        if dataclasses.is_dataclass(tp):
            return self.record(tp, data, path)
        if tp is Any:
            return data
        return self.scalar(tp, data, path, meta)

    def scalar(self, tp: Any, data: Any, path: Path, meta: typing.Mapping[str, Any]) -> Any:
        if tp is datetime.date:
            if isinstance(data, datetime.datetime):
                data = data.date()
            elif isinstance(data, str):
                try:
                    data = datetime.date.fromisoformat(data)
                except ValueError:
                    self.fail(path, f"应为{_TYPE_WORDS[tp]}，实际为{_describe_value(data)}")
                    return None
            if not isinstance(data, datetime.date):
                self.fail(path, f"应为{_TYPE_WORDS[tp]}，实际为{_describe_value(data)}")
                return None
            return data
        ok = (
            (tp is bool and isinstance(data, bool))
            or (tp is int and isinstance(data, int) and not isinstance(data, bool))
            or (tp is float and isinstance(data, (int, float)) and not isinstance(data, bool))
            or (tp is str and isinstance(data, str))
        )
        if not ok:
            self.fail(path, f"应为{_TYPE_WORDS.get(tp, str(tp))}，实际为{_describe_value(data)}")
            return None
        if tp is float:
            data = float(data)
        if tp is str:
            if not data.strip() and not meta.get("allow_empty"):
                self.fail(path, "不能为空")
                return None
            pattern = meta.get("pattern")
            if pattern and not re.fullmatch(pattern, data):
                self.fail(path, f"格式不对：{meta.get('help', pattern)}，实际为{_describe_value(data)}")
                return None
        if tp in (int, float):
            low, high = meta.get("min"), meta.get("max")
            if low is not None and data < low:
                self.fail(path, f"不能小于 {low}，实际为 {data}")
            if high is not None and data > high:
                self.fail(path, f"不能大于 {high}，实际为 {data}")
        return data

    def record(self, cls: type, data: Any, path: Path) -> Any:
        if not isinstance(data, dict):
            self.fail(path, f"应为键值映射（key: value），实际为{_describe_value(data)}")
            return None
        hints, fields = _record_fields(cls)
        before = len(self.problems)
        for key in data:
            if key not in fields:
                close = difflib.get_close_matches(str(key), list(fields), n=1)
                hint = f"是不是“{close[0]}”？" if close else ""
                allowed = "、".join(fields)
                self.fail(path + (str(key),), f"未知字段。{hint}此处可用的字段：{allowed}")
        kwargs: dict[str, Any] = {}
        for name, f in fields.items():
            if name not in data:
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    label = f.metadata.get("help")
                    self.fail(path + (name,), f"缺少必填项{('（' + label + '）') if label else ''}")
                continue
            kwargs[name] = self.value(hints[name], data[name], path + (name,), f.metadata)
        if len(self.problems) > before:
            return None
        obj = cls(**kwargs)
        check = getattr(obj, "check", None)
        if callable(check):
            for sub, message in check():
                self.fail(path + tuple(sub), message)
        return obj


def load(cls: type, data: Any, path: Path = ()) -> Any:
    """Build ``cls`` from plain data or raise :class:`Invalid` listing every problem."""
    loader = _Loader()
    result = loader.value(cls, data, path, {})
    if loader.problems:
        raise Invalid(loader.problems)
    return result


def dump(obj: Any) -> Any:
    """The inverse of :func:`load`: plain dicts, lists, strings, numbers and ISO dates."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            f.name: dump(getattr(obj, f.name))
            for f in dataclasses.fields(obj)
            if f.init
        }
    if isinstance(obj, (list, tuple)):
        return [dump(x) for x in obj]
    if isinstance(obj, (dict, types.MappingProxyType)):
        return {k: dump(v) for k, v in obj.items()}
    if isinstance(obj, datetime.date):
        return obj.isoformat()
    return obj


def problems_of(results: Iterable[tuple[Path, str]]) -> list[Problem]:
    """Small helper for ``check()`` methods that build problems from pairs."""
    return [Problem(tuple(p), m) for p, m in results]
