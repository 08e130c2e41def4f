"""Mentions of actors and places: gazetteer names, title patterns, appositions, article context.

Pattern tests use invented names (Ivan Zubov, Pak Chol-su ...) so they pass only if the pattern,
not the gazetteer, finds them.
"""

from __future__ import annotations

import itertools

import pytest

from index.names.actors import ActorContext, Mention, candidates, find_mentions, lookup


def by_text(sentence: str) -> dict[str, Mention]:
    return {m.text: m for m in find_mentions(sentence)}


def one(sentence: str, text: str) -> Mention:
    found = by_text(sentence)
    assert text in found, f"{text!r} not in {list(found)}"
    return found[text]


# --- gazetteer names and variants ---------------------------------------------------------------


@pytest.mark.parametrize(
    "variant", ["Kim Jong-un", "Kim Jong Un", "Kim Jong-Un", "Kim Jong un", "Kim Jongun"]
)
def test_spelling_variants_of_one_person(variant: str) -> None:
    m = one(f"Later {variant} arrived.", variant)
    assert (m.name, m.kind, m.country, m.known) == ("Kim Jong-un", "person", "PRK", True)


def test_kim_jong_il_is_a_different_person() -> None:
    assert one("Kim Jong-Il died in 2011.", "Kim Jong-Il").name == "Kim Jong-il"


@pytest.mark.parametrize(
    ("sentence", "text", "name"),
    [
        ("He came with Rustam Minnihanov.", "Rustam Minnihanov", "Rustam Minnikhanov"),
        ("He met Dmitri S. Peskov.", "Dmitri S. Peskov", "Dmitry Peskov"),
        ("Kim Yong Nam flew home.", "Kim Yong Nam", "Kim Yong-nam"),
        ("Choe Son Hui went to Moscow.", "Choe Son Hui", "Choe Son-hui"),
        ("Ri Su Yong spoke.", "Ri Su Yong", "Ri Su-yong"),
        ("The talks, said Lavrov, went well.", "Lavrov", "Sergei Lavrov"),
    ],
)
def test_people_variants_and_unambiguous_surnames(sentence: str, text: str, name: str) -> None:
    assert one(sentence, text).name == name


@pytest.mark.parametrize(
    ("sentence", "text", "name", "kind", "country", "form"),
    [
        ("Moscow and Pyongyang agreed.", "Moscow", "Moscow", "place", "RUS", "capital"),
        ("Moscow moved towards Pyonyang.", "Pyonyang", "Pyongyang", "place", "PRK", "capital"),
        ("It irritated the Kremlin.", "Kremlin", "Kremlin", "org", "RUS", "metonym"),
        ("The DPRK said no.", "DPRK", "North Korea", "country", "PRK", "name"),
        ("Russian policy changed.", "Russian", "Russia", "country", "RUS", "adjective"),
        ("US sanctions bite.", "US", "United States", "country", "USA", "name"),
        ("Soviet-era debt was cut.", "Soviet", "Soviet Union", "country", "SUN", "adjective"),
        ("It went to the UN.", "UN", "United Nations", "org", "IGO", "alias"),
        ("Talks were held in Sochi.", "Sochi", "Sochi", "place", "RUS", "name"),
        ("Interfax reported it.", "Interfax", "Interfax", "org", "RUS", "name"),
        ("A joint Sino-Russian proposal.", "Sino", "China", "country", "CHN", "adjective"),
    ],
)
def test_countries_metonyms_places_orgs(
    sentence: str, text: str, name: str, kind: str, country: str, form: str
) -> None:
    m = one(sentence, text)
    assert (m.name, m.kind, m.country, m.form) == (name, kind, country, form)


def test_longest_name_wins_over_its_parts() -> None:
    found = by_text("Aid went to the Russian Far East and Russia’s Far East.")
    assert found["Russian Far East"].kind == "place"
    assert found["Russia’s Far East"].name == "Russian Far East"
    assert "Russian" not in found and "Russia" not in found


def test_acronyms_need_their_capitals() -> None:
    assert find_mentions("Let us talk about un-related things.") == []


def test_the_north_only_in_korean_context() -> None:
    assert one("Seoul fears the North in 2020.", "the North").country == "PRK"
    assert find_mentions("Kits went to the North.") == []
    ctx = ActorContext()
    ctx.find_mentions("Pyongyang was pleased.")
    assert [m.country for m in ctx.find_mentions("Kits went to the North.")] == ["PRK"]
    assert "the North" not in by_text("Ships crossed the North Atlantic near Russia.")


def test_generic_bodies_take_their_country_from_the_text() -> None:
    m = one("Later the Russian Foreign Ministry spoke.", "the Russian Foreign Ministry")
    assert (m.kind, m.country) == ("org", "RUS")
    s = "The Foreign Ministry of the Democratic People’s Republic of Korea (DPRK) said so."
    m = one(s, "Foreign Ministry of the Democratic People’s Republic of Korea")
    assert m.country == "PRK"
    m = one("The North Korean state media said.", "The North Korean state media")
    assert m.country == "PRK"


# --- titles -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "name", "country", "role"),
    [
        (
            "Yesterday Russia’s Deputy Energy Minister Ivan Zubov said so.",
            "Russia’s Deputy Energy Minister Ivan Zubov",
            "Ivan Zubov", "RUS", "Deputy Energy Minister",
        ),
        (
            "It was said by Belarusian Commerce and Industry Chamber Vice President Oleg Mirov.",
            "Belarusian Commerce and Industry Chamber Vice President Oleg Mirov",
            "Oleg Mirov", "BLR", "Commerce and Industry Chamber Vice President",
        ),
        (
            "Last week Kremlin spokesperson, Anna T. Volkova, confirmed it.",
            "Kremlin spokesperson, Anna T. Volkova",
            "Anna T. Volkova", "RUS", "Kremlin spokesperson",
        ),
        (
            "Putin hosted high-ranking North Korean official Pak Chol-su in Sochi.",
            "high-ranking North Korean official Pak Chol-su",
            "Pak Chol-su", "PRK", "high-ranking official",
        ),
        (
            "Japanese Ambassador Taro Suzuki met him.",
            "Japanese Ambassador Taro Suzuki",
            "Taro Suzuki", "JPN", "Ambassador",
        ),
    ],
)
def test_title_then_unknown_name(
    sentence: str, text: str, name: str, country: str, role: str
) -> None:
    m = one(sentence, text)
    assert (m.name, m.kind, m.country, m.role, m.known) == (name, "person", country, role, False)
    assert sentence[m.head[0] : m.head[1]] == name


def test_a_country_name_before_a_title_is_a_topic_not_a_nationality() -> None:
    m = one("said North Korea expert Ivan Zubov in June.", "North Korea expert Ivan Zubov")
    assert (m.name, m.country, m.role) == ("Ivan Zubov", None, "North Korea expert")


def test_title_before_a_known_person_keeps_the_gazetteer_identity() -> None:
    m = one("Russian President Vladimir Putin invited him.", "Russian President Vladimir Putin")
    assert (m.name, m.country, m.role, m.known) == ("Vladimir Putin", "RUS", "President", True)


@pytest.mark.parametrize(
    ("sentence", "text", "name", "kind", "country"),
    [
        (
            "The agreement came during a visit by a North Korean economic delegation to Moscow.",
            "a North Korean economic delegation",
            "North Korean economic delegation", "group", "PRK",
        ),
        ("Russian officials have indicated it.", "Russian officials", "Russian officials",
         "group", "RUS"),
        (
            "Putin then sent the Russian minister of Far East development to North Korea.",
            "the Russian minister of Far East development",
            "Russian minister of Far East development", "person", "RUS",
        ),
    ],
)
def test_nameless_titles_with_a_nationality(
    sentence: str, text: str, name: str, kind: str, country: str
) -> None:
    m = one(sentence, text)
    assert (m.name, m.kind, m.country, m.known) == (name, kind, country, False)


def test_titles_used_as_adjectives_or_without_nationality_are_not_actors() -> None:
    assert [m.text for m in find_mentions("Russia’s official exports rose.")] == ["Russia"]
    assert find_mentions("He was the first foreign leader to meet him.") == []


# --- appositions and companions -----------------------------------------------------------------


def test_name_then_role_in_apposition() -> None:
    s = (
        "In 2014, Pak Chol-su, chairman of the Presidium of the DPRK’s Supreme People’s Assembly,"
        " came."
    )
    m = one(s, "Pak Chol-su, chairman of the Presidium of the DPRK’s Supreme People’s Assembly")
    assert (m.name, m.country, m.known) == ("Pak Chol-su", "PRK", False)
    assert m.role == "chairman of the Presidium of the DPRK’s Supreme People’s Assembly"
    assert s[m.head[0] : m.head[1]] == "Pak Chol-su"


def test_role_then_name_in_apposition() -> None:
    s = "Then the Russian minister of Development for the Far East, Ivan Zubov, visited Pyongyang."
    m = one(s, "Russian minister of Development for the Far East, Ivan Zubov")
    assert (m.name, m.country) == ("Ivan Zubov", "RUS")
    assert m.role == "minister of Development for the Far East"


def test_companion_with_role_after_the_name() -> None:
    s = "He went there with Oleg Mirov, the president of the Russian Republic of Tatarstan."
    m = one(s, "Oleg Mirov, the president of the Russian Republic of Tatarstan")
    assert (m.name, m.country, m.role) == (
        "Oleg Mirov", "RUS", "president of the Russian Republic of Tatarstan"
    )


def test_two_roles_of_one_person_are_joined() -> None:
    s = "Deputy Prime Minister Ivan Zubov, also the presidential envoy for the Far East, came."
    m = one(s, "Deputy Prime Minister Ivan Zubov, also the presidential envoy for the Far East")
    assert m.role == "Deputy Prime Minister; presidential envoy for the Far East"


def test_known_people_found_by_first_name_and_korean_shape() -> None:
    assert one("Later Vladimir Kuzmin spoke.", "Vladimir Kuzmin").kind == "person"
    assert one("His uncle, Jang Sung-chol, was executed.", "Jang Sung-chol").known is False


# --- article context ----------------------------------------------------------------------------


def test_a_surname_resolves_to_the_person_seen_earlier_with_role() -> None:
    ctx = ActorContext()
    ctx.find_mentions("Russia’s Deputy Energy Minister Ivan Zubov arrived.")
    later = ctx.find_mentions("“We are ready,” added Zubov.")
    assert [(m.text, m.name, m.country, m.role, m.form) for m in later] == [
        ("Zubov", "Ivan Zubov", "RUS", "Deputy Energy Minister", "surname")
    ]
    assert find_mentions("“We are ready,” added Zubov.") == []  # no context, no guess


def test_kim_is_the_most_recently_mentioned_kim() -> None:
    assert [(m.name, m.form) for m in find_mentions("If Kim does come.")] == [("Kim", "unresolved")]
    ctx = ActorContext()
    ctx.find_mentions("Kim Jong-un met Putin.")
    assert ctx.find_mentions("If Kim does come.")[0].name == "Kim Jong-un"
    ctx.find_mentions("Kim Yong-nam, chairman of the Presidium, attended.")
    assert ctx.find_mentions("Kim left.")[0].name == "Kim Yong-nam"
    assert ctx.resolve("kim").name == "Kim Yong-nam"
    assert ctx.resolve("Nobody") is None


def test_the_role_said_in_the_article_beats_the_gazetteer_role() -> None:
    ctx = ActorContext()
    ctx.find_mentions("Kim Jong Un arrived.")
    ctx.find_mentions("Putin met the Chairman of the DPRK State Affairs Commission, Kim Jong Un.")
    role = ctx.find_mentions("Kim smiled.")[0].role
    assert role == "Chairman of the DPRK State Affairs Commission"


# --- false positives ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Still, reports indicate growth.",
        "Both countries have stated goals.",
        "In February and March, nothing happened.",
        "Diplomacy, as a result, will remain key.",
        "Please let us know.",
        "The diplomat said nothing.",
        "No agreement was reached.",
        "Moon landing anniversary.",
    ],
)
def test_capitalised_words_are_not_actors(sentence: str) -> None:
    assert find_mentions(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "text", "kind"),
    [
        ("He came for Victory Day.", "Victory Day", "event"),
        ("It ended World War II in Europe.", "World War II", "event"),
        ("He opened the Olympic Games.", "Olympic Games", "event"),
        ("They were Cold War allies.", "Cold War", "event"),
        ("Read the op-ed at The Diplomat.", "The Diplomat", "org"),
    ],
)
def test_named_events_and_publications(sentence: str, text: str, kind: str) -> None:
    m = one(sentence, text)
    assert m.kind == kind
    assert all(x.kind != "person" for x in find_mentions(sentence))


# --- invariants and API -------------------------------------------------------------------------

SAMPLES = [
    "In the coming months, Russian President Vladimir Putin could become the first foreign leader "
    "to meet with Kim Jong-un, the reclusive leader of the DPRK, who Russia says has accepted "
    "Putin’s invitation to visit Moscow in May.",
    "The following month, the Russian minister of Development for the Far East, Alexander "
    "Galushka, visited North Korea with Rustam Minnihanov, the president of the Russian Republic "
    "of Tatarstan.",
    "A visit by the North’s Vice Foreign Minister Choe Son Hui to Moscow in November also embodied "
    "desires to maintain a line of communication.",
    "“This is undoubtedly a new stage,” Russian Commerce and Industry Chamber Vice President "
    "Vladimir Strashko said, according to reporting by TASS.",
]


@pytest.mark.parametrize("sentence", SAMPLES)
def test_offsets_are_slices_sorted_and_disjoint(sentence: str) -> None:
    found = find_mentions(sentence)
    assert found
    for m in found:
        assert sentence[m.start : m.end] == m.text
        assert m.start <= m.head[0] < m.head[1] <= m.end
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_sample_sentence_reads_as_expected() -> None:
    names = [(m.name, m.country) for m in find_mentions(SAMPLES[1])]
    assert names == [("Alexander Galushka", "RUS"), ("North Korea", "PRK"),
                     ("Rustam Minnikhanov", "RUS")]


def test_lookup_and_candidates_for_queries() -> None:
    assert lookup("trutnev").name == "Yuri Trutnev"
    assert lookup("kim jong un").country == "PRK"
    assert lookup("zzz") is None
    assert [e.name for e in candidates("galush")] == ["Alexander Galushka"]


# --- finer points of titles ---------------------------------------------------------------------


def test_abbreviated_country_and_igo_before_a_title_are_nationalities() -> None:
    m = one("U.S. Secretary of State John Doe said so.", "U.S. Secretary of State John Doe")
    assert (m.name, m.country) == ("John Doe", "USA")
    m = one("NATO Secretary General Jens Berg objected.", "NATO Secretary General Jens Berg")
    assert (m.name, m.country) == ("Jens Berg", "IGO")


def test_envoy_to_a_country_is_not_from_it() -> None:
    s = "Pyongyang's envoy to Moscow, Sin Hong Chol, said ties grew."
    m = one(s, "Pyongyang's envoy to Moscow, Sin Hong Chol")
    assert (m.name, m.country, m.role) == ("Sin Hong Chol", "PRK", "envoy to Moscow")
    m = one("Ambassador to Russia Ivan Zubov spoke.", "Ambassador to Russia Ivan Zubov")
    assert m.country is None


def test_mixed_nationalities_leave_the_adjectives_as_they_are() -> None:
    found = find_mentions("Russian and North Korean officials discussed the railway.")
    assert [(m.text, m.country) for m in found] == [("Russian", "RUS"), ("North Korean", "PRK")]


def test_complement_stops_before_an_unknown_korean_name() -> None:
    s = "Minister of Foreign Affairs Pak Chol Su spoke."
    m = one(s, s[:-len(" spoke.")])
    assert (m.name, m.role) == ("Pak Chol Su", "Minister of Foreign Affairs")


@pytest.mark.parametrize(
    "sentence",
    ["An Open Letter was sent.", "Han River Bridge opened.", "Roman Catholic bishops came."],
)
def test_capitalised_phrases_shaped_like_names_are_not_people(sentence: str) -> None:
    assert all(m.kind != "person" for m in find_mentions(sentence))


def test_vague_lower_case_bodies_without_country_are_skipped() -> None:
    assert find_mentions("The embassy said the state media lied.") == []
    assert one("Moscow is setting up a Business Council.", "Business Council").country is None


def test_full_name_introduced_with_a_title_is_found_again_without_it() -> None:
    ctx = ActorContext()
    ctx.find_mentions("Russian expert Gleb Ivashov said so.")
    later = ctx.find_mentions("Gleb Ivashov added that trade grew.")
    assert [(m.text, m.name, m.country) for m in later] == [("Gleb Ivashov", "Gleb Ivashov", "RUS")]


def test_a_known_persons_later_mentions_carry_the_role_the_article_gave() -> None:
    ctx = ActorContext()
    assert ctx.find_mentions("Putin spoke.")[0].role == "President of Russia"  # gazetteer role
    ctx.find_mentions("Valery Gerasimov, the chief of staff of the Russian armed forces, said it.")
    assert ctx.find_mentions("added Gerasimov.")[0].role == (
        "chief of staff of the Russian armed forces"
    )


def test_two_titled_people_joined_by_and_keep_their_own_roles() -> None:
    # The second title's modifiers stop at the first person's name: "Kim Ok Chol and" is not
    # part of "Deputy Trade Minister".
    found = find_mentions(
        "The minutes were signed by Vice Minister Kim Ok Chol and Russian Deputy Trade Minister "
        "Pavel Ivanov on Monday."
    )
    people = {m.name: m.role for m in found if m.kind == "person"}
    assert people == {"Kim Ok Chol": "Vice Minister", "Pavel Ivanov": "Deputy Trade Minister"}
