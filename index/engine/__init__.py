"""The search engine: every module that knows Whoosh, and only these (tests/test_layout.py).

Owns the analyzer and schemas (`schema`), the generations on disk and the `CURRENT` pointer
(`store`, `readers`, `integrity`), writing the passage and event indexes (`writer`, with
worker-process `segments`), user queries (`query`), ranking passages a posting list at a time
(`fastscore`, `passage_search`), snippets, spelling, the events index (`event_store`) and
searching it (`event_question`, `event_search`, `totals`). The last three are answer logic, but
they build and run Whoosh queries throughout, so they live here rather than behind a wrapper;
`index.answers` calls them and never imports Whoosh. `segments` uses `index.build.workers`
for worker processes that die with their parent.
"""
