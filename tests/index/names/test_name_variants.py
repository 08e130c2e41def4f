"""Names as articles spell them: romanization variants and middle initials."""

from __future__ import annotations

from index.names.actors import find_mentions


def test_romanized_spellings_and_middle_initials_find_the_known_person() -> None:
    names = [m.name for m in find_mentions("Sergey K. Shoygu met Choi Son Hui.")]
    assert names == ["Sergei Shoigu", "Choe Son-hui"]
    # Short words keep their letters: World War II is not World War I.
    assert [m.text for m in find_mentions("U.S. Secretary of State John Doe said so.")] == \
        ["U.S. Secretary of State John Doe"]
