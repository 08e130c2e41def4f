"""Finding names: who and where a sentence is about.

Owns the gazetteer (people with their roles, places, organisations and their spelling variants,
read from `index/data/gazetteer.yaml` by `gazetteer_file`) and actor recognition (`actors`,
with the title and unknown-name patterns of `actors_patterns`): mentions with character
offsets over one sentence, and the lookups other layers use to turn a name into an actor.
"""
