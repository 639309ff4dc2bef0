"""Division names of the article's day (ingest/history.py: the GB2260 revisions)."""
import pytest

from ingest import gazetteer as gz
from ingest.extract import extract_text
from tests.ingest.record_sets import names

TEXT = "青岛市召开会议，部署即墨和城阳两地的道路建设。"


@pytest.mark.parametrize("date, expected, absent", [
    ("2011-06-01", "即墨市", "即墨区"),   # a county-level city until 2017
    ("2020-06-01", "即墨区", "即墨市"),   # a district of Qingdao since
    (None, "即墨区", "即墨市"),           # undated: today's name
])
def test_a_short_form_names_the_division_of_the_articles_day(date, expected, absent):
    found = names(extract_text(TEXT, date=date), "Place")
    assert expected in found and absent not in found


def test_the_dateline_dates_an_article_without_a_date():
    assert "即墨市" in names(extract_text("2011年3月5日\n" + TEXT), "Place")


def test_a_division_merged_away_is_still_a_place_under_its_parent():
    rec = extract_text("胶南市召开招商大会。", date="2020-01-01")
    keys = {e["key"] for e in rec["entities"] if e["name"] == "胶南市"}
    assert keys == {"place:山东省/青岛市/胶南市"}


def test_old_names_are_dated_and_linked_to_their_successor():
    g = gz.load()
    old = {g.divisions[i].name: i for i, d in enumerate(g.divisions) if d.until}
    assert g.divisions[old["即墨市"]].until.startswith("2017")
    assert g.divisions[g.successors[old["綦江县"]]].name == "綦江区"
    assert "郊区" not in old  # placeholder words are no names
