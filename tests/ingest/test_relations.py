"""Relations: investors, hosts and project totals."""
from ingest.extract import extract_text
from tests.ingest.record_sets import rels


def test_project_investor_host_and_amounts():
    rec = extract_text("华纤新材料项目由江苏华纤新材料科技有限公司投资建设,总投资12亿元,"
                       "落户苏州市吴江区盛泽镇。")
    proj = {e["name"]: e for e in rec["entities"] if e["type"] == "Project"}
    assert proj["华纤新材料项目"]["total_investment_cny"] == 1200000000
    inv = [r for r in rec["relations"] if r["type"] == "INVESTS_IN"]
    assert [(r["head"], r["tail"], r.get("amount_cny")) for r in inv] == [
        ("江苏华纤新材料科技有限公司", "华纤新材料项目", 1200000000)]
    assert ("盛泽镇", "华纤新材料项目") in rels(rec, "HOSTS")
    assert all(r["evidence"] for r in rec["relations"])


def test_total_investment_before_the_project():
    rec = extract_text("投资20亿元的比亚迪新能源汽车零部件项目在襄阳开工。")
    proj = {e["name"]: e for e in rec["entities"] if e["type"] == "Project"}
    assert proj["比亚迪新能源汽车零部件项目"]["total_investment_cny"] == 2000000000
