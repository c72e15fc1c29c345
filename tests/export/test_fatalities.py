"""Deaths a report states become the fatalities column; what is feared or vague does not."""

from __future__ import annotations

import pytest

from threadline.export.fatalities import fatalities
from threadline.vocabulary import bundled

READER = bundled().casualties


@pytest.mark.parametrize(
    ("quote", "count"),
    [
        ("Four fighters were killed in clashes near the border.", 4),
        ("At least 12 people died when the building collapsed after the blast.", 12),
        ("Gunmen stormed the village, killing seven civilians.", 7),
        ("The strike left 5 dead and dozens wounded.", 5),
        ("The death toll rose to 14 on Tuesday, officials said.", 14),
        ("Three soldiers killed in an ambush, the army says.", 3),
        ("No one was killed in the attack, police said.", 0),
        ("Since 2014 more than 300 people have been killed in the province.", 300),
    ],
)
def test_a_stated_count_is_read(quote: str, count: int) -> None:
    assert READER.count(quote) == count


@pytest.mark.parametrize(
    "quote",
    [
        "The group threatened to kill 20 hostages if its demands were not met.",
        "Officials feared the fire could have killed dozens.",
        "Dozens were killed, residents said.",
        "The convoy was attacked near the bridge; seven vehicles were damaged.",
        "Two people were wounded by shrapnel.",
        "A bomb that size could have killed 30 people, the police chief said.",
    ],
)
def test_no_count_is_read_where_none_is_stated(quote: str) -> None:
    assert READER.count(quote) is None


def test_of_several_reports_the_smallest_count_is_given() -> None:
    quotes = ["Nine people were killed, a hospital source said.", "Six people were killed, police said."]
    assert fatalities(READER, quotes) == 6
    assert fatalities(READER, ["Residents fled the town."]) is None
