"""The ``actor_mentions`` component: the knowledge base's names in a doc.

Sets ``doc._.actor_mentions`` (every :class:`~detente.actors.matcher.Mention`, in text order),
``doc._.mention_at`` (token index -> the mention covering it) and ``doc._.country_mentions``
(ISO3 -> how often the doc names the country, people counting for their own) and
``doc._.discards`` (the discard phrases of the compiled dictionaries found: (token index,
"sentence" | "story"); the story's assembly drops what they cover).  Turning a noun
phrase into actors needs the event's date and the story's context, so it is left to whoever
reads these (:meth:`ActorMatcher.actors_for`).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .kb import ActorKB
from .matcher import ActorMatcher, Mention

for _name in ("actor_mentions", "mention_at", "country_mentions", "discards"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class ActorMentions:
    def __init__(self, matcher: ActorMatcher) -> None:
        self.matcher = matcher

    def __call__(self, doc: Doc) -> Doc:
        mentions, discards = self.matcher.scan(doc)
        by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                by_token[i] = m
        doc._.actor_mentions = mentions
        doc._.mention_at = by_token
        doc._.country_mentions = self.matcher.country_mentions(mentions)
        doc._.discards = discards
        return doc


@Language.factory("actor_mentions", default_config={"actor_files": []})
def make_actor_mentions(nlp: Language, name: str, actor_files: list[str]) -> ActorMentions:
    """``nlp.add_pipe("actor_mentions")``; ``actor_files``: actor CSV files of your own, added
    to the packaged knowledge base."""
    kb = ActorKB.load(extra=actor_files) if actor_files else None
    return ActorMentions(ActorMatcher(nlp.vocab, kb))
