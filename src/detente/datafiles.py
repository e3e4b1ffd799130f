"""Reading the YAML data files analysts edit (word lists, code tables, modality rules).

Every file is read with a YAML loader that refuses a key written twice in one mapping (plain
``yaml.safe_load`` keeps the last one silently) and is then checked against the pydantic
model of its kind.  A bad file raises :class:`~detente.errors.DetenteError` naming the file and
the key: ``E206`` (not YAML, or not of the model's shape), ``E207`` (a key or word given twice),
``E208`` (a CAMEO code that is not in the CAMEO table).

Models use the types below: :data:`Words` is a list of distinct words read as a frozenset;
:func:`cameo_codes` and :func:`cameo_prefixes` check codes against :func:`detente.ontology.cameo_table`.
"""
from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Iterable, Optional, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import BadValue, DetenteError

M = TypeVar("M", bound=BaseModel)


class DataProblem(Exception):
    """Raised inside a model's validators; :func:`parse` adds the file's name.  ``entry`` is the
    catalogue code ("E207"), ``fields`` its template's values other than ``path``."""

    def __init__(self, entry: str, **fields: Any) -> None:
        super().__init__(entry, fields)
        self.entry = entry
        self.fields = fields


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader whose mappings refuse a key given twice."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise DataProblem("E207", what="key", key=key, where=f"lines {seen[key]} and {line}")
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def read_yaml(text: str, where: str) -> Any:
    """The YAML document in ``text``; a duplicate key or a syntax error is a DetenteError."""
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except DataProblem as exc:
        raise DetenteError(exc.entry, path=where, **exc.fields) from None
    except yaml.YAMLError as exc:
        raise DetenteError("E206", path=where, error=str(exc).replace("\n", " ")) from exc


def parse(model: type[M], text: str, where: str, empty: Any = None) -> M:
    """``text`` (YAML) as an instance of ``model``; any problem names ``where``.  An empty
    document reads as ``empty`` (None: as an empty mapping, which a model with required keys
    refuses)."""
    data = read_yaml(text, where)
    if data is None:
        data = {} if empty is None else empty
    try:
        return model.model_validate(data)
    except DataProblem as exc:
        raise DetenteError(exc.entry, path=where, **exc.fields) from None
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        raise DetenteError("E206", path=where, error=f"{key}: {err['msg']}") from None


@functools.lru_cache(maxsize=None)
def load(model: type[M], *parts: str) -> M:
    """The packaged data file ``detente/data/<parts>`` as an instance of ``model`` (cached)."""
    res = resources.files("detente").joinpath("data", *parts)
    return parse(model, res.read_text(encoding="utf-8"), "/".join(("data",) + parts))


def load_path(model: type[M], path: str | Path) -> M:
    """A user's own data file, read as ``model``."""
    return parse(model, Path(path).read_text(encoding="utf-8"), str(path))


# ---------------------------------------------------------------------- field types
def _distinct(words: Iterable[str]) -> frozenset[str]:
    seen: set[str] = set()
    for w in words:
        if w in seen:
            raise DataProblem("E207", what="word", key=w, where="listed twice in one list")
        seen.add(w)
    return frozenset(seen)


Words = Annotated[tuple[str, ...], AfterValidator(_distinct)]
"""A list of distinct words, read as a frozenset."""


def cameo_codes(codes: Iterable[str], key: str) -> None:
    """Every code must be in the CAMEO table."""
    from .ontology import cameo_table

    table = cameo_table()
    for code in codes:
        if code not in table:
            raise DataProblem("E208", key=key, cameo=code)


def cameo_prefixes(prefixes: Iterable[str], key: str) -> None:
    """Every prefix must begin some code of the CAMEO table ("1" and "19" do, "21" does not)."""
    from .ontology import cameo_table

    codes = cameo_table()
    for prefix in prefixes:
        if not any(code.startswith(prefix) for code in codes):
            raise DataProblem("E208", key=key, cameo=prefix)


def words_in_one_list(lists: dict[str, frozenset[str]], key: str) -> dict[str, str]:
    """``word -> list name`` over several named word lists; a word in two lists is an error."""
    owner: dict[str, str] = {}
    for name, words in lists.items():
        for w in sorted(words):
            if w in owner:
                raise DataProblem("E207", what="word", key=w, where=f"{key}: under both {owner[w]} and {name}")
            owner[w] = name
    return owner


class DataModel(BaseModel):
    """Base of the data-file models: unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------------- the issue taxonomy
# (data/analysis/issues.yaml: read by the coder's event_issues component, and by the store,
# the CLI and the web API to check and label issue ids -- here, so that those need no spaCy)
class IssueClause(DataModel):
    """The words of "the event's own clause" (``clause:`` in issues.yaml)."""

    topic_prepositions: Words
    topic_predicates: Words
    circumstance_prepositions: Words
    other_clauses: Words
    portfolio_heads: Words
    # "(a follow-up meeting on) these issues": a demonstrative and a topic noun name the issues
    # of the sentences before (issues.yaml, coding/issues.py)
    anaphora_determiners: Words = frozenset()
    anaphora_nouns: Words = frozenset()
    purpose_marks: Words = frozenset()
    topic_nouns: Words = frozenset()
    meeting_codes: Words = frozenset()
    meeting_place_prepositions: Words = frozenset()


class IssueEntry(DataModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    category: str = Field(pattern=r"^[a-z0-9_]+$")
    source: str
    phrases: Words
    exclude: Words = frozenset()
    cameo: tuple[str, ...] = ()

    @field_validator("cameo")
    @classmethod
    def _known_codes(cls, codes: tuple[str, ...]) -> tuple[str, ...]:
        cameo_codes(codes, "cameo")
        return codes


class IssueTaxonomy(DataModel):
    """``data/analysis/issues.yaml``: the clause vocabulary and the issues."""

    clause: IssueClause
    issues: tuple[IssueEntry, ...]

    @field_validator("issues")
    @classmethod
    def _distinct_ids(cls, issues: tuple[IssueEntry, ...]) -> tuple[IssueEntry, ...]:
        seen: dict[str, str] = {}
        for e in issues:
            if e.id in seen:
                raise DataProblem("E207", what="issue id", key=e.id, where=f"sources {seen[e.id]} and {e.source}")
            seen[e.id] = e.source
        return issues

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.issues)

    def entry(self, issue_id: str) -> Optional[IssueEntry]:
        return next((e for e in self.issues if e.id == issue_id), None)


def issue_taxonomy() -> IssueTaxonomy:
    """The packaged taxonomy (read once)."""
    return load(IssueTaxonomy, "analysis", "issues.yaml")


def check_issue_ids(ids: Iterable[str], taxonomy: Optional[IssueTaxonomy] = None) -> list[str]:
    """``ids`` as a list when every one is a taxonomy id; else E309 naming the first unknown one
    and the ids closest to it."""
    from rapidfuzz import process

    taxonomy = taxonomy or issue_taxonomy()
    known = set(taxonomy.ids)
    ids = list(ids)
    for i in ids:
        if i not in known:
            close = [m[0] for m in process.extract(str(i), taxonomy.ids, limit=5)]
            raise BadValue("E309", what="issue", value=i,
                           choices=", ".join(close) + " ... (all ids: detente/data/analysis/issues.yaml)")
    return ids
