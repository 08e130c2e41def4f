"""Reading the corpus: the first layer of the pipeline.

Owns loading and validating article files (front matter, datelines, size and encoding checks),
removing site boilerplate (`clean`, `clean_rules`), splitting sentences and cutting passages
with their stable ids (`ids`), cleaning and quoting back what users type (`usertext`), and
`ingest`, which fetches a page or reads an upload and turns it into an article file for
`/corpus add`. Nothing here knows names, events or the index.
"""
