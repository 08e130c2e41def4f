"""A deterministic synthetic news corpus in Tumen's corpus format, for benchmarks.

    python -m bench.synth --size 1000 --out /tmp/synth [--seed 7]

Each article is a ``<doc_id>.md`` file with YAML front matter (title, publisher, url, and a
date at varying precision, or none) and 8–25 content paragraphs built from sentence patterns
that carry dates (absolute, relative, ranges), titled actors from the gazetteer and invented
ones, every action type of ``index/data/actions.yaml`` (done, planned, denied), quotes and
figures, plus site boilerplate that the cleaner is meant to drop. Article ``i`` depends only on
``(seed, i)``, so a corpus can be extended or one article revised without touching the others.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bench import synth_data as sd

GAZETTEER = Path(__file__).resolve().parent.parent / "index" / "data" / "gazetteer.yaml"
LEXICON_SIZE = 20_000
ZIPF_S = 1.07
_SLOT = re.compile(r"\{([A-Za-z_0-9]+)\}")
_SYLLABLES = [c + v for c in "bdgklmnprstvzh" for v in ("a", "e", "i", "o", "u", "ar", "en", "ol")]


@dataclass(frozen=True)
class SynthArticle:
    """One generated article: its file text and, for tests, what cleaning should keep/drop."""

    doc_id: str
    text: str
    paragraphs: tuple[str, ...]
    boilerplate: tuple[str, ...]
    date: str | None


@dataclass
class Manifest:
    """What a generated corpus contains: ids and how often each lexicon word was used."""

    doc_ids: list[str] = field(default_factory=list)
    words: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class _Gaz:
    people: tuple[tuple[str, str], ...]  # (name, country code)
    places: tuple[str, ...]
    orgs: tuple[str, ...]
    given: tuple[str, ...]
    korean: tuple[str, ...]


@lru_cache(maxsize=1)
def gazetteer() -> _Gaz:
    """Names, places and organisations the pipeline knows (read-only use of the gazetteer)."""
    data: dict[str, Any] = yaml.safe_load(GAZETTEER.read_text(encoding="utf-8")) or {}
    people = tuple((p["name"], p.get("country") or "") for p in data.get("people", []))
    places = tuple(p["name"] for p in data.get("places", []))
    orgs = tuple(o["name"] for o in data.get("orgs", []) if not o.get("contextual"))
    return _Gaz(people, places, orgs, tuple(data.get("given_names", ["Ivan"])),
                tuple(data.get("korean_surnames", ["Kim"])))


@lru_cache(maxsize=4)
def lexicon(seed: int) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Invented words with Zipf cumulative weights: rank 1 is very common, the tail is rare."""
    rng = random.Random(f"lexicon:{seed}")
    words: dict[str, None] = {}
    while len(words) < LEXICON_SIZE:
        w = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        words.setdefault(w)
    cum = tuple(itertools.accumulate(1 / r ** ZIPF_S for r in range(1, LEXICON_SIZE + 1)))
    return tuple(words), cum


class _Writer:
    """Fills sentence patterns for one article with a private random stream."""

    def __init__(self, rng: random.Random, seed: int, dct: tuple[int, int, int],
                 manifest: Manifest | None) -> None:
        self.rng, self.gaz, self.dct, self.manifest = rng, gazetteer(), dct, manifest
        self.words, self.cum = lexicon(seed)
        self._country = ""

    def word(self) -> str:
        w = self.words[bisect.bisect_left(self.cum, self.rng.random() * self.cum[-1])]
        if self.manifest is not None:
            self.manifest.words[w] += 1
        return w

    def actor(self) -> str:
        r, rng = self.rng.random(), self.rng
        if r < 0.45:
            name, country = rng.choice(self.gaz.people)
            if self.manifest is not None:
                self.manifest.names[name] += 1
            style = rng.random()
            if style < 0.4:
                return name
            adj = sd.ADJECTIVES.get(country, "")
            title = rng.choice(sd.PERSON_TITLES)
            if style < 0.8:
                return f"{adj} {title} {name}".strip()
            return f"{name}, the {title.lower()}"
        if r < 0.7:
            if rng.random() < 0.6:
                name = f"{rng.choice(self.gaz.given)} {rng.choice(sd.INVENTED_SURNAMES_RU)}"
                adj = "Russian"
            else:
                name = f"{rng.choice(self.gaz.korean)} {rng.choice(sd.INVENTED_GIVEN_KO)}"
                adj = "North Korean"
            return f"{adj} {rng.choice(sd.PERSON_TITLES)} {name}"
        if r < 0.9:
            return rng.choice(sd.GROUP_ACTORS)
        return rng.choice(self.gaz.orgs)

    def _past(self) -> tuple[int, int, int]:
        y, m, d = self.dct
        back = self.rng.randint(1, 900)
        total = y * 372 + (m - 1) * 31 + (d - 1) - back
        return total // 372, total % 372 // 31 + 1, min(total % 31 + 1, 28)

    def _future(self) -> tuple[int, int, int]:
        y, m, _ = self.dct
        m2 = m + self.rng.randint(1, 14)
        return y + (m2 - 1) // 12, (m2 - 1) % 12 + 1, self.rng.randint(1, 28)

    @staticmethod
    def date(ymd: tuple[int, int, int]) -> str:
        return f"{sd.MONTHS[ymd[1] - 1]} {ymd[2]}, {ymd[0]}"

    def when(self) -> str:
        y, m, d = self._past()
        return self.rng.choice([
            f"on {self.date((y, m, d))}", f"in {sd.MONTHS[m - 1]} {y}", f"in {y}", "last week",
            "yesterday", "last month", "earlier this year", "two days ago",
            "the following month", f"in early {y}", "on Monday", f"in the spring of {y}",
            f"between {sd.MONTHS[m - 1]} and {sd.MONTHS[min(m + 2, 12) - 1]}",
        ])

    def when_cap(self) -> str:
        w = self.when()
        return w[0].upper() + w[1:]

    def fut(self) -> str:
        y, m, d = self._future()
        return self.rng.choice(["next month", f"in {sd.MONTHS[m - 1]} {y}", "later this year",
                                "in the coming weeks", "next year", f"on {self.date((y, m, d))}"])

    def date_range(self) -> str:
        y, m, d = self._past()
        mon, d = sd.MONTHS[m - 1], min(d, 25)  # "February 28-30" would be no date
        return self.rng.choice([f"From {mon} {d}-{d + 2}", f"From {mon} {d}-{d + 2}, {y}",
                                f"Between {mon} and {sd.MONTHS[min(m + 2, 12) - 1]}",
                                f"From {y} to {y + 2}", f"In {mon} and {sd.MONTHS[m % 12]}"])

    def slot(self, name: str) -> str:
        rng = self.rng
        if name in ("A", "B"):
            return self.actor()
        if name in ("C", "C2"):
            # The second side differs from the first: "Russia sent aid to Russia" is noise.
            other = self._country if name == "C2" else None
            self._country = rng.choice([c for c in sd.COUNTRIES if c != other])
            return self._country
        if name == "S":
            return rng.choice(self.gaz.people)[0].split()[-1]
        if name in ("W", "W2"):
            return self.word()
        if name == "Wt":
            return self.word().capitalize()
        simple = {
            "P": lambda: rng.choice(self.gaz.places), "ORG": lambda: rng.choice(self.gaz.orgs),
            "WHEN": self.when, "WHEN_CAP": self.when_cap, "FUT": self.fut,
            "RANGE": self.date_range, "D": lambda: self.date(self._past()),
            "M": lambda: f"{sd.MONTHS[self._past()[1] - 1]} {self._past()[0]}",
            "Y": lambda: str(self._past()[0]),
            "MONEY": lambda: rng.choice(["$1.09 billion", "$10 billion", "$500 million",
                                         "$25 million", f"${rng.randint(2, 900)} million"]),
            "PCT": lambda: rng.choice(["90 percent", "90%", f"{rng.randint(2, 99)} percent",
                                       f"{rng.randint(2, 60)} per cent"]),
            "N": lambda: f"{rng.randint(1, 99) * 1000:,}",
            "K": lambda: f"{rng.randint(2, 99_999):,}",
            "COMMODITY": lambda: rng.choice(sd.COMMODITIES),
            "PUB": lambda: rng.choice([p for p in sd.PUBLISHERS if p]),
            "BY": lambda: rng.choice(sd.BYLINE_NAMES),
            "TEASER": lambda: self.fill(rng.choice(sd.TEASER_PATTERNS)),
        }
        return simple[name]()

    def fill(self, pattern: str) -> str:
        return _SLOT.sub(lambda m: self.slot(m.group(1)), pattern)

    def sentence(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            action = self.rng.choice(list(sd.EVENT_PATTERNS))
            return self.fill(self.rng.choice(sd.EVENT_PATTERNS[action]))
        if r < 0.85:
            return self.fill(self.rng.choice(sd.FILLER_PATTERNS))
        return self.fill(self.rng.choice(sd.QUOTE_PATTERNS))

    def paragraph(self, lede: bool) -> str:
        sents = [self.sentence() for _ in range(self.rng.randint(2, 5))]
        if lede:  # the first paragraph always reports an event, as news ledes do
            action = self.rng.choice(list(sd.EVENT_PATTERNS))
            sents[0] = self.fill(self.rng.choice(sd.EVENT_PATTERNS[action]))
        return " ".join(s[0].upper() + s[1:] for s in sents)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def doc_id_for(seed: int, i: int) -> str:
    """The article id of article ``i`` (stable whatever its revision)."""
    return f"syn{i:06d}_{random.Random(f'{seed}:{i}:id').getrandbits(32):08x}"


def generate_article(seed: int, i: int, revision: int = 0,
                     manifest: Manifest | None = None) -> SynthArticle:
    """Article ``i`` of the corpus of ``seed`` (a different ``revision`` rewrites its text)."""
    rng = random.Random(f"{seed}:{i}:r{revision}")
    dct = (rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28))
    w = _Writer(rng, seed, dct, manifest)
    title = w.fill(rng.choice(sd.TITLE_PATTERNS))
    publisher = rng.choice(sd.PUBLISHERS)
    kind = rng.random()  # date precision: day, month, year, dateline only, none
    iso = f"{dct[0]:04d}-{dct[1]:02d}-{dct[2]:02d}"
    fm_date, date = ((f"'{iso}'", iso) if kind < 0.6 else (iso[:7], iso[:7]) if kind < 0.85
                     else (iso[:4], iso[:4]) if kind < 0.9 else (None, iso if kind < 0.95
                                                                 else None))
    header: list[str] = []
    if (kind < 0.6 and rng.random() < 0.4) or 0.9 <= kind < 0.95:
        header.append(w.date(dct))
    if rng.random() < 0.3:
        header.append(title)
    if rng.random() < 0.3:
        header.append(f"By {rng.choice(sd.BYLINE_NAMES)}")
    paragraphs: list[str] = []
    target = rng.randint(8, 25)
    while len(paragraphs) < target:
        p = w.paragraph(lede=not paragraphs)
        if p not in paragraphs:  # the cleaner drops repeats; content must be unique
            paragraphs.append(p)
    body: list[str] = []
    boiler = list(header)
    for n, p in enumerate(paragraphs):
        body.append(p)
        if n >= 1 and rng.random() < 0.12:
            line = w.fill(rng.choice(sd.INLINE_BOILERPLATE))
            body.append(line)
            boiler.append(line)
    if rng.random() < 0.15:  # a paragraph pasted twice, as scraped pages often have
        at = rng.randint(len(body) // 2, len(body))
        body.insert(at, rng.choice([b for b in body[:at] if b in paragraphs]))
    tail = [w.fill(t) for t in rng.sample(sd.TAIL_BOILERPLATE, rng.randint(1, 3))]
    if rng.random() < 0.5:
        tail.append(w.fill(rng.choice(sd.RELATED_HEADINGS)))
        tail += [w.fill(rng.choice(sd.TEASER_PATTERNS)) for _ in range(rng.randint(2, 4))]
    boiler += tail
    front = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if publisher:
        front.append(f"publisher: {json.dumps(publisher)}")
    if fm_date:
        front.append(f"date: {fm_date}")
    front.append(f"url: https://www.{_slug(publisher or 'example news')}.com/"
                 f"{dct[0]}/{dct[1]:02d}/{_slug(title)}/")
    front.append("---")
    sep = "\n\n" if rng.random() < 0.7 else "\n"  # both paragraph styles occur in scrapes
    text = "\n".join(front) + "\n" + sep.join([*header, *body, *tail]) + "\n"
    return SynthArticle(doc_id_for(seed, i), text, tuple(paragraphs), tuple(boiler), date)


def write_article(out_dir: Path, article: SynthArticle) -> Path:
    path = out_dir / f"{article.doc_id}.md"
    path.write_text(article.text, encoding="utf-8")
    return path


def generate_corpus(out_dir: Path, size: int, seed: int = 7, start: int = 0) -> Manifest:
    """Write articles ``start`` to ``start + size - 1`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = Manifest()
    for i in range(start, start + size):
        article = generate_article(seed, i, manifest=manifest)
        write_article(out_dir, article)
        manifest.doc_ids.append(article.doc_id)
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000, help="articles (1000, 10000, 100000)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    m = generate_corpus(args.out, args.size, args.seed)
    print(f"wrote {len(m.doc_ids)} articles to {args.out} "
          f"({len(m.words)} distinct lexicon words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
