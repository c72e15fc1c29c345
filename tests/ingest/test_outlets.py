from threadline.ingest.outlets import infer_outlet, infer_outlets
from threadline.records import Story
from threadline.vocab import KnownEntity

OUTLETS = (
    KnownEntity(
        id="daily-lantern",
        name="The Daily Lantern",
        type="organization",
        kind="outlet",
        aliases=("Lantern News",),
    ),
    KnownEntity(id="river-wire", name="River Wire", type="organization", kind="outlet"),
    KnownEntity(id="some-militia", name="Saraya al-Nour", type="organization", kind="armed_group"),
)


def story(text: str, removed: tuple[str, ...] = (), outlet: str | None = None, index: int = 0) -> Story:
    return Story(
        document_id="d", source="p.txt", index=index, text=text, blocks=(), removed=removed, outlet=outlet
    )


def test_promo_line_names_the_publisher():
    s = story("Officials met on Monday.", removed=("Subscribe to Lantern News for daily alerts",))
    assert infer_outlet(s, OUTLETS).outlet == "The Daily Lantern"


def test_photo_credit_is_not_the_publisher():
    s = story("Officials met on Monday.", removed=("Delegates arrive at the talks. (River Wire)",))
    assert infer_outlet(s, OUTLETS).outlet is None


def test_sources_told_a_known_outlet():
    s = story("Two officials told “River Wire” that the talks had stalled.")
    assert infer_outlet(s, OUTLETS).outlet == "River Wire"


def test_a_group_that_is_no_outlet_is_ignored_and_stated_outlets_stay():
    assert infer_outlet(story("A commander told Saraya al-Nour fighters to leave."), OUTLETS).outlet is None
    assert infer_outlet(story("x told River Wire y", outlet="Stated Post"), OUTLETS).outlet == "Stated Post"


def test_stories_of_one_page_share_the_publisher():
    first = story("A source told The Daily Lantern the convoy left.")
    second = story("Farmers protested over water cuts.", index=1)
    assert [s.outlet for s in infer_outlets([first, second], OUTLETS)] == ["The Daily Lantern"] * 2
