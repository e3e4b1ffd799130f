"""Finding actors in parsed sentences.

Two steps, both per sentence:

1. :meth:`ActorMatcher.mentions` marks every knowledge-base phrase in a Doc (country names,
   demonyms, capitals, seats of power, IGOs, people, office titles, sector nouns) with
   spaCy's PhraseMatcher: names case-sensitively (news capitalises them; "us" is not "US"),
   office titles and sector nouns case-insensitively.
2. :meth:`ActorMatcher.actors_for` turns the noun phrase headed by a token into actors:
   "Russian Foreign Minister Sergey Lavrov" -> Sergey Lavrov (RUS, GOV);
   "Secretary of State" on 2025-03-01 -> Marco Rubio; "Hungarian and Romanian officials"
   -> two actors; "X, head of Russia's sovereign wealth fund" -> X (RUS, BUS).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Optional

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..schema import Actor
from ..nlp.dates import count_value
from ..nlp.entity_index import entity_at
from ..nlp.places import in_water_name
from ..nlp.syntax import hyphen_joined, near_subtree, steps_up, within_reach
from .automaton import PhraseTrie
from .kb import SINGLE_HOLDER_ROLES, ActorKB, Tenure, default_kb
from .tables import actor_rules

# Kinds of mention, most identifying first: a person beats an office title, which beats a
# seat of power, an IGO, a country, and a bare sector noun.
KIND_RANK = {"person": 0, "office": 1, "metonym": 2, "igo": 3, "country": 4, "capital": 4,
             "ambiguous": 4, "demonym": 5, "agent": 6, "none": 7}
COUNTRYISH = {"country", "capital", "demonym", "metonym"}

# Dependency labels whose subtrees belong to the noun phrase of an actor.  Relative clauses,
# clausal modifiers and most prepositional phrases describe something else ("the envoy who met
# the Chinese", "the ambassador to Russia").
_NP_DEPS = {"compound", "amod", "nmod", "poss", "appos", "det", "nummod", "quantmod", "case",
            "punct", "prep", "pobj", "cc", "conj", "npadvmod", "advmod", "predet"}
_RULES = actor_rules()
_SECTORS = _RULES.sectors


@dataclass(frozen=True)
class Mention:
    start: int            # token index in the Doc
    end: int
    kind: str
    value: Any            # iso3 | (iso3, sector, name) | (code, name, sector) | sector | offices | surface

    @property
    def rank(self) -> int:
        return KIND_RANK[self.kind]


class ActorMatcher:
    def __init__(self, vocab, kb: Optional[ActorKB] = None, place_country=None) -> None:
        self.kb = kb or default_kb()
        # optional: place name -> ISO3 (the gazetteer), for groups named by a place
        self.place_country = place_country
        self.vocab = vocab
        self._cased = PhraseMatcher(vocab, attr="ORTH")
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        # the compiled dictionaries' names (kb.folded) and discard phrases, case-insensitively
        tokenizer = _tokenizer(vocab)
        self._compiled = PhraseTrie(lambda phrase: [t.text for t in tokenizer(phrase)])
        self._values: dict[int, tuple[str, dict[str, Any]]] = {}
        kb = self.kb
        folded = {s for by_lower in kb.folded.values() for s in by_lower.values()}
        self._add("country", kb.country_names, cased=True)
        self._add("ambiguous", kb.ambiguous, cased=True)
        self._add("capital", kb.capitals, cased=True)
        self._add("demonym", kb.demonyms, cased=True)
        self._add("metonym", _without(kb.metonyms, folded), cased=True)
        self._add("igo", _without(kb.igos, folded), cased=True)
        self._add("person", {k: k for k in kb.people if k not in folded}, cased=True)
        self._add("office", kb.offices, cased=False)
        self._add("agent", kb.agents, cased=False)
        for kind, by_lower in kb.folded.items():
            for surface in by_lower.values():
                self._compiled.add(surface, (kind, surface))
        for phrase, scope in kb.discards.items():
            self._compiled.add(phrase, ("discard", scope))
        self._fuzzy_cache: dict[str, Optional[str]] = {}
        self._fuzzy_choices: Optional[list[str]] = None
        self._long_names: Optional[dict[Any, set[str]]] = None   # a body's names of several words
        # every surface form, lowercased: the prefilter's vocabulary
        self.surface_forms: set[str] = set()
        for table in (kb.country_names, kb.ambiguous, kb.capitals, kb.demonyms, kb.metonyms, kb.igos, kb.people):
            self.surface_forms.update(table)

    def _add(self, kind: str, table: dict[str, Any], *, cased: bool) -> None:
        tokenizer = _tokenizer(self.vocab)
        matcher = self._cased if cased else self._lower
        key = f"{kind}:{'c' if cased else 'l'}"
        docs = []
        for surface in tokenizer.pipe(s for s in table if s):
            docs.append(surface)
            if not cased and "." in surface.text:
                # abbreviations tokenize by their capitalised form: "Gen.", "Lt. Col."
                titled = tokenizer(surface.text.title())
                if len(titled) != len(surface):
                    docs.append(titled)
        self._values[self.vocab.strings.add(key)] = (kind, table)
        if docs:
            matcher.add(key, docs)

    # ------------------------------------------------------------------ step 1
    def mentions(self, doc: Doc) -> list[Mention]:
        """The knowledge base's names in ``doc`` (longest match wins), in text order."""
        return self.scan(doc)[0]

    def scan(self, doc: Doc) -> tuple[list[Mention], list[tuple[int, str]]]:
        """The mentions (:meth:`mentions`) and the discard phrases found, as (token index, scope)."""
        found: list[Mention] = []
        discards: list[tuple[int, str]] = []
        hits = []   # (start, end, kind, the surface as stored or None for the span's text, table)
        for matcher in (self._cased, self._lower):
            for match_id, start, end in matcher(doc):
                kind, table = self._values[match_id]
                hits.append((start, end, kind, None, table))
        kb = self.kb
        for start, end, (kind, surface) in self._compiled.matches(doc):
            if kind == "discard":
                discards.append((start, surface))
            elif any(t.text[:1].isupper() for t in doc[start:end]) and not _part_of_person(doc, start, end):
                # a name ("Rice", not "rice"), and not a piece of someone else's
                table = {"person": kb.people, "metonym": kb.metonyms, "igo": kb.igos}.get(kind)
                hits.append((start, end, kind, surface, table))
        for start, end, kind, surface, table in hits:
            span = doc[start:end]
            text = span.text if surface is None else surface
            if kind == "none":
                found.append(Mention(start, end, kind, text))
                continue
            value = table.get(text)
            if value is None:
                value = table.get(text.lower())
            if value is None:
                continue
            if kind in ("country", "ambiguous", "capital", "demonym") and _inside_person(span, self._is_placey):
                continue  # "Chad Smith", "Jordan Peterson" (but not "Bosnian Serbs")
            if kind == "agent" and start >= 1 and \
                    doc[start - 1].lower_ in _RULES.agent_other_senses.get(span.text.lower(), ()):
                continue  # "the region's west bank", "a food bank": no business
            if kind == "agent" and end - start == 1 and doc[start].pos_ == "ADJ" and \
                    span.text.lower() in _RULES.adjective_other_senses:
                continue  # "a general strike": no general
            if kind == "agent" and end - start == 1 and span.text.lower() in _RULES.head_only_agents and \
                    (doc[start].pos_ != "NOUN" or doc[start].dep_ in ("compound", "amod", "nmod")):
                continue  # "Kenya's national police service": no national
            if kind == "demonym" and start >= 1 and doc[start - 1].lower_ == "ethnic":
                continue  # "ethnic Albanians in Macedonia": a people, placed by where they live
            if kind in ("country", "demonym") and stance_word(doc[start]):
                continue  # "an anti-Syria journalist", "pro-Russian separatists": a stance, not a nationality
            if kind in ("country", "ambiguous", "capital", "demonym") and in_water_name(doc, start, end):
                continue  # "a tanker in the Gulf of Finland", "drills in the South China Sea": a place
            if kind == "person":
                value = text
            found.append(Mention(start, end, kind, value))
        # longest match wins; among equal spans the more identifying kind
        found.sort(key=lambda m: (-(m.end - m.start), m.rank, m.start))
        taken: set[int] = set()
        kept = []
        for m in found:
            if any(i in taken for i in range(m.start, m.end)):
                continue
            taken.update(range(m.start, m.end))
            if m.kind != "none":    # a phrase that names no one still blocks the names inside it
                kept.append(m)
        kept = _disambiguated(kept)
        # an acronym the text itself spells out ("a new Regional Security Framework (RSF)") names
        # that phrase, here and later in the text, not the body the knowledge base knows by it
        # a person's initials in parentheses after a name that is not theirs ("Municipality
        # Association (AKK) officials") are some body's acronym, not the person
        kept = [m for m in kept if not (m.kind == "person" and _bracketed_acronym(doc, m)
                                        and not any(o.kind == "person" and o.end == m.start - 1 for o in kept))]
        defined = _defined_acronyms(doc, taken)
        if defined:
            kept = [m for m in kept if not (m.end - m.start == 1 and doc[m.start].text in defined
                                            and self._spelt_otherwise(m, defined[doc[m.start].text]))]
        # misspelt country names ("Ethopia", "Phillippines"): a close fuzzy match on a
        # capitalised proper noun the exact pass missed
        for tok in doc:
            if tok.i in taken or tok.pos_ != "PROPN" or len(tok.text) < 6 or not tok.text[0].isupper():
                continue
            if _inside_person(doc[tok.i:tok.i + 1], self._is_placey) or in_water_name(doc, tok.i, tok.i + 1):
                continue    # a name the exact pass let go as a person's ("Jordan Peterson") or a sea's
            iso = self._fuzzy_country(tok.text)
            if iso is not None:
                kept.append(Mention(tok.i, tok.i + 1, "country", iso))
        ships = _warships(doc)
        if ships:   # (over whatever the ship's name read as: "Gerald R. Ford" is no president here)
            kept = [m for m in kept if not any(sh.start <= m.start < sh.end for sh in ships)] + ships
        kept.sort(key=lambda m: m.start)
        return kept, discards

    def _spelt_otherwise(self, m: Mention, phrase: str) -> bool:
        """Does the knowledge base spell the acronym of ``m`` out as a wholly other name than
        ``phrase`` ("RSF": the Rapid Support Forces, not a "Regional Security Framework")?  When
        it knows no longer name for it, the text's own spelling may well be that body's."""
        if self._long_names is None:
            self._long_names = {}
            for table in (self.kb.metonyms, self.kb.igos):
                for surface, value in table.items():
                    if " " in surface:
                        self._long_names.setdefault(value, set()).add(surface.lower())
        names = self._long_names.get(m.value) if m.kind in ("metonym", "igo") else None
        # only a spelling of the same letters counts ("Tamil Tigers" is no spelling of LTTE)
        spelt = [n for n in names or () if _initials(n) == _initials(phrase)]
        # ... and one that shares no word with it ("North Atlantic Treaty Organisation" is NATO's)
        words = set(phrase.lower().split()) - set(_RULES.acronym_function_words)
        return bool(spelt) and not any(words & set(n.split()) for n in spelt)

    def _is_placey(self, word: str) -> bool:
        kb = self.kb
        return word in kb.country_names or word in kb.demonyms or word in kb.capitals

    def _fuzzy_country(self, text: str) -> Optional[str]:
        cache = self._fuzzy_cache
        if text not in cache:
            from rapidfuzz import fuzz, process

            if self._fuzzy_choices is None:
                self._fuzzy_choices = [n for n in self.kb.country_names if len(n) >= 6 and " " not in n]
            hit = process.extractOne(text, self._fuzzy_choices, scorer=fuzz.ratio, score_cutoff=88)
            cache[text] = self.kb.country_names[hit[0]] if hit else None
        return cache[text]

    # ------------------------------------------------------------------ step 2
    def actors_for(self, head: Token, mentions_by_token: dict[int, Mention],
                   on: Optional[date]) -> list[Actor]:
        """Actors named by the noun phrase headed by ``head`` (several for conjunctions)."""
        heads = [head]
        heads.extend(_conjuncts(head))
        if _counted_members(head):
            heads = heads[1:]   # "Russia's two largest oil companies, Rosneft and Lukoil": the two named
        actors = []
        for h in heads:
            if _others_of_a_country(h, mentions_by_token):
                # ... unless an appositive names who they are: "Russia's ally, Belarusian President
                # Alexander Lukashenko, met Putin", "Moscow's closest ally, Belarus"
                h = next((c for c in h.children if c.dep_ == "appos" and c.i > h.i), None)
                if h is None:
                    continue
            actor = self._actor_for_np(h, mentions_by_token, on)
            if actor is None and self.place_country is not None:
                actor = self._place_group(h, mentions_by_token, on)
            if actor is None:
                continue
            actors.append(actor)
            # "Hungarian and Romanian officials": one actor per conjoined country modifier
            for extra in self._conjoined_modifiers(h, mentions_by_token, actor):
                actors.append(extra)
        if len(actors) >= 2 and len(heads) == len(actors):
            # "Thai and Cambodian leaders" parsed as "Thai" joined to "Cambodian leaders": a bare
            # demonym takes the noun of the phrase it is joined to (its sector), as it shares it
            last = heads[-1]
            # (a country's kind only: "Polish and NATO aircraft" gives Poland no alliance's sector)
            shared = actors[-1].sector if last.pos_ == "NOUN" and actors[-1].country else None
            if shared is not None:
                actors = [replace(a, sector=shared, code=a.country + shared)
                          if a.sector is None and a.country and _bare_demonym(h, mentions_by_token) else a
                          for h, a in zip(heads, actors)]
        if len(actors) == 1 and actors[0].role:
            folded = self._folded_first_person(head, mentions_by_token, on, actors[0])
            if folded is not None:
                actors.insert(0, folded)
        return actors

    def _folded_first_person(self, head: Token, by_token, on, second: Actor) -> Optional[Actor]:
        """"U.S. President Donald Trump and Russian President Vladimir Putin" parsed as one noun
        phrase headed by "Putin" (the first pair of titled names folded into its modifiers): the
        person named before the "and" among the head's left modifiers."""
        left = [t for t in head.subtree if t.i < head.i]
        cc = next((t for t in left if t.dep_ == "cc" and t.lower_ == "and"), None)
        if cc is None:
            return None
        before = [t for t in left if t.i < cc.i]
        for t in reversed(before):
            m = by_token.get(t.i)
            if m is None or m.kind != "person" or t.i != m.end - 1:
                continue
            actor = self._actor_for_np(t, by_token, on)
            if actor is not None and actor.name != second.name:
                return actor
        return None

    def _conjoined_modifiers(self, head: Token, by_token, first: Actor) -> list[Actor]:
        """Further countries joined to the one that placed the phrase: "Hungarian and Romanian
        officials", "the leaders of France, Germany and Britain"."""
        out = []
        mods = [t for t in head.children if t.dep_ in ("amod", "compound", "nmod")]
        for prep in head.children:
            # "the leaders of France and Germany", "officials from Armenia and Azerbaijan"
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                mods.extend(p for p in prep.children if p.dep_ == "pobj")
        seen = {first.country}
        # "Vietnamese and Chinese diplomats" parsed as two modifiers of the noun, the "and" on
        # the first: the modifiers are joined all the same
        coordinated = any(c.dep_ == "cc" for t in mods for c in t.children)
        # each joined party's sector is the noun's ("Israeli and Hamas delegations": Israel's
        # delegation is its government's), or a named group's own ("Hamas": rebels) -- never that
        # of the group named beside it
        noun = by_token.get(head.i)
        noun_sector = noun.value if noun is not None and noun.kind == "agent" else None
        first_named_group = any((g := by_token.get(c.i)) is not None and g.kind == "metonym" and
                                mention_iso(g) == first.country for t in mods for c in near_subtree(t))
        for t in mods:
            joined = [c for c in near_subtree(t) if c.dep_ == "conj" and c.i != t.i] or \
                ([t] if coordinated else [])
            # the modifier itself too: in "Russian and U.S. officials" the phrase may have been
            # placed by the conjoined "U.S."
            for c in [t, *joined] if joined else ():
                m = by_token.get(c.i)
                if m is None or m.kind not in COUNTRYISH:
                    continue
                iso = mention_iso(m)
                if iso and iso not in seen:
                    seen.add(iso)
                    own = m.value[1] if m.kind == "metonym" and m.value[1] else None
                    # (an international body's sector is its own: "Polish and NATO aircraft" are
                    # no Polish alliance)
                    sector = own or noun_sector or (None if first_named_group or not first.country else first.sector)
                    out.append(_actor(first.text, self.kb.countries.get(iso, iso), iso, sector))
        return out

    def _place_group(self, head: Token, by_token, on: Optional[date] = None) -> Optional[Actor]:
        """A sector noun placed by a place: "Darfur rebels", "Gaza militants", "opposition
        groups in Zimbabwe", "demonstrators in Baghdad", "officials from Kyiv" -- or by the
        leader whose body it is in: "ministers in Netanyahu's cabinet" are Israel's."""
        m = by_token.get(head.i)
        sector = m.value if m is not None and m.kind == "agent" else None
        sector_word = head
        if sector is None:  # "opposition groups": the sector noun may be a modifier
            for t in head.children:
                mm = by_token.get(t.i)
                if t.dep_ in ("compound", "amod") and mm is not None and mm.kind == "agent":
                    sector, sector_word = mm.value, t
        if sector is None:
            return None
        places = [t for t in head.children if t.dep_ in ("compound", "nmod", "amod")]
        preps = [c for c in head.children if c.dep_ == "prep"]
        # "a terror group based in Trinidad"
        for acl in head.children:
            if acl.dep_ == "acl" and acl.lemma_.lower() in _RULES.location_participles:
                preps.extend(c for c in acl.children if c.dep_ == "prep")
        leaders = []
        for prep in preps:
            if prep.lower_ in _RULES.place_group_prepositions:
                for p in prep.children:
                    if p.dep_ == "pobj":
                        places.append(p)  # "the government of Sindh province": the name too
                        places.extend(c for c in p.children if c.dep_ == "compound")
                        if (pm := by_token.get(p.i)) is not None and pm.kind == "agent":
                            # (a body named by its leader: "in Netanyahu's cabinet")
                            leaders.extend(c for c in p.children if c.dep_ == "poss")
        for t in places + leaders:
            if stance_word(t):
                continue
            mm = by_token.get(t.i)
            iso = None
            if mm is not None and mm.kind in COUNTRYISH:
                iso = mention_iso(mm)
            elif t in leaders and mm is not None and mm.kind == "person":
                tenure = self.kb.person(mm.value, on)
                iso = tenure.iso3 if tenure is not None else None
            elif t.ent_type_ in ("GPE", "LOC", "NORP", "FAC"):
                ent = entity_at(t)
                iso = self.place_country(ent.text if ent is not None else t.text)
            if iso and not _kind_of_act_at_a_place(head, t, sector_word):
                return _actor(f"{head.text} {t.text}", self.kb.countries.get(iso, iso), iso, sector)
        return None

    def _actor_for_np(self, head: Token, mentions_by_token: dict[int, Mention],
                      on: Optional[date]) -> Optional[Actor]:
        tokens = noun_phrase_tokens(head)
        seen: dict[tuple[int, int], tuple[Mention, int]] = {}
        for t in tokens:
            m = mentions_by_token.get(t.i)
            if m is not None:
                depth = steps_up(t, head)
                key = (m.start, m.end)
                if key not in seen or depth < seen[key][1]:
                    seen[key] = (m, depth)
        if not seen:
            return None
        # a person whose rival or critic the phrase names is someone else, never that one: "Ekrem
        # Imamoglu, Erdogan's main rival" is a Turkish opposition figure, "Navalny, Putin's fiercest
        # critic" no Russian president (the rival's country holds, in the opposition)
        rivals = [md for md in seen.values()
                  if md[0].kind == "person" and _rival_possessor(head.doc[md[0].end - 1], head)]
        if rivals:
            for md in rivals:
                del seen[(md[0].start, md[0].end)]
            if not seen:
                tenure = self.kb.person(rivals[0][0].value, on)
                if tenure is None or tenure.iso3 is None:
                    return None
                return replace(_actor(_np_text(head, tokens), None, tenure.iso3, _SECTORS.opposition), inferred=True)
        # a person in the possessive names someone else's: "Trump's special envoy Steve Witkoff"
        # is Witkoff, "Putin's aide" is an aide (the possessor only when no one else is named)
        ms = sorted(seen.values(), key=lambda md: (
            md[0].rank, md[0].kind == "person" and _possessor(head.doc[md[0].end - 1], head), md[1], md[0].start))
        head_m = mentions_by_token.get(head.i)
        if head_m is not None and head_m.kind in ("country", "capital", "metonym", "igo") and \
                ms[0][0].kind not in ("person", "office"):
            # the phrase's own head names it: "NATO-member Norway" is Norway
            ms = [md for md in ms if md[0] is head_m] + [md for md in ms if md[0] is not head_m]
        doc = head.doc
        np_text = _np_text(head, tokens)
        # the words a person's name may start at: not a country's own ("Sri Lanka's navy", the
        # small model tagging "Sri Lanka's" a PERSON)
        unplaced = [t for t in tokens if (m := mentions_by_token.get(t.i)) is None or m.kind not in COUNTRYISH]
        former = any(t.lower_ in _RULES.former_words for t in tokens)
        countries = [m for m, _ in sorted(seen.values(), key=lambda md: (md[1], md[0].start))
                     if m.kind in COUNTRYISH]
        country_iso = mention_iso(countries[0]) if countries else None
        best = ms[0][0]
        tenure = self.kb.person(best.value, on) if best.kind == "person" else None
        if best.kind == "person" and tenure is not None and country_iso is not None and tenure.iso3 != country_iso:
            holders = self.kb.people.get(best.value, [])
            # a name two countries' office-holders share ("King Abdullah"): the phrase's country picks
            # its own holder of that name, in office then or not
            same = [t for t in holders if t.iso3 == country_iso and not t.fallback]
            covering = [t for t in same if on is not None and t.covers(on)]
            if same:
                tenure = (covering or sorted(same, key=lambda t: t.start or date.min, reverse=True))[0]
            elif tenure.iso3 is not None and on is not None and not any(t.covers(on) for t in holders):
                # "Jordan's King Abdullah" in 2025 is no Saudi king who died in 2015: a name whose
                # only holder held office elsewhere and at other times yields to the phrase's country
                tenure = None
            elif tenure.iso3 is not None and any(
                    m.kind == "office" and not any(key == tenure.role_key for _, key in m.value) for m, _ in ms):
                # "Colombia's Defence Minister Pedro Sanchez" is no Spanish prime minister: another
                # country's name with another office is a namesake, the phrase's own office-holder
                tenure = None
        if best.kind == "person" and tenure is None:
            # a name the compiled dictionaries know only on other dates: the rest of the phrase
            # decides ("Prime Minister X" is still the country's government)
            ms = [md for md in ms if md[0].kind != "person"]
            if not ms:
                return None
            best = ms[0][0]

        if best.kind == "person":
            sector = tenure.sector
            if former and on is not None and tenure.covers(on) and not _former_title_is(tokens, tenure.title):
                # "Former president Dmitry Medvedev, now deputy chairman of the Security Council":
                # the office he held before is not the one he holds that day, which he acts in
                former = False
            if former or (on is not None and tenure.end is not None and tenure.end < on
                          and not any(t.covers(on) for t in self.kb.people.get(best.value, [])
                                      if t.name == tenure.name)):
                sector = _SECTORS.former
            phrase_sector = next((m.value for m, _ in ms if m.kind == "agent"), None) \
                if on is not None and tenure.start is not None and tenure.start > on else None
            if phrase_sector is not None and \
                    not any(t.covers(on) for t in self.kb.people.get(best.value, []) if t.name == tenure.name):
                # "German opposition leader Friedrich Merz" in February 2025: an office not yet held
                # gives way to the kind the phrase names him by (his country still holds)
                return _actor(np_text, tenure.name, tenure.iso3, phrase_sector)
            if tenure.iso3 is None and sector == tenure.sector and tenure.role_key in _RULES.igo_role_codes:
                return _igo_officer(np_text, tenure)
            body = self._body_in_title(tenure) if tenure.iso3 is None and sector == tenure.sector else None
            if body is not None:
                # "Arab League Secretary-General Aboul Gheit": the head of a body acts for it (IGOARL)
                code, _, body_sector = body
                return Actor(text=np_text, name=tenure.name, country=None, sector=body_sector,
                             code=body_sector + code, role=tenure.title)
            return _actor(np_text, tenure.name, tenure.iso3, sector, role=tenure.title)

        if best.kind == "office":
            roles: list[tuple[Optional[str], str]] = best.value
            iso = country_iso
            role = None
            generic_roles = [k for r_iso, k in roles if r_iso is None]
            for r_iso, r_key in roles:
                # a country-specific reading ("President" in Iran) only when that country is
                # named, or when the title exists only for one country ("Secretary of State")
                if r_iso is not None and (iso == r_iso or (iso is None and not generic_roles)):
                    iso, role = r_iso, r_key
                    break
            own_title_elsewhere = False
            if role is None:
                generic = [k for r_iso, k in roles if r_iso is None]
                if generic:
                    role = generic[0]
                elif iso is not None and any(m.kind in COUNTRYISH and m.end <= best.start for m in countries):
                    # "Indian Foreign Secretary Misri": the country before the title has an office
                    # of that name the table does not list -- its own, not Britain's (and no holder
                    # of Britain's office is looked up for it)
                    role, own_title_elsewhere = roles[0][1], True
                else:  # a country-specific title ("Secretary of State") names its own country
                    iso, role = roles[0]
            person_name = _person_entity(doc, unplaced)
            if country_iso is None and iso is not None and person_name is not None and on is not None \
                    and role in SINGLE_HOLDER_ROLES:
                holder = self.kb.holder(iso, role, on)
                if holder is not None and not _same_person(holder.name, person_name):
                    # "Foreign Secretary Vikram Misri" in 2025 is not Britain's (Lammy held it):
                    # another country's office of that name, whose country the context gives
                    return None
            titled = self._titled_surname(person_name, roles, iso, on)
            if titled is not None:
                # "President Petro", "Prime Minister Rama": a title and a surname, which the
                # knowledge base lists as no alias, name the one holder of such an office that day
                return _actor(np_text, titled.name, titled.iso3, _SECTORS.former if former else titled.sector,
                              role=titled.title)
            other_body = next((m for m, _ in ms if m.kind == "igo" and
                               m.value[0] != _RULES.igo_role_codes.get(role)), None)
            if iso is None and person_name is None and not former and role in _RULES.igo_role_codes \
                    and other_body is None:   # ("the Secretary-General of the Arab League": its own)
                # "the UN Secretary-General condemned ...": whoever held the post that day
                holder = self.kb.holder(None, role, on)
                if holder is not None:
                    return _igo_officer(np_text, holder)
            if iso is None:
                igo = next((m for m, _ in ms if m.kind == "igo"), None)
                if igo is not None:  # "European Community foreign ministers"
                    code, name, sector = igo.value
                    return Actor(text=np_text, name=person_name or name, country=None, sector=sector,
                                 code=sector + code)
                return None
            if person_name is None and not former and role in SINGLE_HOLDER_ROLES and not own_title_elsewhere:
                holder: Optional[Tenure] = self.kb.holder(iso, role, on)
                if holder is not None:
                    return _actor(np_text, holder.name, iso, holder.sector, role=holder.title)
            group = countries[0] if countries and countries[0].kind == "metonym" else None
            if group is not None and group.value[1] in _RULES.office_holding_group_sectors:
                # "Hezbollah's chief of staff": the group's own office, not its country's army
                return _actor(np_text, person_name or group.value[2], group.value[0],
                              _SECTORS.former if former else group.value[1], role=doc[best.start:best.end].text)
            sector = _SECTORS.former if former else _office_sector(role)
            # the title as written ("Deputy Assistant Secretary of State"), as people.csv gives it
            return _actor(np_text, person_name or self.kb.countries.get(iso, iso), iso, sector,
                          role=doc[best.start:best.end].text)

        if best.kind == "metonym":
            iso, sector, canonical = best.value
            sector = self.kb.metonym_sector(canonical, sector, on)
            agent = _agent_sector(ms)
            return _actor(np_text, canonical, iso, agent if agent and sector == "GOV" and agent != "GOV" else sector)

        if best.kind == "igo":
            code, name, sector = best.value
            owner = _owning_country(doc, best, mentions_by_token)
            if owner is not None:
                # "Russia's Security Council", "the Russian Security Council": a country's own
                # body that shares a short name with an international one
                return _actor(np_text, self.kb.countries.get(owner, owner), owner, _SECTORS.government)
            return Actor(text=np_text, name=name, country=None, sector=sector, code=sector + code)

        if best.kind in ("country", "capital", "demonym"):
            iso = mention_iso(best)
            agent = _agent_sector(ms)
            if agent is None and best.kind == "capital":
                agent = _SECTORS.government   # "Moscow said", "talks with Washington": the government
            if agent is None and best.kind == "demonym" and head.i < best.start:
                return None     # "talks on Russian assets": a demonym inside a modifier is no actor
            if agent is not None and any(m.kind == "agent" and _kind_of_act_at_a_place(
                    head, doc[best.end - 1], doc[m.end - 1]) for m, _ in ms):
                return None     # "threatened military action in Nigeria": an act at a place
            if agent is None and best.kind == "demonym" and head.i == best.end - 1 and (
                    any(c.dep_ == "nummod" for c in head.children) or _counted_by_a_crowd_word(head)):
                agent = _RULES.crowd_sector   # "two Iranians were arrested": people, not their state
                # (and "thousands of Serbians rallied in Novi Sad")
            person_name = _person_entity(doc, unplaced)
            name = person_name if person_name and agent else self.kb.countries.get(iso, iso)
            return _actor(np_text, name, iso, _SECTORS.former if former and agent else agent)

        return None  # a bare sector noun ("officials") names no one we can place

    def _titled_surname(self, person_name: Optional[str], roles: list[tuple[Optional[str], str]],
                        iso: Optional[str], on: Optional[date]) -> Optional[Tenure]:
        """The holder that day of an office the title names, whose full name ends in the one word
        ``person_name`` -- None for a name of more words (the knowledge base's own), a surname
        several office-holders share, or a holder of another office or country."""
        if person_name is None or " " in person_name or on is None:
            return None
        tenure = self.kb.titled_surname(person_name, on, [key for _, key in roles])
        if tenure is None or tenure.iso3 is None or (iso is not None and tenure.iso3 != iso):
            return None
        return tenure

    def _body_in_title(self, tenure: Tenure) -> Optional[tuple[str, str, str]]:
        """The international body whose name (the longest the knowledge base knows) the title of
        a post with no country holds: "Arab League Secretary-General" -> the Arab League."""
        title = f" {tenure.title} "
        found = [(len(surface), body) for surface, body in self.kb.igos.items()
                 if len(surface) > 1 and f" {surface} " in title]
        return max(found)[1] if found else None

    def country_mentions(self, mentions: list[Mention]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in mentions:
            iso = None
            if m.kind in COUNTRYISH:
                iso = mention_iso(m)
            elif m.kind == "person":
                tenures = self.kb.people.get(m.value) or []
                iso = tenures[0].iso3 if tenures else None
            if iso:
                counts[iso] = counts.get(iso, 0) + 1
        return counts


# ---------------------------------------------------------------------- helpers
_TOKENIZERS: dict[int, Any] = {}


def _without(table: dict[str, Any], surfaces: set[str]) -> dict[str, Any]:
    return {k: v for k, v in table.items() if k not in surfaces} if surfaces else table


def _tokenizer(vocab):
    key = id(vocab)
    if key not in _TOKENIZERS:
        from spacy.lang.en import English

        nlp = English(vocab=vocab)
        _TOKENIZERS[key] = nlp.tokenizer
    return _TOKENIZERS[key]


def _inside_person(span: Span, is_placey) -> bool:
    """Is this country word part of a person's name?  Only when the PERSON entity around it
    holds another word that is no country word ("Chad Smith"); a PERSON entity that is all country
    words ("Jordan said", "Bosnian Serbs", "Burkina Faso", a small-model mistake) is the country."""
    for t in span:
        if t.ent_type_ == "PERSON":
            ent = entity_at(t)
            if ent is not None and ent.label_ == "PERSON":
                # (the country's own words are no evidence: "Burkina Faso" tagged PERSON is the
                # country, though neither of its words is a country name alone)
                # (nor is the possessive the entity took in: "Sri Lanka's" tagged PERSON)
                return any(not is_placey(tok.text) for tok in ent
                           if not tok.is_punct and tok.tag_ != "POS" and not span.start <= tok.i < span.end)
    return False


def _owning_country(doc: Doc, igo: Mention, by_token: dict[int, Mention]) -> Optional[str]:
    """The country that owns a body named by a short, common-word alias of an international one
    ("Security Council", not "UN Security Council" or "UNSC"): the possessor ("Russia's"), a
    country word modifying it ("the Russian Security Council") or its "of" phrase ("the Security
    Council of Russia")."""
    span = doc[igo.start:igo.end]
    if span.text == igo.value[1] or any(t.is_upper for t in span):
        return None     # the body's own name or an acronym: the international body
    root = span.root
    owners = [c for c in root.children if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < span.start]
    owners += [p for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    for t in owners:
        m = by_token.get(t.i)
        if m is not None and m.kind in COUNTRYISH:
            return mention_iso(m)
    return None


def _bracketed_acronym(doc: Doc, m: Mention) -> bool:
    """Is the mention one word in capitals, in parentheses, right after a capitalised word?"""
    tok = doc[m.start]
    return m.end - m.start == 1 and tok.is_upper and tok.is_alpha and 2 <= m.start and m.end < len(doc) \
        and doc[m.start - 1].text == "(" and doc[m.end].text == ")" and doc[m.start - 2].text[:1].isupper()


def _initials(phrase: str) -> str:
    """"Regional Security Framework" -> "RSF" (small words left out)."""
    return "".join(w[0] for w in phrase.split() if w.lower() not in _RULES.acronym_function_words).upper()


def _defined_acronyms(doc: Doc, taken: set[int]) -> dict[str, str]:
    """Acronyms in parentheses right after a capitalised phrase whose initials spell them
    ("Regional Security Framework (RSF)"), when that phrase is no name the knowledge base knows
    (``taken``: the tokens its names cover): the text's own abbreviations -> the phrase."""
    out: dict[str, str] = {}
    for tok in doc:
        if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
            continue
        acro = doc[tok.i + 1].text
        if len(acro) < 2 or not acro.isalpha() or not acro.isupper():
            continue
        initials = []
        j = tok.i - 1
        while j >= 0 and len(initials) < len(acro):     # the nearest words spell it
            w = doc[j]
            if w.lower_ in _RULES.acronym_function_words:
                pass
            elif w.text[:1].isupper() and w.is_alpha:
                if j in taken:
                    initials = []
                    break
                initials.append(w.text[0])
            else:
                break
            j -= 1
        if initials and "".join(reversed(initials)).upper() == acro:
            words = [w for w in doc[j + 1:tok.i] if w.text[:1].isupper() or w.lower_ not in ("the",)]
            out[acro] = " ".join(w.text for w in words if w.lower_ != "the")
    return out


def _part_of_person(doc: Doc, start: int, end: int) -> bool:
    """Is doc[start:end] only a part of a longer PERSON entity ("Hassan" in "Omar Hassan al-Bashir")?"""
    return doc[start].ent_type_ == "PERSON" and (
        doc[start].ent_iob_ == "I" or (end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "PERSON"))


def _others_of_a_country(head: Token, by_token: dict[int, Mention]) -> bool:
    """Is ``head`` a relational noun (``relational_nouns``) whose possessor or "of" phrase is a
    country, its capital or a body -- "Ukraine's allies", "the neighbours of Iran"?  They are
    that country's others, not it."""
    if head.lemma_.lower() not in _RULES.relational_nouns:
        return False
    owners = [c for c in head.children if c.dep_ == "poss"]
    owners += [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
               for p in c.children if p.dep_ == "pobj"]
    # (the owner named by its capital or country as a modifier too: "sponsors of the Kyiv regime")
    return any((m := by_token.get(t.i)) is not None and m.kind in ("country", "capital", "igo")
               for o in owners for t in o.subtree)


def stance_word(t: Token) -> bool:
    """"anti-Syria", "pro-Russian": a country word that names a stance, not a nationality."""
    return t.i >= 2 and t.doc[t.i - 1].text == "-" and t.doc[t.i - 2].lower_ in _RULES.stance_prefixes


def _another_country_listed(head: Token, appos: Token) -> bool:
    """Is ``appos`` a second country in a list the parser read as an appositive of the first:
    "Mali, Burkina Faso and Niger" (a country set off by a comma, with more of the list after it)?"""
    mentions = head.doc._.mention_at or {}
    first, second = mentions.get(head.i), mentions.get(appos.i)
    return first is not None and second is not None and first.kind == second.kind == "country" \
        and first.value != second.value and any(c.dep_ == "conj" for c in appos.children) \
        and appos.left_edge.i > 0 and appos.doc[appos.left_edge.i - 1].text == ","


def _counted_members(head: Token) -> list[Token]:
    """The names that list a counted plural noun's members, which the parser reads as its
    conjuncts: "two oil companies, Rosneft and Lukoil" (a plural with a numeral, then a comma and
    as many names as the numeral counts). Empty when the names are not that list."""
    first = next((c for c in head.children if c.dep_ == "conj" and c.i > head.i), None)
    count = next((count_value(c.text) for c in head.children if c.dep_ == "nummod" and c.i < head.i), None)
    if first is None or count is None or head.tag_ != "NNS" or first.doc[first.i - 1].text != ",":
        return []
    members = [first]
    while (nxt := next((c for c in members[-1].children if c.dep_ == "conj"), None)) is not None:
        members.append(nxt)
    if len(members) != count or any(m.pos_ != "PROPN" for m in members):
        return []
    return members


def _conjuncts(head: Token) -> list[Token]:
    """The nouns conjoined to ``head`` ("X, Y and Z"), depth first, within reach of it (a list
    of thousands is no phrase; iterative, so a long chain cannot overflow the stack)."""
    out = []
    stack = [iter(head.children)]
    while stack:
        c = next(stack[-1], None)
        if c is None:
            stack.pop()
        elif c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON") and within_reach(c, head):
            out.append(c)
            stack.append(iter(c.children))
        elif c.dep_ == "appos" and c.head.i == head.i and c.pos_ == "PROPN":
            # "India's Prime Minister Narendra Modi and Chinese President Xi Jinping": the second
            # name joined to the first's appositive name, not to the title that heads the phrase
            if _another_country_listed(head, c):
                out.append(c)   # "Mali, Burkina Faso and Niger": the parser's appositive is a list member
            stack.append(iter(c.children))
    return out


def noun_phrase_tokens(head: Token) -> list[Token]:
    """Tokens of the noun phrase of ``head``, without conjoined phrases and clauses."""
    out = [head]
    stack = [(c, head) for c in head.children]
    while stack:
        t, parent = stack.pop()
        if t.dep_ not in _NP_DEPS:
            continue
        if t.dep_ == "conj" and parent.i == head.i:
            continue  # a conjoined actor gets its own phrase
        if t.dep_ == "conj" and parent.dep_ not in ("amod", "compound", "nmod"):
            continue
        if t.dep_ == "prep" and t.lower_ not in _RULES.noun_phrase_prepositions:
            continue
        if t.dep_ == "cc" and parent.i == head.i:
            continue
        if parent.i == head.i and hyphen_joined(t, head):
            continue  # "U.S.-Russian": two parties in one word, each its own phrase
        if t.dep_ == "amod" and t.lemma_.lower() in _RULES.affiliation_participles and t.tag_ == "VBN":
            continue  # "the al Qaeda-linked JNIM group": whom it is tied to is not who it is
        out.append(t)
        stack.extend((c, t) for c in t.children)
    return out


def _former_title_is(tokens, title: str) -> bool:
    """Is the title that a former-word ("former", "ex") qualifies in the phrase a word of
    ``title`` (the office the person holds): "former prime minister X" with X still listed as
    prime minister is former all the same."""
    words = set(title.lower().replace("-", " ").split())
    ordered = [t for t in sorted(tokens, key=lambda t: t.i) if not t.is_punct]
    for t, nxt in zip(ordered, ordered[1:]):
        if t.lower_ in _RULES.former_words:
            return nxt.lower_ in words or nxt.lemma_.lower() in words
    return True


def _np_text(head: Token, tokens: list[Token]) -> str:
    lo = min(t.i for t in tokens)
    hi = max(t.i for t in tokens)
    doc = head.doc
    span = doc[lo:hi + 1]
    return span.text.strip(" ,")


def _rival_possessor(t: Token, head: Token) -> bool:
    """Is ``t`` the possessor of a noun of rivalry (``rival_nouns``) on its way up to ``head``
    ("Erdogan's" in "Imamoglu, Erdogan's main rival")?"""
    d = 0
    while t.i != head.i and d < 12:
        if t.dep_ == "poss" and t.head.lemma_.lower() in _RULES.rival_nouns:
            return True
        t = t.head
        d += 1
    return False


def _possessor(t: Token, head: Token) -> bool:
    """Is ``t`` inside a possessive on its way up to ``head`` ("Trump's" in "Trump's envoy")?"""
    d = 0
    while t.i != head.i and d < 12:
        if t.dep_ == "poss":
            return True
        t = t.head
        d += 1
    return False


def _disambiguated(mentions: list[Mention]) -> list[Mention]:
    """A name of several countries (ambiguous_names.csv: "Congo") is the one of them the same
    text names otherwise ("DR Congo", "Congolese", "Kinshasa") when it names exactly one of
    them; else it names no one."""
    if not any(m.kind == "ambiguous" for m in mentions):
        return mentions
    named = {mention_iso(m) for m in mentions if m.kind in COUNTRYISH}
    out = []
    for m in mentions:
        if m.kind == "ambiguous":
            present = [iso for iso in m.value if iso in named]
            if len(present) == 1:
                out.append(Mention(m.start, m.end, "country", present[0]))
            continue
        out.append(m)
    return out


def mention_iso(m: Mention) -> Optional[str]:
    """The country a country-like mention names (a metonym's value carries its sector too)."""
    if m.kind == "metonym":
        return m.value[0]
    return m.value


def _counted_by_a_crowd_word(noun: Token) -> bool:
    """Is ``noun`` the "of" object of a crowd word ("thousands of Serbians", ``crowd_words``)?"""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lower_ in _RULES.crowd_words


def _bare_demonym(tok: Token, by_token) -> bool:
    """Is ``tok`` a demonym standing alone, the adjective of no noun of its own ("Thai" in "Thai
    and Cambodian leaders")?"""
    m = by_token.get(tok.i)
    return m is not None and m.kind == "demonym" and m.start == tok.i and m.end == tok.i + 1 and \
        not any(c.dep_ not in ("cc", "conj", "punct") for c in tok.children)


def _kind_of_act_at_a_place(head: Token, place: Token, sector_word: Token) -> bool:
    """Is the phrase a noun of an act or a thing (``sector_act_nouns``) that a sector adjective
    describes and a preposition places -- "military action in Nigeria", "naval drills near
    Taiwan"?  What it names is done or stands there; it is no party of the place ("Nigerian
    military officials" and "officials in Kyiv" are)."""
    if head.lemma_.lower() not in _RULES.sector_act_nouns or sector_word.dep_ != "amod" or \
            sector_word.head.i != head.i:
        return False
    t = place
    while t.head.i != head.i and t.head.i != t.i:
        t = t.head
    return t.dep_ == "prep"


def _agent_sector(ms) -> Optional[str]:
    for m, _ in ms:
        if m.kind == "agent":
            return m.value
    return None


def _office_sector(role: str) -> str:
    # Ministers, envoys and spokespeople are all government; service chiefs come from
    # people.csv with their own sector.
    return _SECTORS.military if role.startswith(_RULES.military_role_prefixes) else _SECTORS.government


def _person_entity(doc: Doc, tokens: list[Token]) -> Optional[str]:
    # the first PERSON entity (in the doc's order) that starts inside the phrase
    starts = [ent for t in tokens if (ent := entity_at(t)) is not None and ent.start == t.i and ent.label_ == "PERSON"]
    return min(starts, key=lambda ent: ent.start).text if starts else None


def _same_person(known: str, named: str) -> bool:
    """Could ``named`` (words of a text) be ``known`` (a knowledge-base name): a word of three
    letters or more in common ("Lammy", "David Lammy")?"""
    words = {w.lower() for w in known.replace("-", " ").split() if len(w) > 2}
    return any(w.lower() in words for w in named.replace("-", " ").split())


def _igo_officer(text: str, tenure: Tenure) -> Actor:
    # the holder of an international organisation's post acts for it: IGOUNO, IGONAT
    code = tenure.sector + _RULES.igo_role_codes[tenure.role_key]
    return Actor(text=text, name=tenure.name, country=None, sector=tenure.sector, code=code, role=tenure.title)


def _actor(text: str, name: Optional[str], iso: Optional[str], sector: Optional[str],
           role: Optional[str] = None) -> Actor:
    code = (iso or "") + (sector or "") if (iso or sector) else None
    return Actor(text=text, name=name, country=iso, sector=sector, code=code or None, role=role)


def _warships(doc: Doc) -> list[Mention]:
    """A navy's prefix and the capitalised name after it ("the USS Gerald R. Ford", "HMS Prince
    of Wales") name that state's military (rules.yaml ``ship_prefixes``); the ship's name is not
    read for anyone else ("Gerald R. Ford" is no person)."""
    out = []
    for tok in doc:
        iso = _RULES.ship_prefixes.get(tok.text)
        if iso is None or tok.i + 1 >= len(doc) or not doc[tok.i + 1].text[:1].isupper():
            continue
        end = tok.i + 1
        while end < len(doc) and (doc[end].text[:1].isupper() or doc[end].lower_ == "of" and end + 1 < len(doc)
                                  and doc[end + 1].text[:1].isupper()):
            end += 1
        out.append(Mention(tok.i, end, "metonym", (iso, "MIL", doc[tok.i:end].text)))
    return out
