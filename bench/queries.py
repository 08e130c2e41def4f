"""A deterministic mix of `/search`, `/when` and `/who` queries drawn from a synthetic corpus."""

from __future__ import annotations

import random
from collections.abc import Callable

from bench import synth_data as sd
from bench.synth import Manifest, gazetteer

Query = tuple[str, str]  # (command, text)


def _pools(manifest: Manifest) -> dict[str, list[str]]:
    ranked = [w for w, _ in manifest.words.most_common()]
    common = ranked[:50] or ["cooperation"]
    # Rare: words used once or twice in the whole corpus (the long tail users also ask about).
    rare = [w for w, n in manifest.words.items() if n <= 2] or ranked[-50:] or ["cooperation"]
    names = [n for n, _ in manifest.names.most_common()] or ["Sergei Lavrov"]
    return {"common": common, "rare": rare, "names": names,
            "places": list(gazetteer().places), "english": sd.COMMON_QUERY_WORDS}


def make_queries(manifest: Manifest, n: int = 1000, seed: int = 7) -> list[Query]:
    """``n`` queries: half `/search`, a quarter each `/when` and `/who`."""
    rng = random.Random(f"queries:{seed}")
    pool = _pools(manifest)

    def pick(kind: str) -> str:
        return rng.choice(pool[kind])

    def surname() -> str:
        return pick("names").split()[-1]

    search: list[Callable[[], str]] = [
        lambda: pick("english"), lambda: pick("common"), lambda: pick("rare"),
        lambda: f"{pick('common')} {pick('english')}", lambda: f"{surname()} {pick('common')}",
        lambda: f"{pick('places')} summit", lambda: pick("names"),
        lambda: f'"{pick("names")}"', lambda: '"joint naval exercises"',
        lambda: f"{pick('rare')} {pick('rare')}", lambda: f"{pick('rare')}x",  # a no-hit word
        lambda: f"{pick('english')} {pick('places')} {pick('common')}",
    ]
    when: list[Callable[[], str]] = [
        lambda: "debt", lambda: f"{surname()} visit", lambda: pick("rare"),
        lambda: f"{pick('places')} exercises", lambda: pick("names"), lambda: pick("english"),
        lambda: f"{pick('common')} agreement",
    ]
    who: list[Callable[[], str]] = [
        lambda: rng.choice(sd.WHO_QUERIES), lambda: surname(), lambda: pick("rare"),
        lambda: f"visited {pick('places')}", lambda: f"met {rng.randint(2008, 2025)}",
    ]
    out: list[Query] = []
    for i in range(n):
        k = i % 4  # interleaved so a prefix of the list has the same mix
        if k < 2:
            out.append(("search", rng.choice(search)()))
        elif k == 2:
            out.append(("when", rng.choice(when)()))
        else:
            out.append(("who", rng.choice(who)()))
    return out
