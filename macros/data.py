"""Load every file under data/, validate it against the typed models, report all problems at once."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from checkers.schema import Invalid, Problem, load
from macros.loader import DataFileError, Located, load_yaml, locate
from macros.models import SLUGS, Fact, National, Province, Round, Source
from macros.reviews import Review, Reviewable, check_reviews, reviewable_plan, reviewable_record, reviewable_specs

ROOT = Path(__file__).resolve().parent.parent
STALE_AFTER = datetime.timedelta(days=365)
OLD_ROUND_AFTER = datetime.timedelta(days=730)  # rounds older than two years: "possibly out of date"


def today() -> datetime.date:
    """The build date, from one place: HANDBOOK_TODAY (YYYY-MM-DD) pins it for tests, else the clock."""
    override = os.environ.get("HANDBOOK_TODAY")
    return datetime.date.fromisoformat(override) if override else datetime.date.today()


class DataErrors(Exception):
    """Every problem found in data/, as printable 'file:line: key.path: message' lines."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Dataset:
    """All validated data, plus where each record came from (for edit links and git dates)."""

    national: National
    provinces: dict[str, Province]
    photo_specs: dict[str, Any]
    plans: dict[str, Any]
    rules: dict[str, Any] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # record key -> repository-relative file
    # data file (e.g. data/provinces/shandong.yml) -> its second-reader records, and what it offers to review
    reviews: dict[str, tuple[Review, ...]] = field(default_factory=dict)
    reviewable: dict[str, Reviewable] = field(default_factory=dict)
    review_files: dict[str, str] = field(default_factory=dict)  # data file -> its review file

    def reviewed(self, file: str, fact: Any) -> datetime.date | None:
        """The date ``fact`` (in data file ``file``) passed a second reading with its current text, if it did."""
        from macros.reviews import fact_key, passed_on

        return passed_on(self.reviews.get(file, ()), fact_key(fact), tuple(fact.sources))


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


class _Collector:
    def __init__(self, root: Path):
        self.root = root
        self.errors: list[str] = []
        self.located: dict[str, Located] = {}

    def read(self, path: Path, model: type) -> Any:
        display = _rel(path, self.root)
        try:
            located = load_yaml(path, display)
        except DataFileError as err:
            self.errors.append(f"{err.file}:{err.line}: {err.message}")
            return None
        self.located[display] = located
        try:
            return load(model, located.data)
        except Invalid as err:
            self.errors.extend(locate(located, err.problems))
            return None

    def problem(self, display: str, path: tuple, message: str) -> None:
        located = self.located.get(display)
        if located is None:
            self.errors.append(f"{display}:1: {message}")
        else:
            self.errors.extend(locate(located, [Problem(path, message)]))


def _load_photo_specs(c: _Collector, data: Path, dataset: dict[str, Any]) -> None:
    files = sorted((data / "photo_specs").glob("*.yml"))
    if not files:
        return
    from checkers.photo.spec import SpecFile, build_specs

    parsed: dict[str, Any] = {}
    displays: dict[str, str] = {}
    for path in files:
        spec_file = c.read(path, SpecFile)
        displays[path.stem] = _rel(path, c.root)
        if spec_file is not None:
            parsed[path.stem] = spec_file
    specs, problems = build_specs(parsed)
    for stem, key_path, message in problems:
        c.problem(displays.get(stem, stem), tuple(key_path), message)
    from checkers.common import confidence_problem

    for stem, spec_file in parsed.items():
        dataset["reviewable"][displays[stem]] = reviewable_specs(spec_file)
        for purpose in ("registration", "graduation"):
            entry = getattr(spec_file, purpose)
            problem = entry and confidence_problem(entry.confidence, entry.sources)
            if problem:
                c.problem(displays[stem], (purpose, "confidence"), problem)
    dataset["photo_specs"] = dict(specs)
    for spec_id in specs:
        stem = spec_id.split("/")[0]
        dataset["origin"][f"photo:{spec_id}"] = displays.get(stem, "")


def _load_plans(c: _Collector, data: Path, dataset: dict[str, Any]) -> None:
    plan_files = sorted((data / "plans").glob("*/*.yml"))
    if not plan_files:
        return
    from checkers.courses import plan as plan_module

    for path in plan_files:
        plan = c.read(path, plan_module.Plan)
        if plan is None:
            continue
        display = _rel(path, c.root)
        if plan.province != path.parent.name:
            c.problem(display, ("province",), f"应与所在文件夹一致：{path.parent.name}")
        if plan.code != path.stem:
            c.problem(display, ("code",), f"应与文件名一致：{path.stem}")
        plan_id = f"{path.parent.name}/{path.stem}"
        dataset["plans"][plan_id] = plan
        dataset["origin"][f"plan:{plan_id}"] = display
    loader = getattr(plan_module, "load_rules", None)
    if loader is not None:
        for rel, problems, rules in loader(c.root / "data", c.read):
            for key_path, message in problems:
                c.problem(rel, tuple(key_path), message)
            dataset["rules"].update(rules)
    cross = getattr(plan_module, "cross_check", None)
    if cross is not None:
        for plan_id, key_path, message in cross(dataset["plans"], dataset["rules"]):
            c.problem(dataset["origin"][f"plan:{plan_id}"], tuple(key_path), message)


def _load_reviews(c: _Collector, data: Path, dataset: dict[str, Any]) -> None:
    """data/reviews/<same path as the data file>: a list of second-reader records per data file."""
    base = data / "reviews"
    for path in sorted(base.rglob("*")) if base.is_dir() else ():
        if path.is_dir():
            continue
        display = _rel(path, c.root)
        target = "data/" + path.relative_to(base).as_posix()
        if path.suffix != ".yml":
            c.errors.append(f"{display}:1: 复核记录文件应以 .yml 结尾，路径与被复核的数据文件相同（如 reviews/provinces/yunnan.yml）")
            continue
        reviews = c.read(path, tuple[Review, ...])
        if reviews is None:
            continue
        offer = dataset["reviewable"].get(target)
        if offer is None:
            if not (c.root / target).exists():
                c.errors.append(f"{display}:1: 没有对应的数据文件 {target}（复核记录的路径要与被复核的数据文件相同）")
            continue  # the data file exists but has errors of its own, reported above
        for key_path, message in check_reviews(reviews, target, offer):
            c.problem(display, key_path, message)
        dataset["reviews"][target] = reviews
        dataset["review_files"][target] = display


def load_dataset(root: Path = ROOT) -> Dataset:
    """Read and validate everything; raise :class:`DataErrors` listing every problem."""
    c = _Collector(root)
    data = root / "data"
    dataset: dict[str, Any] = {"provinces": {}, "photo_specs": {}, "plans": {}, "rules": {}, "origin": {},
                               "reviews": {}, "reviewable": {}, "review_files": {}}

    national = c.read(data / "national.yml", National) if (data / "national.yml").exists() else None
    if not (data / "national.yml").exists():
        c.errors.append("data/national.yml:1: 文件缺失：全国通用规则必须存在")
    dataset["origin"]["national"] = "data/national.yml"

    seen_slugs = set()
    for path in sorted((data / "provinces").glob("*")):
        display = _rel(path, root)
        if path.suffix != ".yml":
            c.errors.append(f"{display}:1: 省份数据文件应以 .yml 结尾，文件名为省份代码（如 yunnan.yml）")
            continue
        if path.stem not in SLUGS:
            c.errors.append(f"{display}:1: 文件名不是有效的省份代码；可用：{'、'.join(SLUGS)}")
            continue
        seen_slugs.add(path.stem)
        province = c.read(path, Province)
        if province is None:
            continue
        if province.slug != path.stem:
            c.problem(display, ("slug",), f"应与文件名一致：{path.stem}")
        dataset["provinces"][path.stem] = province
        dataset["origin"][f"province:{path.stem}"] = display
    for slug in SLUGS:
        if slug not in seen_slugs:
            c.errors.append(f"data/provinces/{slug}.yml:1: 文件缺失：31 个省份每个都要有数据文件（没有资料时各部分写 status: unknown）")

    _load_photo_specs(c, data, dataset)
    _load_plans(c, data, dataset)
    if national is not None:
        dataset["reviewable"]["data/national.yml"] = reviewable_record(national)
    for slug, province in dataset["provinces"].items():
        dataset["reviewable"][dataset["origin"][f"province:{slug}"]] = reviewable_record(province)
    for plan_id, plan in dataset["plans"].items():
        dataset["reviewable"][dataset["origin"][f"plan:{plan_id}"]] = reviewable_plan(plan)
    _load_reviews(c, data, dataset)
    if c.errors:
        raise DataErrors(c.errors)
    return Dataset(national=national, **dataset)


# ---- dates: when a fact was last checked, and whether it is stale ----

def fact_checked(fact: Fact | Round, sources: dict[str, Source]) -> datetime.date | None:
    """A fact was last checked on the latest date any of its sources was seen."""
    dates = [sources[s].seen for s in fact.sources if s in sources]
    return max(dates) if dates else None


def is_stale(checked: datetime.date | None, today: datetime.date) -> bool:
    return checked is not None and today - checked > STALE_AFTER


def stale_facts(dataset: Dataset, today: datetime.date) -> Iterator[tuple[str, str, datetime.date]]:
    """(file, 'key.path', checked) for each fact last checked more than 12 months before ``today``."""
    from checkers.schema import format_path

    records: list[tuple[str, Any]] = [("national", dataset.national)]
    records += [(f"province:{slug}", p) for slug, p in sorted(dataset.provinces.items())]
    for key, record in records:
        for path, fact in record.facts():
            checked = fact_checked(fact, record.sources)
            if is_stale(checked, today):
                yield dataset.origin[key], format_path(path), checked


def topic_checked(record: Any, topic: str) -> datetime.date | None:
    """核对日期 of a guide page: the latest check date of the facts it shows."""
    facts = [f for _, f in getattr(record, topic).facts()] + [record.authority]
    dates = [d for d in (fact_checked(f, record.sources) for f in facts) if d]
    return max(dates) if dates else None
