"""A generated news corpus for the benchmarks: any number of stories, reproducible.

    python bench/corpus.py --stories 1000 [--seed 7] -o corpus.jsonl

Stories are composed from the templates and name lists below (all written here; the
groups and people are fictional, the places real). They are meant to cost what real
wire copy costs: entities recur across stories with a long tail (a few groups in
every other story, most in a handful), under spelling variants ("al-Rawi", "Al Rawi",
"el-Rawi") and kunyas ("Abu Tariq"); each story carries relations, an event with a
relative date, attribution and hedging; some stories are re-published word for word by
another outlet, others lightly edited, so the duplicate step has work to do.

Each line is a JSONL article record (id, title, published, outlet, url, text), the
format `threadline ingest` reads.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

GROUP_STEMS = (
    "Northern Valley",
    "Eastern Desert",
    "Two Rivers",
    "Green Crescent",
    "Southern Hills",
    "River Shield",
    "Free Plains",
    "Mountain Lions",
    "Dawn",
    "Sunrise",
    "Black Banner",
    "Steadfast",
    "Victory",
    "Western Gate",
    "Salt Marsh",
    "Iron Bridge",
    "Cedar",
    "Oasis",
    "High Plateau",
    "Coastal",
    "Palm Grove",
    "Border",
    "Old City",
    "Stone Ridge",
)
GROUP_KINDS = ("Front", "Brigades", "Movement", "Battalion", "Alliance", "Council", "Forces", "Army")
GIVEN = (
    "Karim",
    "Tariq",
    "Samir",
    "Haidar",
    "Yusuf",
    "Omar",
    "Faris",
    "Nabil",
    "Ziad",
    "Hassan",
    "Walid",
    "Adel",
    "Jamal",
    "Rami",
    "Bilal",
    "Mahmoud",
    "Salim",
    "Khalil",
    "Idris",
    "Anwar",
)
FAMILY = (
    "Rawi",
    "Saadi",
    "Jaburi",
    "Obeidi",
    "Dulaimi",
    "Tamimi",
    "Hakim",
    "Zubaidi",
    "Kubaisi",
    "Shammari",
    "Hashimi",
    "Mashhadani",
    "Janabi",
    "Azzawi",
    "Qaisi",
    "Bayati",
    "Karbouli",
)
PLACES = {
    "Iraq": ("Mosul", "Kirkuk", "Tikrit", "Ramadi", "Fallujah", "Basra", "Erbil", "Samarra"),
    "Syria": ("Deir ez-Zor", "Raqqa", "Aleppo", "Homs", "Palmyra", "Hasakah"),
    "Mali": ("Gao", "Timbuktu", "Mopti"),
    "Niger": ("Niamey", "Agadez"),
    "Nigeria": ("Maiduguri",),
    "Libya": ("Tripoli", "Sabha", "Benghazi", "Sirte"),
}
COUNTRIES = tuple(PLACES)
OUTLETS = (
    "Levant Wire",
    "Desert Dispatch",
    "Two Rivers Post",
    "Sahel Monitor",
    "Gulf Ledger",
    "Frontline Daily",
    "Crescent Review",
    "Plains Herald",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ROLES = ("leader", "commander", "spokesman", "deputy leader", "military chief")
OFFICIALS = ("the interior ministry", "a provincial official", "two security sources", "the army")


@dataclass(frozen=True)
class Person:
    given: str
    family: str
    son: str  # the kunya: "Abu <son>"

    def spelling(self, rng: random.Random, first: bool) -> str:
        """The full name on first mention, then a surname or kunya, in one of the
        spellings outlets use."""
        article = rng.choice(("al-", "al-", "Al ", "el-"))
        if first:
            return f"{self.given} {article}{self.family}"
        surname = f"{article}{self.family}"
        return rng.choice((surname[0].upper() + surname[1:], f"Abu {self.son}"))


@dataclass(frozen=True)
class Group:
    name: str
    acronym: str


@dataclass(frozen=True)
class Cast:
    """The recurring names of one corpus."""

    groups: tuple[Group, ...]
    people: tuple[Person, ...]
    leaders: dict[Person, Group]


def make_cast(rng: random.Random, size: int) -> Cast:
    """`size` groups and three times as many people, each person in one group."""
    groups = []
    for i in range(size):
        stem = GROUP_STEMS[i % len(GROUP_STEMS)]
        kind = GROUP_KINDS[(i // len(GROUP_STEMS) + i) % len(GROUP_KINDS)]
        name = f"{stem} {kind}" if i < len(GROUP_STEMS) * 2 else f"{stem} {kind} {i}"
        acronym = "".join(w[0] for w in name.split() if w[0].isupper())
        groups.append(Group(name, acronym))
    people = tuple(Person(rng.choice(GIVEN), rng.choice(FAMILY), rng.choice(GIVEN)) for _ in range(size * 3))
    leaders = {p: groups[i % size] for i, p in enumerate(people)}
    return Cast(tuple(groups), people, leaders)


def pick(rng: random.Random, items: tuple, skew: float = 1.1):  # type: ignore[no-untyped-def]
    """A long-tailed choice: the first items recur in many stories, the last in few."""
    index = min(int(rng.paretovariate(skew)) - 1, len(items) - 1)
    return items[index if rng.random() < 0.7 else rng.randrange(len(items))]


def story_paragraphs(rng: random.Random, cast: Cast, published: date) -> tuple[str, list[str]]:
    """A headline and the paragraphs of one story about an event."""
    person = pick(rng, cast.people)
    group = cast.leaders[person]
    rival = pick(rng, cast.groups)
    country = pick(rng, COUNTRIES)
    place = rng.choice(PLACES[country])
    day = WEEKDAYS[(published - timedelta(days=rng.randint(1, 6))).weekday()]
    role = rng.choice(ROLES)
    who_said = rng.choice(OFFICIALS)
    full, short = person.spelling(rng, True), person.spelling(rng, False)
    kind = rng.randrange(4)
    if kind == 0:
        headline = f"{group.name} fighters attack checkpoint near {place}"
        lead = (
            f"Fighters of the {group.name} attacked an army checkpoint near {place} on {day}, "
            f"killing {rng.randint(2, 14)} soldiers, {who_said} said."
        )
    elif kind == 1:
        headline = f"Security forces arrest {group.acronym} {role} in {place}"
        lead = (
            f"Security forces arrested {full}, a {role} of the {group.name}, in a raid in {place} "
            f"on {day}, according to {who_said}."
        )
    elif kind == 2:
        headline = f"{group.name} and {rival.name} leaders meet in {place}"
        lead = (
            f"{full}, the {role} of the {group.name}, met commanders of the {rival.name} in {place} "
            f"on {day} to discuss a truce, {who_said} said."
        )
    else:
        headline = f"Treasury sanctions {group.name} financiers"
        lead = (
            f"The Treasury on {day} imposed sanctions on {full}, whom it described as the {role} "
            f"of the {group.name}, and on two businesses in {place}."
        )
    body = [
        lead,
        f"The {group.name} ({group.acronym}) has been active around {place} and other towns of "
        f"{country} for several years. Its {role}, {full}, is believed to direct its operations there.",
        *rng.sample(background(rng, group, rival, place, country), 3),
        rng.choice(
            (
                f"Some analysts say the group may be backed by the {rival.name}, a claim its leaders deny.",
                f"The {rival.name} did not comment. A spokesman for the {group.acronym} said the group "
                "had nothing to do with the violence.",
                f"Residents of {place} said the roads into the town were closed for most of the day.",
            )
        ),
        f'"We will not leave {place}," {short} said in an audio message posted online, according '
        "to a transcript seen by reporters.",
        rng.choice(
            (
                f"It was not possible to verify the claims independently. Officials in {country} have "
                f"not said whether {full.split()[0]} was among those detained in earlier raids.",
                f"The {group.name} was formed after a split in the {rival.name}, which it accuses of "
                "working with foreign intelligence services.",
                f"Local media reported that {rng.randint(3, 40)} families had fled villages south of "
                f"{place} since the start of the month.",
            )
        ),
    ]
    return headline, body


def background(rng: random.Random, group: Group, rival: Group, place: str, country: str) -> list[str]:
    """Paragraphs of context, a few of which go into each story."""
    return [
        f"The {group.acronym} emerged in {rng.randint(2011, 2021)} from local self-defence committees "
        f"and has since fought both the government of {country} and rival factions, including the "
        f"{rival.name}. Its strength is unknown; estimates quoted by officials range from a few hundred "
        "to several thousand fighters.",
        f"Violence in the province around {place} has risen since the spring, with roadside bombs, "
        "kidnappings of traders and attacks on water stations reported almost every week by residents "
        "and aid workers, who asked not to be named for their safety.",
        f"A United Nations report published last year said armed groups in {country} were financing "
        "themselves through smuggling, checkpoints on trade routes and ransoms, and warned that "
        "humanitarian access to several districts had been cut.",
        f"Government forces backed by allied militias launched an offensive against the {group.name} "
        f"in the countryside west of {place} two years ago, but the group has since returned to several "
        "villages it had abandoned.",
        f"Relations between the {group.name} and the {rival.name} have swung between cooperation and "
        "open fighting. The two groups signed a local agreement on prisoner exchanges last winter, "
        "according to mediators, but it collapsed within weeks.",
        "Journalists have limited access to the area, and accounts of the fighting given by the armed "
        "groups, the authorities and residents often differ on the number of casualties.",
    ]


def stories(count: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """`count` article records, copies included (about one in twelve is a word-for-word
    re-publication by another outlet, one in twenty a light edit)."""
    rng = random.Random(seed)
    cast = make_cast(rng, max(8, count // 40))
    start = date(2024, 1, 1)
    made: list[dict[str, str]] = []
    for n in range(count):
        copy = made and rng.random() < 0.13
        if copy:
            record = dict(rng.choice(made[-200:]))
            if rng.random() < 0.4:
                record["text"] = record["text"].replace(" said ", " told reporters ", 1)
        else:
            published = start + timedelta(days=rng.randrange(900))
            headline, body = story_paragraphs(rng, cast, published)
            record = {"title": headline, "published": published.isoformat(), "text": "\n\n".join(body)}
        outlet = rng.choice(OUTLETS)
        record.update(
            id=f"bench-{n:07d}",
            outlet=outlet,
            url=f"https://{outlet.lower().replace(' ', '')}.example/{n}",
        )
        made.append(record)
        yield record


def write_corpus(count: int, seed: int, stream: TextIO) -> int:
    """Write the corpus as JSON lines; the number of words written."""
    words = 0
    for record in stories(count, seed):
        words += len(record["text"].split())
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, help="JSONL file (default: stdout)")
    args = parser.parse_args()
    if args.output:
        with args.output.open("w", encoding="utf-8") as stream:
            words = write_corpus(args.stories, args.seed, stream)
    else:
        words = write_corpus(args.stories, args.seed, sys.stdout)
    print(f"corpus_stories = {args.stories}\ncorpus_words = {words}", file=sys.stderr)


if __name__ == "__main__":
    main()
