"""A generated news corpus for the crash and concurrency harnesses.

Short reports about fictional armed groups in real towns, written from templates
made for these tests: each story names people, groups and places, states relations
(leader of, member of) and events (attacks, arrests, meetings, protests), and every
tenth story is a republished copy, so every derived step (duplicates, resolution,
places, event merging) has work. Most stories are .txt files; a tenth go into one
JSONL feed. The same seed always writes the same bytes.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

GROUPS = (
    "Liwa Nasr al-Jabal",
    "Saraya Ahl al-Wadi",
    "Harakat Dir al-Sahil",
    "Kataib Nur al-Buhayra",
    "Jabhat Tahrir al-Qura",
    "Asaib Rijal al-Hudud",
    "Firqat Sayf al-Shamal",
    "Tajammu Ahrar al-Nakhil",
)
PEOPLE = (
    "Karim Sabah al-Obeidi",
    "Yunus Hadi al-Rawi",
    "Salim Mahdi al-Jaburi",
    "Adnan Fadel al-Zubaidi",
    "Hamid Qasim al-Saadi",
    "Nabil Jasim al-Karbouli",
    "Ziad Hatem al-Mashhadani",
    "Raad Kamil al-Hamdani",
)
TOWNS = (
    "Ramadi",
    "Fallujah",
    "Mosul",
    "Kirkuk",
    "Tikrit",
    "Samarra",
    "Baquba",
    "Hilla",
    "Karbala",
    "Najaf",
    "Nasiriyah",
    "Amarah",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June")
OUTLETS = ("Tigris Wire", "Euphrates Daily", "Northern Monitor")


def _attack(r: random.Random, leader: str, group: str, town: str, day: str) -> tuple[str, str]:
    dead = r.choice(("two", "three", "four"))
    return (
        f"Gunmen attack checkpoint near {town}",
        f"Gunmen from {group} attacked a police checkpoint near {town} on {day}, killing {dead} "
        f"officers, security sources said. {leader}, the commander of {group}, said in a statement "
        "that the attack answered the arrest of its fighters.",
    )


def _arrest(r: random.Random, leader: str, group: str, town: str, day: str) -> tuple[str, str]:
    return (
        f"Senior militant arrested in {town}",
        f"Security forces arrested {leader}, a senior member of {group}, at his home in {town} on "
        f"{day}, the interior ministry said. He was taken to Baghdad for questioning.",
    )


def _meeting(r: random.Random, leader: str, group: str, town: str, day: str) -> tuple[str, str]:
    other = r.choice([p for p in PEOPLE if p != leader])
    return (
        f"Faction leaders meet in {town}",
        f"{leader}, the leader of {group}, met {other} in {town} on {day} to discuss a truce with "
        "the government, two people who attended said. No agreement was announced.",
    )


def _protest(r: random.Random, leader: str, group: str, town: str, day: str) -> tuple[str, str]:
    crowd = r.choice(("Hundreds of", "Dozens of", "Several thousand"))
    return (
        f"Protest over power cuts in {town}",
        f"{crowd} people protested outside the provincial council in {town} on {day} over power "
        f"cuts. Supporters of {group} joined the crowd, witnesses said.",
    )


def _strike(r: random.Random, leader: str, group: str, town: str, day: str) -> tuple[str, str]:
    return (
        f"Drone strike near {town}",
        f"A drone strike hit a car carrying members of {group} near {town} on {day}, killing two "
        f"of them, local officials said. The group, led by {leader}, blamed foreign forces.",
    )


TEMPLATES = (_attack, _arrest, _meeting, _protest, _strike)
CLOSINGS = (
    "The group did not respond to a request for comment.",
    "Officials said an investigation had been opened.",
    "Residents said the roads were closed for several hours.",
    "It was the third such incident in the province this month.",
)


def story(r: random.Random, number: int) -> dict[str, str]:
    """One report: title, date, outlet and two paragraphs."""
    template = r.choice(TEMPLATES)
    group, leader, town, day = r.choice(GROUPS), r.choice(PEOPLE), r.choice(TOWNS), r.choice(DAYS)
    title, lead = template(r, leader, group, town, day)
    month, date = r.randrange(len(MONTHS)), r.randint(1, 28)
    return {
        "id": f"report-{number:04d}",
        "title": title,
        "published": f"2025-{month + 1:02d}-{date:02d}",
        "dated": f"{date} {MONTHS[month]} 2025",
        "outlet": r.choice(OUTLETS),
        "text": f"{lead}\n\n{r.choice(CLOSINGS)} {r.choice(CLOSINGS)}",
    }


def write_corpus(folder: Path, stories: int = 300, seed: int = 9) -> list[Path]:
    """Write `stories` reports under `folder`; returns the inputs to give `ingest`."""
    r = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    reports: list[dict[str, str]] = []
    for number in range(stories):
        if number % 10 == 9:  # a copy of an earlier report, republished with a footer
            copy = dict(r.choice(reports))
            copy["id"] = f"report-{number:04d}"
            copy["text"] += "\n\nSubscribe to our newsletter for daily updates."
            reports.append(copy)
        else:
            reports.append(story(r, number))
    feed = [report for n, report in enumerate(reports) if n % 10 == 4]
    for n, report in enumerate(reports):
        if n % 10 != 4:
            body = f"{report['title']}\n\nPublished: {report['dated']}\n\n{report['text']}\n"
            (folder / f"{report['id']}.txt").write_text(body, encoding="utf-8")
    if feed:
        lines = (json.dumps({k: v for k, v in report.items() if k != "dated"}) for report in feed)
        (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [folder]
