"""Extracting events: what each sentence of one article reports.

Owns the lexicon of actions (`index/data/actions.yaml`), annotating sentences with their
names and time expressions (`annotate`, `article_date`), the clause rules (`extract`), which
date is a clause's (`clause_dates`, `dates`), roles, status, people, places within an article,
"the first" notes (`firsts`), the event model and its one-line summaries, and `timerange`, the
time spans questions are asked over, kept here because both the engine and the answers use it.
Everything here works on one article; putting accounts of several articles together is `merge`.
One import runs against the flow: the lexicon stems its words with the engine's analyzer
(`index.engine.schema.terms_of`), so that event words match the index's terms exactly.
"""
