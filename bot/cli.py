"""The `tumen` command line: index, ask, console, check, run (see DESIGN.md for the contract)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from bot.commandline import run_chat_command, usage_line
from bot.render_text import event_facts, event_headline, format_summary, render_answer
from bot.settings import Settings, get_settings
from index.answers.services import Library
from index.build.build import NOTHING_LEFT, BuildSummary, build_index, make_index_dir
from index.build.check import check_corpus
from index.errors import QueryError, TumenError

log = logging.getLogger(__name__)

SAMPLE_QUESTION = "/when debt"
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _err(message: str) -> None:
    print(message, file=sys.stderr)


class _ProgressBar:
    """A progress bar with ETA on stderr (tqdm), shown only when a person is watching.

    The build counts steps, not articles: one per article, then the merge and the events index
    (`index.build.buildprogress`), so the bar shows a percentage and what the build is doing.
    """

    # tqdm's postfix comes with its leading ", ": what the build is doing goes last.
    FORMAT = "{desc}: {percentage:3.0f}%|{bar}| {elapsed}<{remaining}{postfix}"

    def __init__(self) -> None:
        self._bar: tqdm | None = None

    def __call__(self, done: int, total: int, doing: str) -> None:
        if not sys.stderr.isatty():
            return
        if self._bar is None:
            self._bar = tqdm(total=total, desc="Indexing", file=sys.stderr, dynamic_ncols=True,
                             leave=False, bar_format=self.FORMAT)
        self._bar.set_postfix_str(doing[:30], refresh=False)
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _settings(args: argparse.Namespace) -> Settings:
    return get_settings(corpus_dir=getattr(args, "corpus", None),
                        index_dir=getattr(args, "index", None))


def _build(settings: Settings, *, full: bool = False) -> BuildSummary:
    bar = _ProgressBar()
    try:
        return build_index(settings.corpus_dir, settings.index_dir, full=full,
                           max_bytes=settings.max_article_bytes, progress=bar)
    finally:
        bar.close()


def _library(settings: Settings) -> Library:
    """A library over the index, building the index first (and saying so) if there is none."""
    lib = Library(settings.index_dir)
    if not lib.store.exists():
        # Checked before saying it builds: a path that cannot hold an index (a file, a folder
        # that cannot be created or written in) gets its one error and nothing before it.
        make_index_dir(settings.index_dir)
        _err(f"No index in {settings.index_dir} yet: building it from {settings.corpus_dir} …")
        _err(format_summary(_build(settings)))
    return lib


def cmd_index(args: argparse.Namespace) -> int:
    settings = _settings(args)
    print(format_summary(_build(settings, full=args.full)))
    return EXIT_OK


def _print_answer(lib: Library, line: str, as_json: bool, png: Path | None = None) -> None:
    answer = run_chat_command(lib, line)
    if png is not None:
        if any(i.kind == "event" for i in answer.items):
            from bot.timeline_image import render_timeline_png  # matplotlib only when drawing

            try:
                png.write_bytes(render_timeline_png(answer))
            except OSError as exc:
                raise QueryError(f"cannot write {png}: {exc.strerror or exc}") from exc
            _err(f"Timeline picture written to {png}.")
        elif answer.command in ("timeline", "when", "who"):
            # The answer (nothing found, or passages) is still worth printing.
            _err(f"No picture written to {png}: the answer has no events to draw.")
        else:
            raise QueryError("--png draws events: use it with /timeline, /when or /who.")
    if as_json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_answer(answer, ansi=sys.stdout.isatty()))


def cmd_ask(args: argparse.Namespace) -> int:
    try:
        lib = _library(_settings(args))
        try:
            _print_answer(lib, args.command, args.json, args.png)
        finally:
            lib.close()
    except TumenError as exc:
        if not args.json:
            raise
        # A tool reading stdout gets JSON whatever happens; people still read stderr.
        kind = "query" if isinstance(exc, QueryError) else "error"
        print(json.dumps({"error": {"kind": kind, "type": type(exc).__name__,
                                    "message": str(exc)}}, ensure_ascii=False, indent=2))
        _err(str(exc))
        return EXIT_ERROR
    return EXIT_OK


def cmd_console(args: argparse.Namespace) -> int:
    lib = _library(_settings(args))
    print(f"Tumen console. {usage_line()}. Ctrl-D or /quit to leave.")
    try:
        while True:
            try:
                line = input("tumen> ")
            except EOFError:
                print()
                break
            if line.strip() in {"/quit", "/exit", "quit", "exit"}:
                break
            if not line.strip():
                continue
            try:
                _print_answer(lib, line, as_json=False)
            except TumenError as exc:
                print(exc)
    except KeyboardInterrupt:
        print()
    finally:
        lib.close()
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    settings = _settings(args)
    report, cut = check_corpus(settings.corpus_dir, max_bytes=settings.max_article_bytes)
    n_ok = 0
    for ap in cut:
        meta = ap.article.meta
        if ap.passages:
            n_ok += 1
            print(f"{Path(meta.path).name}: ok — {len(ap.passages)} passages, "
                  f"date {meta.date or 'undated'}"
                  f"{f' (from the {meta.date_basis})' if meta.date_basis else ''}")
        else:
            # What `tumen index` skips is a problem here too, in the words it uses.
            print(f"{Path(meta.path).name}: ERROR — {NOTHING_LEFT}; `tumen index` skips it")
        for d in ap.dropped:
            text = d.text if len(d.text) <= 70 else d.text[:67] + "…"
            print(f"    dropped ({d.reason}): {text}")
    for p in report.problems:
        print(f"{p.path}: ERROR — {p.message}")
    n_bad = len(report.problems) + len(report.articles) - n_ok
    print(f"{n_ok} articles ok, {n_bad} with problems.")
    return EXIT_ERROR if n_bad else EXIT_OK


def cmd_events(args: argparse.Namespace) -> int:
    lib = _library(_settings(args))
    try:
        answer = lib.events(limit=args.limit)
    finally:
        lib.close()
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    for item in answer.items:
        docs = ", ".join(dict.fromkeys(c.doc_id[:12] for c in item.citations))
        print(f"{event_headline(item)}\n    {event_facts(item)} · {item.event_id} · {docs}")
    if answer.cut:
        print(f"Showing the first {len(answer.items)} of {answer.matched} events in date order; "
              "without --limit every event is listed.")
    else:
        print(f"{answer.matched} event{'s' if answer.matched != 1 else ''}.")
    return EXIT_OK


def cmd_feedback(args: argparse.Namespace) -> int:
    from index.answers import feedback

    path = args.file or get_settings().feedback_file
    reports = feedback.read(Path(path))
    if args.json:
        print(json.dumps({"file": str(path), "items": [vars(r) for r in reports]},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in reports:
        print(f"{r.at} · {r.passage_id} · user {r.user_id} · {r.command}")
    n = len(reports)
    print(f"{n} wrong-citation report{'s' if n != 1 else ''} in {path}." if n else
          f"No wrong-citation reports in {path}.")
    return EXIT_OK


def cmd_timex(args: argparse.Namespace) -> int:
    from index.answers.present import normalize_date, tag

    try:
        dct = normalize_date(args.dct) if args.dct else None
    except ValueError as exc:
        _err(f"--dct: {exc}")
        return EXIT_USAGE
    if args.file is None:
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            _err(f"cannot read {args.file}: {exc}")
            return EXIT_ERROR
    for t in tag(text, dct):
        print(json.dumps({"start": t.start, "end": t.end, "text": t.text, "type": t.type,
                          "value": t.value}, ensure_ascii=False))
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if settings.discord_token is None or not settings.discord_token.get_secret_value():
        lib = _library(settings)
        try:
            print(f"tumen> {SAMPLE_QUESTION}")
            _print_answer(lib, SAMPLE_QUESTION, as_json=False)
        finally:
            lib.close()
        print("\nNo Discord token is set, so the bot was not started. Set TUMEN_DISCORD_TOKEN "
              "(in the environment or a .env file) to run it; ask more questions offline with "
              "`tumen console`.")
        return EXIT_OK
    from bot.app import run_bot  # imported late: discord.py is only needed to run the bot

    return run_bot(settings)


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"give a whole number of 1 or more, not {text!r}")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tumen", description="Cited answers about Russia–North Korea relations from a "
        "corpus of articles: build the index, ask offline, or run the Discord bot.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="cmd", required=True, metavar="COMMAND")

    def add(name: str, help_: str, func: object, *, corpus: bool = False,
            index: bool = False) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        if corpus:
            p.add_argument("--corpus", type=Path, metavar="DIR",
                           help="article folder (default: $TUMEN_CORPUS_DIR or ./corpus)")
        if index:
            p.add_argument("--index", type=Path, metavar="DIR",
                           help="index folder (default: $TUMEN_INDEX_DIR or ./.tumen/index)")
        p.set_defaults(func=func)
        return p

    p = add("index", "Build the index from the corpus and switch to it.", cmd_index,
            corpus=True, index=True)
    p.add_argument("--full", action="store_true",
                   help="reprocess every article and rewrite the index from scratch "
                        "(default: only new, changed and removed articles)")
    p = add("ask", "Run one chat command offline, e.g. tumen ask \"/search debt\".", cmd_ask,
            corpus=True, index=True)
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.add_argument("--png", type=Path, metavar="FILE",
                   help="also draw the events as a timeline picture (PNG) into FILE")
    p.add_argument("command", help="the command as typed in chat, e.g. \"/cite 001:p3\"")
    add("console", "Interactive prompt for the same commands.", cmd_console, corpus=True,
        index=True)
    add("check", "Validate the corpus and show what cleaning drops; exit 1 on errors.",
        cmd_check, corpus=True)
    p = add("events", "List every extracted event (after merging across sources).", cmd_events,
            corpus=True, index=True)
    p.add_argument("--json", action="store_true",
                   help="print the events as JSON (as `ask --json` does, with their total)")
    p.add_argument("--limit", type=_positive, metavar="N",
                   help="list only the first N events in date order (default: every event)")
    p = add("timex", "Tag time expressions in a text (stdin by default) as JSON lines.",
            cmd_timex)
    p.add_argument("--dct", metavar="YYYY-MM-DD",
                   help="the document's date (YYYY-MM-DD, YYYY-MM or YYYY); omit if undated")
    p.add_argument("file", nargs="?", help="a UTF-8 text file (default: standard input)")
    p = add("feedback", "List the citations analysts marked as wrong in Discord, oldest first.",
            cmd_feedback)
    p.add_argument("--json", action="store_true", help="print the reports as JSON")
    p.add_argument("--file", type=Path, metavar="FILE",
                   help="the feedback log (default: $TUMEN_FEEDBACK_FILE or "
                        "./.tumen/feedback.jsonl)")
    add("run", "Start the Discord bot (needs TUMEN_DISCORD_TOKEN); without a token, answer a "
        "sample question offline.", cmd_run, corpus=True, index=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `tumen` script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return int(args.func(args))
    except TumenError as exc:
        _err(str(exc))
        return EXIT_ERROR
    except ValueError as exc:  # settings that do not validate
        _err(f"Configuration error: {exc}")
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
