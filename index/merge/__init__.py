"""Merging events: one event from the accounts of many articles.

Owns matching accounts (the same action, compatible dates, the same people) and keying them
into blocks (`merge`), what a merged event says and where its accounts disagree (`combine`),
merging in worker processes a group of actions each (`parallel`), and the incremental repair
of the stored merged events when articles change (`incremental`), over a `ClusterStore`
(`stored`: the rows it keeps between builds) that the build passes in. `parallel` uses
`index.build.workers` for worker processes that die with their parent.
"""
