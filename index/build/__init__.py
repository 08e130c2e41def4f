"""Building: running the pipeline over the corpus into a new generation, then switching to it.

Owns the build itself (`build`: what changed, processing each article with `artifacts`,
merging, handing the results to the engine's writer, the atomic switch), the build state of
the served generation (`state`), the cross-process build lock, progress and the summary of
what a build did, worker processes that never outlive their build (`workers`), and
`check`, the same loading and cutting without a build, for `tumen check`.
"""
