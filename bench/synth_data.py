"""Word lists and sentence patterns for the synthetic corpus (`bench.synth`).

Slots in the patterns are filled by `bench.synth`: ``{A}``/``{B}`` a titled actor, ``{C}``/``{C2}``
a country, ``{P}`` a place, ``{ORG}`` an organisation, ``{WHEN}`` a past time expression,
``{FUT}`` a future one, ``{D}`` a full date, ``{M}`` a month and year, ``{Y}`` a year,
``{RANGE}`` a date range, ``{MONEY}``/``{PCT}``/``{N}`` figures, ``{W}``/``{W2}`` lexicon words
(Zipf-distributed: a few very common, most rare).
"""

from __future__ import annotations

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# The two sides of most sentences, weighted towards the corpus topic.
COUNTRIES = ["Russia", "North Korea", "Russia", "North Korea", "Moscow", "Pyongyang", "China",
             "South Korea", "the DPRK", "Japan", "the United States"]
ADJECTIVES = {"RUS": "Russian", "PRK": "North Korean", "KOR": "South Korean", "CHN": "Chinese",
              "USA": "American", "JPN": "Japanese"}

# Titles put before a person's name; the gazetteer's own title heads ("Minister", "Ambassador").
PERSON_TITLES = ["Deputy Prime Minister", "Foreign Minister", "Deputy Foreign Minister",
                 "Defence Minister", "Finance Minister", "Deputy Finance Minister",
                 "Trade Minister", "President", "Premier", "Ambassador", "Governor",
                 "presidential envoy", "senior official", "spokesman", "Chairman"]
GROUP_ACTORS = ["a North Korean economic delegation", "a Russian trade delegation",
                "a delegation of Russian businessmen", "North Korean officials",
                "Russian officials", "the North Korean government", "Russian authorities",
                "a Russian parliamentary delegation", "North Korean workers",
                "Russian companies", "the Russian side", "the North Korean side"]
INVENTED_SURNAMES_RU = ["Petrov", "Volkov", "Sokolov", "Kuznetsov", "Morozov", "Lebedev",
                        "Orlov", "Zaitsev", "Pavlov", "Belov", "Grachev", "Tarasov",
                        "Kovalenko", "Yermakov", "Nikitin", "Chernov", "Gusev", "Frolov"]
INVENTED_GIVEN_KO = ["Chol-su", "Myong-il", "Song-nam", "Yong-ho", "Kwang-jin", "Hyok-chol",
                     "Un-jong", "Jin-u", "Chang-ho", "Sun-ok"]
PUBLISHERS = ["CNAS", "ValueWalk", "Vestnik Kavkaza", "The Diplomat", "NK News", "38 North",
              "Asia Times", "Korea Herald", "Moscow Times", "East Asia Forum", "Reuters",
              "The Korea Times", "Daily NK", "Russia Beyond", None]
BYLINE_NAMES = ["Anna Petrova", "James Pearson", "Jane Kobzova", "Mark Ivanov",
                "Rachel Ziemba", "Ben Hodges", "Olga Sokolova", "Kate Johnston"]
COMMODITIES = ["wheat", "coal", "oil", "fertiliser", "timber", "seafood", "flour", "diesel",
               "iron ore", "rare earths"]

# Past, planned and denied statements for every action type of index/data/actions.yaml.
EVENT_PATTERNS: dict[str, list[str]] = {
    "visit": [
        "{A} visited {P} {WHEN}.",
        "{WHEN_CAP}, {A} traveled to {P} for talks on {W} and {W2}.",
        "{A} arrived in {P} on {D} for a three-day trip.",
        "{RANGE}, {A} spent three days in {P} along with the governors of several regions.",
        "{C} hosted {A} in {P} in {M}.",
        "{A} will visit {P} {FUT}, the ministry said.",
        "{A} is expected to pay a visit to {C2} {FUT}.",
        "{ORG} denied reports that {A} had traveled to {P} {WHEN}.",
    ],
    "meeting": [
        "{A} met with {B} in {P} {WHEN}.",
        "{A} held talks with {B} on {D}, focusing on {W} projects.",
        "A summit between {A} and {B} is planned for {M}.",
        "{WHEN_CAP}, {A} and {B} held talks in {P} on {W} cooperation.",
        "{A} will meet with {B} {FUT} to discuss {W} issues.",
    ],
    "invitation": [
        "{A} invited {B} to visit {P} in {M}.",
        "{C} has accepted an invitation from {A} to attend celebrations in {P} {FUT}.",
        "{A} said {WHEN} that the invitation to {B} remained open.",
    ],
    "agreement": [
        "{A} and {B} signed an agreement on {W} cooperation {WHEN}.",
        "{WHEN_CAP}, {C} and {C2} signed a memorandum on {W} and {W2} trade.",
        "The two sides will sign a new trade agreement {FUT}, {A} said.",
        "{A} did not sign the treaty, officials in {P} said {WHEN}.",
        "Putin signed legislation in {M} that forgives {PCT} of {C2}'s Soviet-era debt.",
    ],
    "debt_relief": [
        "{C} wrote off {PCT} of {C2}'s {MONEY} debt {WHEN}.",
        "{WHEN_CAP}, {C} eliminated {PCT} of the {MONEY} debt, which dated back to the "
        "Soviet Union.",
        "{A} said {C} could use the remaining {MONEY} to fund {W} projects.",
        "Officials denied that {C} had forgiven the debt of {C2} {WHEN}.",
    ],
    "trade": [
        "Trade between {C} and {C2} reached {MONEY} in {Y}, up {PCT} from the year before.",
        "{A} said exports of {COMMODITY} to {C2} would double by {Y}.",
        "{C} is setting up a Business Council for cooperation with {C2}, {A} said {WHEN}.",
        "{A} announced new investment in the {W} sector of {P} {WHEN}.",
    ],
    "military": [
        "{C} and {C2} will hold joint naval exercises near {P} {FUT}.",
        "{A} said troops from both countries held drills near {P} {WHEN}.",
        "{WHEN_CAP}, {A} discussed military cooperation with {B} in {P}.",
        "{A} denied that {C} had supplied weapons to {C2}.",
    ],
    "aid": [
        "{C} delivered shipments of {COMMODITY} to {C2} {WHEN}.",
        "{ORG} donated {N} tonnes of food aid to {C2} in {M}.",
        "{A} said humanitarian aid worth {MONEY} would reach {P} {FUT}.",
    ],
    "sanctions": [
        "{A} called for sanctions relief for {C2} {WHEN}.",
        "{WHEN_CAP}, the {ORG} imposed new sanctions on {C2} over its {W} programme.",
        "{A} proposed easing sanctions on {C2} at a meeting of the {ORG} {WHEN}.",
    ],
    "statement": [
        "{A} announced {WHEN} that {C} would expand {W} cooperation with {C2}.",
        "{ORG} confirmed that {A} would travel to {P} {FUT}.",
        "{A} stated that relations between {C} and {C2} had reached a new level.",
    ],
}

# Sentences that state no event: background, analysis, colour. They carry most lexicon words.
FILLER_PATTERNS = [
    "The {W} sector remains a concern for analysts in {P}.",
    "Observers say the {W} and {W2} issues could shape relations for years.",
    "Experts note that {W} output fell by {PCT} in {Y}.",
    "Relations between {C} and {C2} have warmed since the annexation of Crimea.",
    "The {W} question has been discussed in {P} for more than a decade.",
    "Local media described the {W} talks as constructive, though few details emerged.",
    "It is still an open question whether the {W} crisis will change the policy of {C}.",
    "Many believe this move is part of the growing isolation felt by {C} since {Y}.",
    "The region around {P} depends heavily on {W} and on cross-border {COMMODITY} trade.",
    "Some {W} specialists doubt that the {W2} plan is realistic.",
    "The railway from Khasan to Rajin carried {N} tonnes of {COMMODITY} last year.",
    "According to {ORG}, around {PCT} of the {W} projects have stalled.",
    "The two countries have also signaled their intention to settle payments in rubles.",
    "Analysts said the {W} agreement was largely symbolic.",
]
QUOTE_PATTERNS = [
    "“We are ready to expand {W} cooperation with our partners in {C2},” {A} said.",
    "“This is undoubtedly a new stage of relations between our countries,” said {A}.",
    "“The {W} issue must be resolved through dialogue,” {A} told reporters {WHEN}.",
    "“We will not accept any {W} pressure,” the statement from {ORG} said.",
]
TITLE_PATTERNS = [
    "{C} and {C2} Discuss {Wt} Cooperation",
    "{C} Strengthens Business, Military Ties With {C2}",
    "{S} to Visit {P} as Ties Deepen",
    "A Year After the Summit, Where Do {C}–{C2} Relations Stand",
    "{C} Writes Off {C2} Debt, Eyes {Wt} Projects",
    "{Wt} Talks in {P}: What Comes Next",
    "{C} and {C2} Enter a ‘Year of Friendship’",
]

# Boilerplate that index/corpus/clean_rules.py is meant to drop (one family of wording each).
INLINE_BOILERPLATE = [
    "{K} views", "Share on Facebook | Twitter | Email", "Print this article",
    "Read more: {TEASER}", "Tags: Russia, North Korea, {Wt}", "{K} comments",
]
TAIL_BOILERPLATE = [
    "Leave a Comment",
    "Please note that we are not authorised to provide any investment advice. "
    "The content on this page is for information purposes only.",
    "© {Y} {PUB}. All rights reserved.",
    "Read the full op-ed at {PUB}.",
    "Comments are closed.",
]
RELATED_HEADINGS = ["More from {PUB}", "Related Articles", "Read more", "You may also like"]
TEASER_PATTERNS = [
    "{Wt} Update with {BY}",
    "How {C} Could Exploit a Vacuum in {P}",
    "{C}'s Biggest Threats: the {W} question and what it might mean...",
    "By {BY}",
]

# Common English words queried alongside the lexicon (some are stop words on purpose).
COMMON_QUERY_WORDS = ["Russia", "North Korea", "cooperation", "the", "relations", "trade",
                      "visit", "debt", "military", "sanctions", "Moscow", "Pyongyang",
                      "economic", "agreement", "talks", "aid"]
WHO_QUERIES = ["visited 2014", "visited", "met", "signed agreement", "planned visit",
               "denied visit", "forgave debt", "held talks 2015", "invited", "sanctions 2016",
               "military exercises", "aid shipments", "announced", "trade 2013-2016",
               "visited since 2019", "met before 2016"]
