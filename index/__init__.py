"""Tumen: from article files to cited answers. No Discord in here.

The packages are the pipeline, in the order an article flows through it: `corpus` (reading,
validating, cleaning and cutting articles into passages and sentences; fetching pages for
`/corpus add`), `timex` (the time tagger), `names` (gazetteer and actor recognition), `events`
(extracting each sentence's events), `merge` (one event from the accounts of many articles),
`engine` (the Whoosh indexes and everything that reads or writes them), `build` (running the
pipeline into a new generation and switching to it) and `answers` (the chat commands' answers).
`models` and `errors` are the vocabulary they share. A module imports from its own layer and
the layers before it; the few exceptions are named in the package docstrings.
"""
