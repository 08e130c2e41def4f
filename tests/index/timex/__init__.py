"""Tests of the time-expression tagger (index.timex)."""
