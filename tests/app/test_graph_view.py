"""Every change of data lays the graph out again, and the selection box always names
what is drawn (Search, Details, Paths, Tracer)."""
from __future__ import annotations

import json

from tests.app.test_pages import COMPANY, SONG, XUZHOU, view_names

OTHER = "王剑锋"  # a second official of the seeds


def graph_args(at, i: int = 0) -> dict:
    """What the page sent the graph component: elements, layout, styles."""
    return json.loads(at.get("component_instance")[i].proto.json_args)


def drawn_names(at, i: int = 0) -> set[str]:
    return {n["data"].get("name") for n in graph_args(at, i)["elements"]["nodes"]}


def layout_tag(at, i: int = 0) -> str:
    return graph_args(at, i)["layout"]["govkg_drawn"]


def test_every_change_of_data_lays_out_again(app):
    from app_pages.graphview import digest
    at = app("search", q=SONG)
    args = graph_args(at)
    assert args["layout"]["fit"] is True
    assert layout_tag(at) == digest(args["elements"])  # the layout setting names the drawn data
    tags = [layout_tag(at)]

    def changed(at):
        """Each change of data: a new layout tag, naming the new elements."""
        assert layout_tag(at) == digest(graph_args(at)["elements"])
        assert layout_tag(at) != tags[-1]
        tags.append(layout_tag(at))

    at.text_input(key="ego_text").input(OTHER).run()  # a new search
    assert OTHER in drawn_names(at) and drawn_names(at) == view_names(at)
    changed(at)
    at.slider[0].set_value(2).run()  # depth
    changed(at)
    at.multiselect[0].set_value(["Official"]).run()  # a filter
    changed(at)
    at.multiselect[0].set_value(["Official", "Place"]).run()
    at.slider[0].set_value(1).run()
    changed(at)
    xuzhou = next(n["key"] for n in at.session_state["view"]["subgraph"].nodes if n["name"] == XUZHOU)
    at.selectbox(key="ego_focus").set_value(xuzhou)
    at.button(key="ego_expand").click().run()  # an expansion
    changed(at)

    at.run()  # the same data: the layout is left alone (no needless re-layout on a rerun)
    assert layout_tag(at) == tags[-1]


def test_centre_is_highlighted_and_edge_types_in_legend(app):
    at = app("search", q=SONG)
    centre = [n["data"] for n in graph_args(at)["elements"]["nodes"] if n["data"].get("govkg_center")]
    assert [c["name"] for c in centre] == [SONG]
    assert any(s["selector"] == "node[?govkg_center]" for s in graph_args(at)["style"])
    legend = " ".join(m.value for m in at.markdown)
    assert "LEADS" in legend and "(centre)" in legend


def test_search_box_names_the_drawn_entity_after_a_new_search(app):
    at = app("search", q=SONG)
    at.text_input(key="ego_text").input(OTHER).run()
    hit = at.selectbox(key="ego_hit")
    assert OTHER in hit.value and OTHER in str(hit.format_func(hit.value))
    assert any(OTHER in s.value for s in at.subheader)
    at.text_input(key="ego_text").input(SONG).run()
    assert SONG in at.selectbox(key="ego_hit").value
    assert SONG in {n["data"]["name"] for n in graph_args(at)["elements"]["nodes"]
                    if n["data"].get("govkg_center")}


def test_details_box_names_the_shown_entity(app):
    at = app("details")
    at.text_input(key="details_text").input(SONG).run()
    at.text_input(key="details_text").input(OTHER).run()
    assert OTHER in at.selectbox(key="details_hit").value
    assert any(OTHER in h.value for h in at.header)


def test_paths_and_tracer_boxes_follow_new_searches(app):
    at = app("paths")
    at.text_input(key="path_from_text").input(SONG)
    at.text_input(key="path_to_text").input("庆安镇").run()
    at.text_input(key="path_from_text").input(OTHER).run()
    assert OTHER in at.selectbox(key="path_from_hit").value
    assert OTHER in view_names(at) and SONG not in view_names(at)

    at = app("tracer", q="中国航天科技集团")
    at.sidebar.slider(key="min_confidence").set_value(0.0).run()
    at.text_input(key="tracer_text").input(COMPANY).run()
    assert COMPANY in at.selectbox(key="tracer_hit").value
    assert COMPANY in view_names(at)


def test_neighbour_counts_collapse_and_hide(app):
    at = app("search", q=SONG)
    xuzhou = next(n["key"] for n in at.session_state["view"]["subgraph"].nodes if n["name"] == XUZHOU)
    at.selectbox(key="ego_focus").set_value(xuzhou).run()
    expand = at.button(key="ego_expand")
    new = int(expand.label.split("+")[1].rstrip(")"))
    assert new > 0 and any(f"{new} not drawn yet" in c.value for c in at.caption)
    before = len(view_names(at))
    expand.click().run()
    assert len(view_names(at)) == before + new  # the count said how many the expansion adds
    at.button(key="ego_collapse").click().run()
    assert len(view_names(at)) == before
    at.selectbox(key="ego_focus").set_value(xuzhou).run()
    at.button(key="ego_hide").click().run()
    assert XUZHOU not in view_names(at) and XUZHOU not in drawn_names(at)
    at.button(key="ego_unhide").click().run()
    assert XUZHOU in view_names(at)


def test_default_layout_is_rings_and_fcose_can_be_chosen(app):
    """Rings: positions computed by the page for every drawn node, the centre in the middle."""
    at = app("search", q=SONG, depth="2")
    layout, els = graph_args(at)["layout"], graph_args(at)["elements"]
    assert layout["name"] == "preset"
    assert set(layout["positions"]) == {n["data"]["id"] for n in els["nodes"]}
    centre = next(n["data"]["id"] for n in els["nodes"] if n["data"].get("govkg_center"))
    assert layout["positions"][centre] == {"x": 0.0, "y": 0.0}
    at.selectbox(key="ego_layout").set_value("fcose").run()
    assert graph_args(at)["layout"]["name"] == "fcose" and "positions" not in graph_args(at)["layout"]
