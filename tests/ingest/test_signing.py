"""The place that signs for a project hosts it (ingest.signing)."""
import pytest

from ingest.extract import extract_text
from ingest.signing import signing_place
from tests.ingest.record_sets import rels


def _signer(text: str) -> str | None:
    """The signer the rules' analysis gives the last project of text."""
    from ingest.pipeline import nlp
    pipe = nlp()
    a = pipe(text)._.kg
    p = max(a.by_label("Project"), key=lambda m: m.start)
    signer = signing_place(a, pipe.get_pipe("govkg_relations").gazetteer, p)
    return signer.name if signer is not None else None


@pytest.mark.parametrize("text, signer", [
    # the place first, then the company
    ("雨湖区与湖南星辰物流股份有限公司签约星辰现代物流园项目，总投资12亿元。", "雨湖区"),
    # the company first, and 签约建设 before the project
    ("会上，湖南金峰合金工具有限公司与岳塘区签约建设高性能合金刀具项目。", "岳塘区"),
    # two companies; the second of two projects listed after the verb; a chain of places gives its last
    ("湖南省衡阳市耒阳市与湖南青峰能源有限公司、湖南南岭电力有限公司签约生物质发电项目及光伏储能项目。",
     "耒阳市"),
    # 签订了…合同: the project right after the verb
    ("会上，益阳高新技术产业开发区与深圳市宏远通信技术有限公司签订了通信模组生产基地项目合同。",
     "益阳高新技术产业开发区"),
    # a province signs for what one of its cities hosts; a place that only attends signs nothing
    ("湖南省与深圳华星光电技术有限公司签约新型显示器件产业园项目。", None),
    ("雨湖区领导见证湖南星辰物流股份有限公司签约星辰现代物流园项目。", None),
])
def test_the_place_that_signs_with_the_companies(monkeypatch, text, signer):
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    assert _signer(text) == signer


def test_a_site_inside_the_signer_said_in_the_same_clause_hosts_the_project_instead(monkeypatch):
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    rec = extract_text("浏阳市与广东华美陶瓷集团有限公司签约高端陶瓷智能制造基地，项目总投资10亿元，"
                       "将在浏阳经济技术开发区建设15条生产线。")
    hosts = {h for h, t in rels(rec, "HOSTS") if t == "高端陶瓷智能制造基地"}
    assert hosts == {"浏阳经济技术开发区"}
