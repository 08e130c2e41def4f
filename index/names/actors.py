"""Find the actors and places a sentence mentions: people, countries, organisations, groups.

`find_mentions(sentence)` returns sorted, non-overlapping `Mention`s (the longest reading wins):
gazetteer names and their variants, plus patterns for people the gazetteer does not know
("Russia's Deputy Finance Minister Sergei Storchak", "Kim Yong-nam, chairman of ...",
"a North Korean economic delegation"). `ActorContext` does the same over the sentences of one
article in order and also resolves later bare surnames ("said Peskov", "Kim does come").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from index.names.actors_patterns import (
    Known,
    RolePhrase,
    SentenceIndex,
    apposition_start,
    given_name_at,
    is_cap,
    korean_name_at,
    name_at,
    name_ending_at,
    role_phrases,
    title_is_noun,
)
from index.names.gazetteer import Entry, Gazetteer, Token, key_of, tokenize
from index.names.gazetteer_file import default_gazetteer

__all__ = ["ActorContext", "Mention", "candidates", "find_mentions", "lookup"]


@dataclass(frozen=True)
class Mention:
    """One actor or place in a sentence; `text == sentence[start:end]` (Python str offsets)."""

    start: int
    end: int
    text: str
    name: str  # canonical ("Kim Jong-un", "Russia", "North Korean economic delegation")
    kind: str  # person | country | org | place | group | event
    country: str | None  # ISO-3, "IGO" or None
    role: str | None  # "Deputy Prime Minister", "chairman of the Presidium of ..."
    known: bool  # True: a gazetteer entry; False: found by a pattern only
    head: tuple[int, int]  # offsets of the name itself ("Yuri Trutnev" in "Deputy PM Yuri ...")
    # How it was found: name | alias | adjective | capital | metonym | contextual (gazetteer forms),
    # title (a title pattern), surname (a bare surname), unresolved ("Kim" without context).
    form: str = "name"


@dataclass
class _Person:
    """What an article has said so far about one person."""

    name: str
    role: str | None
    country: str | None
    known: bool
    text_role: bool = False  # the role was said in the article, not taken from the gazetteer


@dataclass
class ActorContext:
    """Per-article memory: people seen so far (by surname, latest wins) and countries seen."""

    gazetteer: Gazetteer = field(default_factory=default_gazetteer)
    people: dict[str, _Person] = field(default_factory=dict)  # full-name key -> person
    surnames: dict[str, _Person] = field(default_factory=dict)  # surname key -> latest person
    countries: set[str] = field(default_factory=set)

    def find_mentions(self, sentence: str) -> list[Mention]:
        """Mentions of this sentence, bare surnames resolved; then remember what it said."""
        found = _find(sentence, self.gazetteer, self.countries, self.people, self.surnames)
        for n, m in enumerate(found):
            p = self.people.get(_name_key(m.name)) if m.kind == "person" else None
            if p is not None and p.text_role and m.form != "title":
                # What this article said of the person beats the gazetteer's general role.
                m = found[n] = replace(m, role=p.role, country=m.country or p.country)
            if m.country and m.country != "IGO":
                self.countries.add(m.country)
            if m.kind == "person" and m.form != "unresolved":
                self._remember(m)
        return found

    def resolve(self, surname: str) -> Mention | None:
        """The latest person of this article with that surname, as a head-less mention."""
        p = self.surnames.get(key_of(surname.strip()))
        if p is None:
            return None
        return Mention(0, 0, "", p.name, "person", p.country, p.role, p.known, (0, 0), "context")

    def _remember(self, m: Mention) -> None:
        key = _name_key(m.name)
        p = self.people.get(key)
        said = m.form == "title" and m.role is not None
        if p is None:
            p = self.people[key] = _Person(m.name, m.role, m.country, m.known, said)
        else:
            if said and not p.text_role:  # the article's own words beat the gazetteer's
                p.role, p.text_role = m.role, True
            p.role = p.role or m.role
            p.country = p.country or m.country
        surname = _surname(self.gazetteer, m.name)
        if surname and key_of(surname) != key:
            self.surnames[key_of(surname)] = p


def find_mentions(sentence: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Actors and places in one sentence, without article context."""
    return _find(sentence, gazetteer or default_gazetteer(), set(), {}, {})


def lookup(name: str, gazetteer: Gazetteer | None = None) -> Entry | None:
    """The one gazetteer entry a typed name or variant means ("trutnev", "kim jong un"), or None."""
    return (gazetteer or default_gazetteer()).lookup(name)


def candidates(text: str, limit: int = 25, gazetteer: Gazetteer | None = None) -> list[Entry]:
    """Entries a typed text may mean, best first (for autocomplete; Discord caps choices at 25)."""
    return (gazetteer or default_gazetteer()).candidates(text, limit)


# --- the engine ---------------------------------------------------------------------------------


def _name_key(name: str) -> str:
    return " ".join(t.key for t in tokenize(name) if t.text != ".")


def _surname(gaz: Gazetteer, name: str) -> str | None:
    for entry in gaz.exact(name):
        if entry.kind == "person" and entry.surname:
            return entry.surname
    words = [w for w in name.replace("-", " ").split() if len(w.rstrip(".")) > 1]
    if not words:
        return None
    return words[0] if name.split()[0] in gaz.korean_surnames else words[-1]


@lru_cache(maxsize=8)
def _bare_korean(gaz: Gazetteer) -> dict[str, str | None]:
    """Korean family names shared by several known people ("Kim", "Ri"), each with the country
    they share (None if mixed). Such a name alone is surely a person, but which one only the
    article can tell; a name held by one entry ("Moon") is too often an English word."""
    out: dict[str, list[str | None]] = {}
    for e in gaz.entries:
        if e.kind == "person" and e.surname in gaz.korean_surnames:
            out.setdefault(e.surname, []).append(e.country)
    return {
        s: (c[0] if len(set(c)) == 1 else None)
        for s, c in out.items()
        if len(c) > 1 and s not in gaz.not_names
    }


def _known_matches(gaz: Gazetteer, toks: list[Token], seen: set[str]) -> list[Known]:
    """Gazetteer matches, longest first from the left; contextual names checked last."""
    known: list[Known] = []
    pending: list[Known] = []
    i = 0
    while i < len(toks):
        m = gaz.match_at(toks, i)
        if m is None:
            i += 1
            continue
        j, aliases = m
        plain = [a for a in aliases if a.form != "contextual"]
        if plain:
            known.append(Known(i, j, plain[0]))
            i = j
        else:
            # "the North": only valid in Korean context and not as in "the North Atlantic".
            pending.append(Known(i, j, aliases[0]))
            i += 1
    here = seen | {k.alias.entry.country for k in known if k.alias.entry.country}
    taken = {t for k in known for t in range(k.i, k.j)}
    for k in pending:
        code = k.alias.entry.country or ""
        nxt = toks[k.j] if k.j < len(toks) else None
        if (
            not taken.intersection(range(k.i, k.j))
            and gaz.context_of.get(code, frozenset()) & here
            and not (nxt is not None and nxt.text.isalpha() and is_cap(nxt))
        ):
            known.append(k)
    known.sort(key=lambda k: k.i)
    return known


@dataclass
class _Named:
    """A titled person of one sentence: span tokens [i, j), roles and nationality so far."""

    i: int
    j: int
    role: str | None
    country: str | None


@dataclass
class _Cand:
    i: int
    j: int
    mention: Mention
    prio: int  # lower wins among equally long candidates


class _Builder:
    """Collects candidate mentions of one sentence and picks the non-overlapping best."""

    def __init__(self, sentence: str, toks: list[Token]) -> None:
        self.s = sentence
        self.toks = toks
        self.cands: list[_Cand] = []

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.toks[i].start, self.toks[j - 1].end

    def add(
        self,
        i: int,
        j: int,
        head: tuple[int, int],
        prio: int,
        *,
        name: str,
        kind: str,
        country: str | None,
        role: str | None,
        known: bool,
        form: str,
    ) -> None:
        """A candidate over tokens [i, j) whose name is tokens `head`."""
        a, b = self.span(i, j)
        m = Mention(a, b, self.s[a:b], name, kind, country, role, known, self.span(*head), form)
        self.cands.append(_Cand(i, j, m, prio))

    def text(self, i: int, j: int, skip: frozenset[int] = frozenset()) -> str:
        """The sentence text of tokens [i, j) without the `skip` tokens."""
        runs: list[str] = []
        run: list[int] = []
        for t in [*range(i, j), None]:
            if t is not None and t not in skip:
                run.append(t)
            elif run:
                runs.append(self.s[self.toks[run[0]].start : self.toks[run[-1]].end])
                run = []
        return " ".join(runs)

    def pick(self) -> list[Mention]:
        used: set[int] = set()
        out: list[Mention] = []
        for c in sorted(self.cands, key=lambda c: (c.i - c.j, c.prio, c.i)):
            toks = set(range(c.i, c.j))
            if not toks & used:
                used |= toks
                out.append(c.mention)
        return sorted(out, key=lambda m: m.start)


def _find(
    sentence: str,
    gaz: Gazetteer,
    seen: set[str],
    people: dict[str, _Person],
    surnames: dict[str, _Person],
) -> list[Mention]:
    toks = tokenize(sentence)
    known = _known_matches(gaz, toks, seen)
    six = SentenceIndex(toks, known)
    b = _Builder(sentence, toks)
    _add_titled_people(gaz, six, b, people, surnames)
    for k in known:
        _add_known(six, b, k)
    _add_unknown_names(gaz, six, b, people, surnames)
    return b.pick()


def _add_titled_people(
    gaz: Gazetteer,
    six: SentenceIndex,
    b: _Builder,
    people: dict[str, _Person],
    surnames: dict[str, _Person],
) -> None:
    """Titles with a name after or before them, and nameless titled groups with a nationality."""
    toks = six.tokens
    named: dict[tuple[int, int], _Named] = {}  # name tokens -> merged span and roles
    unnamed: list[RolePhrase] = []
    for rp in role_phrases(gaz, six):
        first = rp.start + (1 if rp.det else 0)
        role = None if rp.title.honorific else b.text(first, rp.end, rp.strip)
        hit: tuple[int, int, int, int] | None = None  # span i, j and name p, q
        if rp.title.kind == "person":
            p = rp.end + (1 if rp.end < len(toks) and toks[rp.end].text == "," else 0)
            simple = p == rp.end == rp.head_end
            found = name_at(gaz, six, p, min_words=1 if simple else 2)
            if found is not None:
                hit = (first, found[0], p, found[0])
            elif (c := apposition_start(six, rp)) is not None:
                back = name_ending_at(gaz, six, c)
                if back is not None:
                    hit = (back[0], rp.end, back[0], c)
        if hit is None:
            if rp.country and not rp.title.honorific and title_is_noun(gaz, six, rp):
                unnamed.append(rp)
            continue
        i, j, p, q = hit
        slot = named.setdefault((p, q), _Named(i, j, role, rp.country))
        slot.i, slot.j = min(i, slot.i), max(j, slot.j)
        if role and slot.role and role != slot.role:
            slot.role = f"{slot.role}; {role}"  # "Deputy PM Trutnev, also the envoy for ..."
        slot.role = slot.role or role
        slot.country = slot.country or rp.country
    for (p, q), slot in named.items():
        k = six.starting.get(p)
        entry = k.alias.entry if k is not None and k.j == q else None
        if entry is not None:
            name, country, is_known = entry.name, entry.country or slot.country, True
        else:
            name, country, is_known = b.text(p, q), slot.country, False
            # "Chairman Kim": a lone surname is the latest person of that name in the article.
            prev = people.get(_name_key(name)) or (surnames.get(_name_key(name)) if q - p == 1
                                                    else None)
            if prev is not None:
                name, country, is_known = prev.name, prev.country or country, prev.known
        b.add(slot.i, slot.j, (p, q), 0, name=name, kind="person", country=country,
              role=slot.role, known=is_known, form="title")
    for rp in unnamed:
        first = rp.start + (1 if rp.det else 0)
        b.add(rp.start, rp.end, (first, rp.end), 1, name=b.text(first, rp.end), kind=rp.title.kind,
              country=rp.country, role=b.text(first, rp.end, rp.strip), known=False, form="title")


def _add_known(six: SentenceIndex, b: _Builder, k: Known) -> None:
    """A gazetteer match; a generic body takes its country from the words around it."""
    e, toks = k.alias.entry, six.tokens
    i, j, country, name = k.i, k.j, e.country, e.name
    if e.contextual:
        left = six.ending.get(k.i)
        if left is None and k.i >= 2 and six.possessive_at(k.i - 2):
            left = six.ending.get(k.i - 2)
        if left is not None and left.alias.entry.kind == "country":
            i, country = left.i, left.alias.entry.country
        elif k.j < len(toks) and toks[k.j].key == "of":
            q = k.j + 1 + (1 if k.j + 1 < len(toks) and toks[k.j + 1].key == "the" else 0)
            right = six.starting.get(q)
            if right is not None and right.alias.entry.kind == "country":
                j, country = right.j, right.alias.entry.country
        if country is not None:
            i -= 1 if i > 0 and toks[i - 1].key == "the" and i < k.i else 0
            b.add(i, j, (k.i, k.j), 2, name=f"{e.name} ({country})", kind=e.kind,
                  country=country, role=None, known=True, form="name")
        elif not any(is_cap(t) for t in toks[k.i : k.j]):
            return  # "the embassy", "state media" of no stated country: too vague to be an actor
    role = e.role if e.kind == "person" else None
    b.add(k.i, k.j, (k.i, k.j), 3, name=name, kind=e.kind, country=e.country, role=role,
          known=True, form=k.alias.form)


def _add_unknown_names(
    gaz: Gazetteer,
    six: SentenceIndex,
    b: _Builder,
    people: dict[str, _Person],
    surnames: dict[str, _Person],
) -> None:
    """People outside titles: first-name + surname, Korean names, bare surnames seen before."""
    toks = six.tokens
    bare = _bare_korean(gaz)
    for p, t in enumerate(toks):
        if p in six.inside or not t.text.isalpha() or not is_cap(t) or t.joined:
            continue
        q = given_name_at(gaz, six, p) or korean_name_at(gaz, six, p)
        if q is None and people:  # a full name the article introduced earlier with a title
            found = name_at(gaz, six, p, min_words=2)
            if found is not None and _name_key(b.text(p, found[0])) in people:
                q = found[0]
        if q is not None:
            name = b.text(p, q)
            prev = people.get(_name_key(name))
            b.add(p, q, (p, q), 4, name=prev.name if prev else name, kind="person",
                  country=prev.country if prev else None, role=prev.role if prev else None,
                  known=False, form="name")
            continue
        nxt = toks[p + 1] if p + 1 < len(toks) else None
        if nxt is not None and (nxt.joined or (nxt.text.isalpha() and is_cap(nxt))):
            continue  # part of a longer capitalised name, not a bare surname
        prev = surnames.get(t.key) if t.text not in gaz.not_names else None
        if prev is not None:
            b.add(p, p + 1, (p, p + 1), 5, name=prev.name, kind="person", country=prev.country,
                  role=prev.role, known=prev.known, form="surname")
        elif t.text in bare:
            # "Kim" alone: a person, but which one only the article context can tell.
            b.add(p, p + 1, (p, p + 1), 5, name=t.text, kind="person", country=bare[t.text],
                  role=None, known=False, form="unresolved")
