"""Interaction latency of the real bot (discord.py) against the loopback fake Discord.

    python bench/interaction_latency.py [--commands N] [--concurrency C ...] [--corpus DIR]
                                        [--out DIR]

Builds the corpus (default: the seed corpus) into a temporary index, starts the fake Discord and
`bot.app.TumenBot` in one process, then pushes N mixed commands (/search, /cite, /sources, /help)
and times each from the moment the fake pushes INTERACTION_CREATE to the moment the bot's
callback POST arrives at the fake: what decides whether Discord's 3-second deadline is met.
Each C is one run with C commands in flight at once (default: 1, then 10), each against a
fresh bot and fake. Prints p50/p95/p99/max in milliseconds and writes JSON and Markdown reports;
exits 1 if any answer was refused or broke a Discord limit.

Needs the test extras (the fake lives in tests/fakediscord). Fake and bot share one event loop,
so the figures include the fake's own work: they are an upper bound on the bot's share.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.app import SYNC_STATE, TumenBot  # noqa: E402
from bot.settings import Settings  # noqa: E402
from index.answers.services import Library  # noqa: E402
from index.build.build import build_index  # noqa: E402
from tests.fakediscord import (  # noqa: E402
    FakeDiscord,
    GuildSpec,
    InteractionRecord,
    UserSpec,
    patched_discord,
    running_client,
)

GUILD = GuildSpec(id=930_000_000_000_000_001, name="Bench")
APP_ID = 930_000_000_000_000_100
TOKEN = "bench-token-not-secret"
TARGET_P99_MS = 100.0
WARM_UP = 20
QUERIES = [
    "debt", "Sochi Olympics", '"Sochi Olympics"', "Trutnev", "military exercises", "Putin Kim",
    "Vladivostok summit", "year of friendship", "sanctions relief", "Russia",
    "Kim Jong-un visit Moscow May", "zanzibar", "the", "Russia North Korea", "????*",
]
# Searches dominate, as in real use; /help is the cheapest answer, /sources the biggest.
PATTERN = ["search", "cite", "search", "sources", "search", "help", "cite", "search"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def mixed_commands(library: Library, count: int) -> list[tuple[str, dict[str, Any]]]:
    """`count` commands cycling through PATTERN, with varied queries and passage ids."""
    ids = library.passage_ids("", limit=1000)
    names = itertools.cycle(PATTERN)
    commands: list[tuple[str, dict[str, Any]]] = []
    for n in range(count):
        name = next(names)
        options: dict[str, Any] = {}
        if name == "search":
            options = {"query": QUERIES[n % len(QUERIES)]}
        elif name == "cite":
            options = {"id": ids[n % len(ids)]}
        commands.append((name, options))
    return commands


async def run(commands: list[tuple[str, dict[str, Any]]], settings: Settings,
              concurrency: int) -> tuple[list[InteractionRecord], FakeDiscord]:
    """Run the commands against the bot; return their records and the fake (for its checks)."""
    users = [UserSpec(username=f"bench{n}") for n in range(50)]
    async with FakeDiscord(app_id=APP_ID, guilds=[GUILD]) as fake:
        with patched_discord(fake):
            bot = TumenBot(settings, guild_ready_timeout=0.05)
            async with running_client(bot, fake, token=TOKEN):
                await fake.wait_synced(GUILD.id)
                slots = asyncio.Semaphore(concurrency)

                async def one(n: int, name: str, options: dict[str, Any]) -> InteractionRecord:
                    async with slots:
                        rec = await fake.invoke(name, options, user=users[n % len(users)],
                                                wait=False)
                        return await rec.wait_settled(timeout=30, quiet=0)

                for n, (name, options) in enumerate(commands[:WARM_UP]):
                    await one(n, name, options)  # first searcher, first render: not measured
                records = await asyncio.gather(
                    *(one(n, name, options) for n, (name, options) in enumerate(commands)))
                await asyncio.sleep(0.2)  # let trailing page-message fetches land
    return list(records), fake


def measure(commands: list[tuple[str, dict[str, Any]]], settings: Settings,
            concurrency: int) -> dict[str, Any]:
    """One run at one concurrency level, summarised."""
    # Each run has a fresh fake that knows no commands: make the bot sync them again.
    (Path(settings.index_dir) / SYNC_STATE).unlink(missing_ok=True)
    records, fake = asyncio.run(run(commands, settings, concurrency))
    times = [r.latency * 1000 for r in records if r.latency is not None]
    refused = [r.summary() for r in records if r.rejected or not r.callbacks]
    for line in refused[:5]:
        print("refused:", line, file=sys.stderr)
    p99 = round(percentile(times, 99), 2)
    return {
        "commands": len(records), "concurrency": concurrency,
        "p50_ms": round(statistics.median(times), 2), "p95_ms": round(percentile(times, 95), 2),
        "p99_ms": p99, "max_ms": round(max(times), 2), "target_met": p99 < TARGET_P99_MS,
        "deferred": sum(1 for r in records if r.callback_type == 5),
        "refused": len(refused), "violations": [str(v) for v in fake.violations],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--commands", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("discord.client").setLevel(logging.ERROR)  # "PyNaCl is not installed"
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "index"
        summary = build_index(args.corpus, index_dir)
        library = Library(index_dir)
        commands = mixed_commands(library, args.commands)
        library.close()
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, discord_token=TOKEN, guild_ids=[GUILD.id], corpus_dir=args.corpus,
            index_dir=index_dir, cooldown_rate=0)  # 50 users at full speed: no cooldown
        runs = [measure(commands, settings, c) for c in args.concurrency]
    result = {
        "benchmark": "interaction_latency", "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, "
                   f"{platform.python_implementation()} {platform.python_version()}",
        "articles": summary.articles, "passages": summary.passages,
        "mix": {name: sum(1 for c, _ in commands if c == name) for name in sorted(set(PATTERN))},
        "target_p99_ms": TARGET_P99_MS, "runs": runs,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "interaction_latency.json").write_text(json.dumps(result, indent=1) + "\n")
    md = ["| commands | in flight | p50 ms | p95 ms | p99 ms | max ms | deferred | refused |",
          "|---|---|---|---|---|---|---|---|"]
    md += [f"| {r['commands']} | {r['concurrency']} | {r['p50_ms']} | {r['p95_ms']} | "
           f"{r['p99_ms']} | {r['max_ms']} | {r['deferred']} | {r['refused']} |" for r in runs]
    (args.out / "interaction_latency.md").write_text("\n".join(md) + "\n")
    print(json.dumps(result, indent=1))
    return 1 if any(r["refused"] or r["violations"] for r in runs) else 0


if __name__ == "__main__":
    raise SystemExit(main())
