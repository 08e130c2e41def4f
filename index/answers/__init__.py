"""Answering: the chat commands, from a typed question to an `Answer`.

Owns `services` (the `Library` every front end calls: /search, /when, /who, /timeline, /cite,
/sources, /status), citation styles, autocomplete choices (`completion`), the time words of
`/timeline` (`timespan`), the wrong-citation log (`feedback`) and `present`, the few helpers
of the layers below that a front end needs, re-exported so that the bot imports only from
here, `index.build`, `index.corpus.ingest`, `index.models` and `index.errors`.
"""
