"""Chat commands typed as text (`tumen ask`, `tumen console`): parse, then call `index/`.

The same commands as the Discord slash commands, written the way a user types them in chat:
``/search Sochi Olympics``, ``/search debt source:CNAS``, ``/cite 001:p12``, ``/sources``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.render_text import status_lines
from index.answers.citations import STYLES
from index.answers.present import shown
from index.answers.services import Library
from index.answers.timespan import MAX_TIME_WORDS, is_time
from index.errors import QueryError
from index.models import Answer


@dataclass(frozen=True)
class CommandSpec:
    """One chat command: its usage line, description and handler."""

    usage: str
    description: str
    run: Callable[[Library, str, dict[str, str]], Answer]
    options: tuple[str, ...] = ()
    needs_argument: bool = False
    timed: tuple[str, ...] = ()  # options whose value is a time, which may have spaces


def _search(lib: Library, arg: str, opts: dict[str, str]) -> Answer:
    return lib.search(arg, source=opts.get("source"))


def _cite(lib: Library, arg: str, opts: dict[str, str]) -> Answer:
    ref, _, last = arg.rpartition(" ")
    if "style" not in opts and ref.strip() and last.lower() in STYLES:
        # `/cite 001:p3 plain`, as the README writes `/cite <passage id> [style]`.
        return lib.cite(ref, style=last)
    return lib.cite(arg, style=opts.get("style"))


def _status(lib: Library, arg: str, opts: dict[str, str]) -> Answer:
    return Answer(command="status", query="", notes=tuple(status_lines(lib.status())))


def _sources(lib: Library, arg: str, opts: dict[str, str]) -> Answer:
    return lib.sources()


def _when(lib: Library, arg: str, opts: dict[str, str]) -> Answer:
    return lib.when(arg)


def _who(lib: Library, arg: str, opts: dict[str, str]) -> Answer:
    return lib.who(arg)


def _timeline(lib: Library, arg: str, opts: dict[str, str]) -> Answer:
    return lib.timeline(arg, opts.get("from", ""), opts.get("to", ""))


def _help(lib: Library, arg: str, opts: dict[str, str]) -> Answer:
    return help_answer()


COMMANDS: dict[str, CommandSpec] = {
    "when": CommandSpec("/when <topic>",
                        "When it happened: the matching events with their dates, sources and "
                        "where the sources disagree.", _when, (), True),
    "who": CommandSpec("/who <action> [time]",
                       "Who did it: e.g. /who visited 2014, /who signed since 2019, "
                       "/who planned visit 2015.", _who, (), True),
    "timeline": CommandSpec("/timeline [topic] [from] [to]",
                            "The matching events in date order: /timeline debt 2014 2016, or "
                            "with options, /timeline debt from:May 2014 to:2016.", _timeline,
                            ("from", "to"), timed=("from", "to")),
    "search": CommandSpec("/search <words> [source:<outlet>]",
                          "Passages matching the words, quoting the matching sentences. "
                          "\"Double quotes\" make a phrase.", _search, ("source",), True),
    "cite": CommandSpec("/cite <passage id> [markdown|plain|chicago|apa|bibtex]",
                        "A whole passage with its full citation; a unique prefix of the article "
                        "id is enough (/cite 001:p3).", _cite, ("style",), True),
    "sources": CommandSpec("/sources", "The indexed articles with their dates and passage counts.",
                           _sources),
    "status": CommandSpec("/status", "The served index: generation, build time, counts, what "
                          "the last build changed.", _status),
    "help": CommandSpec("/help", "This list.", _help),
}


def help_answer() -> Answer:
    """The command list, as an Answer whose notes are the lines to show."""
    lines = tuple(f"{spec.usage} — {spec.description}" for spec in COMMANDS.values())
    admin = ("Admins, in Discord: /reindex [full] — update the index; /corpus add (file or "
             "url) and /corpus remove <id> — change the corpus, then reindex.",
             "Also in Discord: Apps → Cite in Tumen on a message searches the corpus for what "
             "it says (only you see the answer); “Wrong citation?” under an answer reports a "
             "citation to the maintainers.")
    return Answer(command="help", query="", notes=lines + admin)


def usage_line() -> str:
    """One line naming every command."""
    return "Commands: " + ", ".join(spec.usage for spec in COMMANDS.values())


def _split_options(arg: str, allowed: tuple[str, ...],
                   timed: tuple[str, ...] = ()) -> tuple[str, dict[str, str]]:
    """Pull ``name:value`` options this command knows out of ``arg``.

    Only the command's own option names are options; any other ``word:word`` (``title:x``) stays
    part of the query, where it is just words. A value with spaces goes in double quotes; the
    value of a ``timed`` option also takes the words after it that continue a time
    (``from:May 2014``).
    """
    if not allowed:
        return arg, {}
    names = "|".join(re.escape(n) for n in allowed)
    # The words after a value (those a time may continue with) stop at the next option.
    rx = re.compile(rf'(?<!\S)({names}):(?:"([^"]*)"|(\S+))'
                    rf'((?:\s+(?!(?:{names}):)\S+){{0,{MAX_TIME_WORDS}}})', re.I)
    opts: dict[str, str] = {}

    def take(m: re.Match[str]) -> str:
        name, value, after = m.group(1).lower(), m.group(2), m.group(4).split()
        if value is None:
            value = m.group(3)
            if name in timed:
                k = next((k for k in range(len(after), 0, -1)
                          if is_time(" ".join([value, *after[:k]]))), 0)
                value, after = " ".join([value, *after[:k]]), after[k:]
        if value.strip():
            opts[name] = value.strip()
        return " " + " ".join(after) + " "

    rest = rx.sub(take, arg)
    return " ".join(rest.split()), opts


def run_chat_command(lib: Library, line: str) -> Answer:
    """Run one chat command line against the library.

    Raises:
        QueryError: empty line, unknown command or missing argument (with a usage line).
        TumenError: whatever the service reports (not found, no index, …).
    """
    text = line.strip()
    if not text:
        raise QueryError(f"Type a command. {usage_line()}")
    if not text.startswith("/"):
        raise QueryError(f"Commands start with /, e.g. /search {shown(text, 40)}. {usage_line()}")
    name, _, arg = text[1:].partition(" ")
    spec = COMMANDS.get(name.lower())
    if spec is None:
        raise QueryError(f"Unknown command /{shown(name, 40)}. {usage_line()}")
    arg = arg.strip()
    if spec.needs_argument and not arg:
        raise QueryError(f"Usage: {spec.usage}")
    arg, opts = _split_options(arg, spec.options, spec.timed)
    return spec.run(lib, arg, opts)
