"""Token-level patterns behind `index.names.actors`: title phrases and unknown personal names.

Everything here works on the token list of one sentence plus the gazetteer matches found in it;
`index.names.actors` turns the results into `Mention`s. Word lists that are grammar, not
knowledge, live here; lists of names live in the gazetteer YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.names.gazetteer import Alias, Gazetteer, Title, Token

# Forms of a gazetteer match that give a title its nationality ("Russian", "Kremlin", "Moscow").
# A bare country name does not: "North Korea expert" is about North Korea, not from it.
NATIONAL_FORMS = frozenset({"adjective", "metonym", "capital", "contextual"})
_DETERMINERS = frozenset({"the", "a", "an"})
_CONNECTORS = frozenset({"and", "&", "of"})
_COMPLEMENT_LINKS = frozenset({"of", "for"})
_CLOSERS = frozenset({",", ".", ";", ":", "(", ")", "“", "”", '"', "—", "–", "?", "!"})
# Lower-case words that end a title's "of ..." complement (prepositions, verbs, pronouns).
_COMPLEMENT_STOP = frozenset(
    {
        "to", "in", "at", "on", "with", "from", "by", "since", "after", "before", "during",
        "until", "into", "over", "about", "against", "between", "who", "whom", "whose", "which",
        "that", "where", "when", "while", "as", "than", "is", "are", "was", "were", "be",
        "been", "being", "has", "have", "had", "will", "would", "could", "should", "can", "may",
        "might", "must", "do", "does", "did", "said", "says", "say", "told", "added", "noted",
        "visited", "met", "signed", "and", "but", "or", "because", "if", "he", "she", "it",
        "they", "his", "her", "its", "their", "this", "these", "those",
        # "a delegation of the State Duma led by Volodin": who leads it is not its name.
        "led", "headed", "chaired", "accompanied", "including", "arrived", "left",
    }
)
# Lower-case words that may follow a title used as a noun ("officials have", "leader of").
_TITLE_FOLLOWERS = frozenset(
    {
        "of", "for", "to", "in", "at", "on", "with", "from", "by", "and", "or", "who", "whom",
        "whose", "which", "that", "as", "is", "are", "was", "were", "be", "been", "has", "have",
        "had", "will", "would", "could", "should", "can", "may", "might", "must", "do", "does",
        "did", "said", "says", "say", "told", "also", "not", "still", "later", "then",
    }
)
_APPOSITION_ADVERBS = frozenset({"also", "now", "then", "formerly", "currently", "later"})
# One romanised Korean syllable (Revised, McCune-Reischauer and common news spellings).
_SYLLABLE = re.compile(
    r"(?:ch|kk|tt|pp|ss|jj|th|ph|kh|sh|[bcdghjklmnprstw])?"
    r"[yw]?(?:ae|eo|eu|oe|ui|ai|oo|ee|ou|a|e|i|o|u)"
    r"(?:ng|n|m|l|k|p|t|r|g|b)?",
    re.IGNORECASE,
)
MAX_NAME_WORDS = 4
_MAX_LEFT = 8
_MAX_COMPLEMENT = 12


@dataclass(frozen=True)
class Known:
    """A gazetteer match over tokens [i, j)."""

    i: int
    j: int
    alias: Alias


@dataclass
class RolePhrase:
    """A title with its modifiers and complement: "Russia's Deputy Finance Minister"."""

    start: int  # first token, determiner included
    head_start: int  # first token of the title itself
    head_end: int  # token after the title
    end: int  # token after the complement (== head_end when there is none)
    title: Title
    country: str | None
    det: bool  # starts with the/a/an
    strip: frozenset[int]  # tokens that only give nationality, left out of the role text
    mixed: bool = False  # several nationalities ("Russian and North Korean officials")


def is_word(tok: Token) -> bool:
    """A token of letters (or digits), not punctuation."""
    return tok.text[:1].isalnum()


def is_cap(tok: Token) -> bool:
    """A word starting with a capital letter."""
    return tok.text[:1].isupper()


class SentenceIndex:
    """The gazetteer matches of one sentence, addressable by token position."""

    def __init__(self, tokens: list[Token], known: list[Known]) -> None:
        self.tokens = tokens
        self.known = known
        self.starting: dict[int, Known] = {k.i: k for k in known}
        self.ending: dict[int, Known] = {k.j: k for k in known}
        self.inside: dict[int, Known] = {t: k for k in known for t in range(k.i, k.j)}

    def possessive_at(self, j: int) -> bool:
        """Tokens j, j+1 are "'s"."""
        t = self.tokens
        return j + 1 < len(t) and t[j].key == "'" and t[j + 1].key == "s"


def name_at(
    gaz: Gazetteer, six: SentenceIndex, p: int, min_words: int = 1
) -> tuple[int, Known | None] | None:
    """A personal name starting at token p: (end token, gazetteer match or None if unknown)."""
    toks = six.tokens
    if p >= len(toks):
        return None
    k = six.starting.get(p)
    if k is not None:
        return (k.j, k) if k.alias.entry.kind == "person" else None
    if p in six.inside or not _name_word(gaz, toks[p]) or gaz.title_at(toks, p):
        return None
    q, words = p, 0
    while q < len(toks) and words < MAX_NAME_WORDS and q not in six.inside:
        t = toks[q]
        if t.joined and is_word(t) and q > p:
            q += 1  # "Su-yong": the part after the hyphen may be lower case
        elif _name_word(gaz, t):
            # An initial: "S." in "Dmitri S. Peskov".
            initial = len(t.text) == 1 and q + 1 < len(toks) and toks[q + 1].text == "."
            q += 2 if initial else 1
            words += 1
        else:
            break
    if words < min_words or (q < len(toks) and toks[q].joined and is_word(toks[q])):
        return None
    return q, None


def _name_word(gaz: Gazetteer, tok: Token) -> bool:
    return (
        tok.text.isalpha()
        and is_cap(tok)
        and tok.text not in gaz.not_names
        and tok.key not in gaz.title_words
    )


def name_ending_at(gaz: Gazetteer, six: SentenceIndex, j: int) -> tuple[int, Known | None] | None:
    """A personal name ending just before token j: (start token, gazetteer match or None)."""
    k = six.ending.get(j)
    if k is not None:
        return (k.i, k) if k.alias.entry.kind == "person" else None
    toks = six.tokens
    p = j
    while p > 0 and j - p < 2 * MAX_NAME_WORDS and (p - 1) not in six.inside:
        t = toks[p - 1]
        if _name_word(gaz, t) or (t.joined and is_word(t)) or (t.text == "." and p - 2 >= 0
                                                             and len(toks[p - 2].text) == 1):
            p -= 1
        else:
            break
    while p < j and toks[p].joined:
        p += 1
    found = name_at(gaz, six, p, min_words=2) if p < j else None
    return (p, None) if found and found[0] == j else None


def role_phrases(gaz: Gazetteer, six: SentenceIndex) -> list[RolePhrase]:
    """Every title in the sentence with its modifiers, nationality and complement."""
    toks = six.tokens
    out: list[RolePhrase] = []
    i = 0
    while i < len(toks):
        hit = gaz.title_at(toks, i) if i not in six.inside else None
        if hit is None:
            i += 1
            continue
        j, title = hit
        # "government officials": the last of adjacent titles is the head.
        while (nxt := gaz.title_at(toks, j)) is not None and j not in six.inside:
            j, title = nxt
        floor = out[-1].end if out else -1
        out.append(_phrase(gaz, six, i, j, title, floor))
        i = j
    return out


def _phrase(
    gaz: Gazetteer, six: SentenceIndex, i: int, j: int, title: Title, floor: int = -1
) -> RolePhrase:
    """The role phrase around the title at [i, j); `floor` ends the previous phrase."""
    toks = six.tokens
    start, det = i, False
    nations: list[tuple[str, int]] = []  # nationalities in the modifiers and where, nearest first
    strip: set[int] = set()
    k = i
    while k > 0 and i - k < _MAX_LEFT:
        t = toks[k - 1]
        known = six.ending.get(k)
        possessive = False
        if known is None and k >= 2 and six.possessive_at(k - 2):
            known, possessive = six.ending.get(k - 2), True
        if known is not None:
            entry, form = known.alias.entry, known.alias.form
            if entry.kind in ("person", "event"):
                break
            # "Russian", "Kremlin", "Russia's", "U.S. Secretary" give a nationality; a country
            # named before a topic title does not ("North Korea expert").
            national = (
                possessive
                or entry.kind != "country"
                or form in NATIONAL_FORMS
                or not title.topic
            )
            if national and entry.country and entry.country not in (n for n, _ in nations):
                nations.append((entry.country, known.i))
            if possessive:
                strip.update(range(known.i, k))
            elif entry.kind == "country" and form in ("adjective", "contextual"):
                strip.update(range(known.i, known.j))
            start = k = known.i
        elif t.key in _DETERMINERS:
            start, det = k - 1, True
            break
        elif (
            t.key in gaz.title_modifiers
            or (t.joined and is_word(t))  # "high-ranking"
            or (t.text.isalpha() and is_cap(t) and t.text not in gaz.not_names)  # "Commerce"
            or (t.key in _CONNECTORS and k >= 2 and is_cap(toks[k - 2]) and start == k
                # "Kim and Russian President Putin": past a nationality, only another one
                # joins it ("Russian and North Korean officials"), not the name before "and".
                and (not nations or six.ending.get(k - 1) is not None))
        ):
            start = k = k - 1
        else:
            break
    if out_of_floor := start <= floor < i:
        # Ran back into the previous title: the words right after it are its holder's name
        # ("Vice Minister Kim Jong Gyu and Deputy Minister ..."), so this phrase starts after
        # the first connector or comma after that name.
        cut = [q + 1 for q in range(floor, i) if toks[q].key in _CONNECTORS or toks[q].text == ","]
        start = cut[0] if cut else i
        det = False
    if out_of_floor:
        nations = [(n, q) for n, q in nations if q >= start]
    while start < i and toks[start].key in _CONNECTORS:
        start += 1
    end, link = _complement_end(gaz, six, j, title)
    if not nations and link in _COMPLEMENT_LINKS:  # "the president of the Russian Republic"
        for t in range(j, end):
            kn = six.starting.get(t)
            if kn is not None and kn.alias.entry.country is not None:
                nations.append((kn.alias.entry.country, t))
                break
    country = nations[0][0] if len(nations) == 1 else None
    strip = {q for q in strip if q >= start}
    return RolePhrase(start, i, j, end, title, country, det, frozenset(strip), len(nations) > 1)


def _complement_end(
    gaz: Gazetteer, six: SentenceIndex, j: int, title: Title
) -> tuple[int, str | None]:
    """The end of an "of ..." complement after a title at token j (j if none), and its link."""
    toks = six.tokens
    links = _COMPLEMENT_LINKS | ({"to"} if title.to else set())
    if j >= len(toks) or toks[j].key not in links:
        return j, None
    q = j
    while q < len(toks) and q - j < _MAX_COMPLEMENT:
        t = toks[q]
        kn = six.starting.get(q)
        if kn is not None:
            if kn.alias.entry.kind == "person":
                break
            q = kn.j
            continue
        if t.key == "and" and q + 1 < len(toks) and is_cap(toks[q + 1]):
            q += 1  # "Minister of Trade and Industry"
            continue
        stop = t.key in _COMPLEMENT_STOP and not (q == j and t.key in links)
        if t.text in _CLOSERS or stop or t.text in gaz.given_names:
            break
        if q > j + 1 and korean_name_at(gaz, six, q) is not None:
            break  # "Minister of Foreign Affairs Pak Chol Su"
        q += 1
    while q > j and toks[q - 1].key in _COMPLEMENT_LINKS | _DETERMINERS | {"and", "'"}:
        q -= 1
    return (q, toks[j].key) if q > j + 1 else (j, None)


def title_is_noun(gaz: Gazetteer, six: SentenceIndex, rp: RolePhrase) -> bool:
    """False when the title word is used as an adjective ("official exports")."""
    toks = six.tokens
    if rp.end >= len(toks):
        return True
    nxt = toks[rp.end]
    known = six.starting.get(rp.end)
    if known is not None and known.alias.entry.kind in ("media", "org", "event"):
        return False  # "the North's official Korean Central News Agency": what kind of agency
    if not nxt.text.isalpha() or is_cap(nxt) or nxt.joined:
        return not nxt.joined
    return nxt.key in _TITLE_FOLLOWERS or nxt.key.endswith("ed")


def apposition_start(six: SentenceIndex, rp: RolePhrase) -> int | None:
    """The comma token before a role phrase in apposition ("X, the chief of ..."), if any."""
    toks = six.tokens
    closed = rp.end >= len(toks) or toks[rp.end].text in _CLOSERS
    if not closed:
        return None
    p = rp.start - 1
    if p >= 0 and toks[p].key in _APPOSITION_ADVERBS:
        p -= 1
    return p if p > 0 and toks[p].text == "," else None


def given_name_at(gaz: Gazetteer, six: SentenceIndex, p: int) -> int | None:
    """End of an unknown name opened by a known first name ("Vladimir Strashko")."""
    if six.tokens[p].text not in gaz.given_names:
        return None
    found = name_at(gaz, six, p, min_words=2)
    return found[0] if found and found[1] is None else None


def korean_name_at(gaz: Gazetteer, six: SentenceIndex, p: int) -> int | None:
    """End of an unknown Korean name: family name + two syllables ("Jang Song-thaek")."""
    toks = six.tokens
    if toks[p].text not in gaz.korean_surnames or p + 2 >= len(toks):
        return None
    a, b = toks[p + 1], toks[p + 2]
    if not (is_cap(a) and not a.joined and (b.joined or is_cap(b))):
        return None
    # Both given-name parts must be romanised Korean syllables: "Son Hui" yes, "Open Letter" no.
    if not (_SYLLABLE.fullmatch(a.text) and _SYLLABLE.fullmatch(b.text)):
        return None
    if any(q in six.inside for q in (p, p + 1, p + 2)):
        return None
    if p + 3 < len(toks) and toks[p + 3].joined:
        return None
    return p + 3
