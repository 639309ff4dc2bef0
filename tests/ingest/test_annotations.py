"""The annotated corpus articles (ingest/learn/annotations): every line reads back against its text."""
from ingest.learn import data

FIT = {"LEADS": ({"Official"}, {"Place", "Organization"}), "HOSTS": ({"Place"}, {"Project"}),
       "INVESTS_IN": ({"Company", "Organization"}, {"Project"})}


def assert_reads_back(d: data.GoldDoc) -> None:
    """Every required name has a form in the text; every relation's ends are names of the right types."""
    types = {}
    for e in d.gold["entities"]:
        forms = [data._norm(f) for f in [e["name"], *e.get("aliases", [])]]
        if not e.get("optional"):
            assert any(f in d.text for f in forms), (d.name, e["name"])
        for f in [e["name"], *e.get("aliases", [])]:
            types.setdefault(f, set()).add(e["type"])
    for r in d.gold["relations"]:
        heads, tails = FIT[r["type"]]
        assert types.get(r["head"], set()) & heads and types.get(r["tail"], set()) & tails, (d.name, r)


def test_every_annotated_article_is_in_the_corpus_and_its_names_in_its_text():
    docs = data.corpus_docs()
    assert len(docs) == len({d.gold["corpus_id"] for d in docs}) >= 50
    for d in docs:
        assert_reads_back(d)
