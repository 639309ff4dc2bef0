"""Amounts: numerals, units and currencies."""
import pytest

from ingest import amounts
from ingest.analysis import Analysis


@pytest.mark.parametrize("text, cny", [
    ("1.6亿元", 160000000), ("3000万元", 30000000), ("150亿元", 15000000000),
    ("12亿元", 1200000000), ("8.5亿元", 850000000), ("500万元", 5000000),
    ("一百五十亿元", 15000000000), ("2,500万元", 25000000), ("3.2万元", 32000),
    ("40余亿元", 4000000000), ("6亿多元", 600000000), ("900余万元", 9000000), ("7.5亿余元", 750000000),
    ("十余亿元", 1000000000), ("18.6亿人民币", 1860000000), ("3亿元人民币", 300000000),
])
def test_amounts_in_yuan(text, cny):
    assert amounts.parse_amount(text)["amount_cny"] == cny


@pytest.mark.parametrize("text", ["2亿美元", "500万日元", "3000万欧元"])
def test_other_currencies_keep_text_only(text):
    amt = amounts.parse_amount(text)
    assert amt["amount_text"] == text and "amount_cny" not in amt


@pytest.mark.parametrize("text", ["4.6万吨", "30000平方米", "很多钱"])
def test_non_money_is_not_an_amount(text):
    assert amounts.parse_amount(text) is None


def test_a_vague_amount_in_running_text_is_no_number():
    a = Analysis("两个项目共投资数十亿元，另有几百万元配套资金，其中一期投资3亿多元。")
    amounts.find_amounts(a)
    assert [x.get("amount_cny") for x in a.amounts] == [300000000]
