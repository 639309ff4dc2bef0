"""HOSTS and INVESTS_IN as a pair classifier: every (place, project) and
(company or organization, project) pair in an article, described by where
their mentions stand, what lies between them and what the rules said."""
from __future__ import annotations

import math
import re
from collections import defaultdict

import jieba

CUES = ("落户", "位于", "选址", "境内", "坐落", "建设", "建成", "兴建", "新建", "扩建", "开工", "投资", "出资",
        "签约", "签订", "签署", "承建", "施工", "项目部", "由", "在", "于", "的", "将", "拟", "与", "和", "、",
        "总投资", "引进", "入驻", "开发", "打造", "合作", "控股", "子公司", "旗下", "收购", "获批", "批复",
        "通车", "竣工", "投产", "持股", "合资", "参股", "股比", "全长", "途经", "连接", "起于", "止于", "经过", "穿越", "所在地", "举行", "仪式",
        "提供", "供应", "产品", "应用", "系统", "设备", "供货", "采购", "中标", "认为", "参照",
        "斥资", "投入", "募集", "募投", "投向", "增资", "投建", "承担", "负责")
ROUTE_END = re.compile(r"(?:起于|起自|[东南西北]起|[东南西北]至|止于|途经|经|至|接|到|连接)$")
PAIR_TYPES = {"HOSTS": ("Place",), "INVESTS_IN": ("Company",)}  # SCHEMA.md: a company invests
LEVELS = {-3: "village", -4: "zone", -2: "other"}


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n < 6 else "6-15" if n < 16 else "16-40" if n < 41 else "41+"


def _level(g, m) -> str:
    return g.divisions[m.place].level if m.place >= 0 else LEVELS.get(m.place, "other")


def _core(name: str) -> str:
    """The part of a place or company name that shows up inside project names (徐州市 -> 徐州)."""
    core = re.sub(r"(?:股份有限公司|有限责任公司|有限公司|集团|公司|省|市|县|区|自治区|自治州|新区|开发区|高新区)$", "", name)
    return core if len(core) >= 2 else name


def at_word_start(part: str, name: str) -> bool:
    """part begins a word of name (北京 of 北京机场, 株洲 of 太子奶株洲基地; not 贡山 of 高黎贡山隧道,
    which begins inside the mountain's name)."""
    starts = {start for _, start, _ in jieba.tokenize(name)}
    k = name.find(part)
    while k >= 0:
        if k in starts:
            return True
        k = name.find(part, k + 1)
    return False


def candidates(a, g) -> dict[tuple[str, str, str], tuple[dict, object, object]]:
    """(type, head name, tail name) -> (features, head mention, tail mention) for every
    pair of the right types in the article; the mentions are the closest pair."""
    by_name: dict[str, list] = defaultdict(list)
    for m in a.mentions:
        by_name[(m.label, m.name)].append(m)
    projects = [k for k in by_name if k[0] == "Project"]
    rule_pairs = {(r["type"], r["head"].name, r["tail"].name) for r in a.relations
                  if r["type"] in PAIR_TYPES and "tail" in r}
    place_count = sum(1 for k in by_name if k[0] == "Place")
    # a place named as a route's end or waypoint (北起平度, 经胶州) hosts nothing: the route is
    # the plan of the place that governs it
    route = _route_places(a)
    place_sents = {a.sent_of(m.start) for m in a.mentions if m.label == "Place" and id(m) not in route}
    top_place = max((k for k in by_name if k[0] == "Place"), key=lambda k: len(by_name[k]), default=None)
    title_end = a.paras[0][1] if a.paras else 0
    out = {}
    for rtype, heads in PAIR_TYPES.items():
        head_keys = [k for k in by_name if k[0] in heads]
        for hk in head_keys:
            for pk in projects:
                if hk[1] == pk[1]:
                    continue  # one name read as both a company and its plant
                found = _pair(a, by_name[hk], by_name[pk])
                if found is None:
                    continue
                f, h, p = found
                if (rtype, hk[1], pk[1]) in rule_pairs:
                    f["rule"] = 1
                if rtype == "HOSTS":
                    _place_context(a, g, f, hk, by_name[pk])
                    lvl = _level(g, by_name[hk][0])
                    f["lvl=" + lvl] = 1
                    f["lvl_same=" + lvl + str(f["same_sent"])] = 1
                    f["top_place"] = int(hk == top_place)
                    # a project named where no place is: the article's place hosts it
                    alone = not any(a.sent_of(m.start) in place_sents for m in by_name[pk])
                    f["proj_placeless"] = int(alone)
                    f["top_placeless"] = int(alone and hk == top_place)
                    f["n_places=" + _bucket(place_count)] = 1
                    f["home"] = int(by_name[hk][0].place in a.home.values())
                    f["head_route"] = int(all(id(m) in route for m in by_name[hk]))
                else:
                    f["head=" + hk[0]] = 1
                f["in_title"] = int(any(m.start < title_end for m in by_name[hk]))
                if rtype == "HOSTS":
                    f["title_placeless"] = f["in_title"] * f["proj_placeless"]
                f["head_mentions=" + _bucket(len(by_name[hk]))] = 1
                forms = {hk[1], *(m.text for m in by_name[hk])}
                # a place's name where a word of the project's begins (not 贡山 in 高黎贡山隧道)
                f["inside"] = int(any(at_word_start(_core(n), pk[1]) for n in forms)
                                  if rtype == "HOSTS" else any(_core(n) in pk[1] for n in forms))
                out[(rtype, hk[1], pk[1])] = (f, h, p)
    return out


# a route named by its ends (抚州至吉安高速, 宁波-台州-温州): a link between Chinese characters
ROUTE_NAME = re.compile(r"[\u4e00-\u9fff][至到—－~-][\u4e00-\u9fff]")


def route_end(core: str, name: str) -> bool:
    """The place is an end or waypoint of the route the name describes (抚州 in 抚州至吉安高速,
    平度 in 平度南村至胶州营海公路), not the stretch it names (三明 in 厦门至沙县高速三明段)."""
    if not ROUTE_NAME.search(name):
        return False
    after = name[name.find(core) + len(core):]
    return not after.lstrip("省市县区").startswith(("段", "境"))


def _route_places(a) -> set[int]:
    """Places named as a route's end or waypoint, with the places listed after one (经招远、莱阳、即墨)
    and a place written right after one, inside it (经胶南大场镇)."""
    route, prev = set(), None
    for m in sorted((m for m in a.mentions if m.label == "Place"), key=lambda m: m.start):
        if ROUTE_END.search(a.text[max(0, m.start - 3):m.start]) or (
                prev is not None and id(prev) in route and a.text[prev.end:m.start] in ("", "、", "和", "及", "与")):
            route.add(id(m))
        prev = m
    return route


def _place_context(a, g, f: dict, hk, pms) -> None:
    """What the rules look at: the section a project is listed under, the most specific
    place in its sentence."""
    from ingest.sections import section_place, specificity
    for p in pms:
        sec = section_place(a, g, p.start)
        if sec is not None and sec.name == hk[1]:
            f["section"] = 1
        s, e = a.sents[a.sent_of(p.start)]
        here = [m for m in a.mentions if m.label == "Place" and s <= m.start < e]
        if here:
            top = max(specificity(g, m) for m in here)
            if any(m.name == hk[1] and specificity(g, m) == top for m in here):
                f["most_specific"] = 1


def _pair(a, hms, pms) -> tuple[dict, object, object] | None:
    """Features of one (head, project) pair: the closest mention pair's distance and
    order, and the union over every sentence both are named in of what lies between."""
    text = a.text
    best, co = None, []
    for h in hms:
        for p in pms:
            if h.start < p.end and p.start < h.end:
                continue
            d = p.start - h.end if h.end <= p.start else h.start - p.end
            same = a.sent_of(h.start) == a.sent_of(p.start)
            if same:
                co.append((h, p))
            key = (not same, d)
            if best is None or key < best[0]:
                best = (key, h, p, same, d)
    if best is None:
        return None
    _, h, p, same, d = best
    hs, ps = a.sent_of(h.start), a.sent_of(p.start)
    f = {"bias": 1, "same_sent": int(same), "sent_gap=" + _bucket(abs(hs - ps)): 1,
         "para_same": int(a.para_of(h.start) == a.para_of(p.start)),
         "order=" + ("hp" if h.end <= p.start else "ph"): 1, "dist=" + _bucket(d): 1,
         "n_tail_mentions=" + _bucket(len(pms)): 1, "co_sents=" + _bucket(len({a.sent_of(x.start) for x, _ in co})): 1}
    if same:
        lo, hi = (h.end, p.start) if h.end <= p.start else (p.end, h.start)
        for c in CUES:
            if c in text[lo:hi]:
                f["btw=" + c] = 1
        s0, e0 = a.sents[hs]
        f["pre=" + text[max(s0, h.start - 2):h.start]] = 1
        f["post=" + text[h.end:min(e0, h.end + 2)]] = 1
        f["p_pre=" + text[max(s0, p.start - 2):p.start]] = 1
    listed = 0
    for x, y in co:
        order = "hp" if x.end <= y.start else "ph"
        lo, hi = (x.end, y.start) if order == "hp" else (y.end, x.start)
        between = text[lo:hi]
        clause = not any(c in between for c in "，,；;：:")
        f[f"clause_{order}"] = 1 if clause else f.get(f"clause_{order}", 0)
        for c in CUES:
            if c in between:
                f[f"btw_{order}=" + c] = 1
                if clause:
                    f[f"cl_{order}=" + c] = 1
        s, e = a.sents[a.sent_of(x.start)]
        for c in CUES:
            if c in text[s:e]:
                f["sent=" + c] = 1
        inner = [m for m in a.mentions if lo <= m.start and m.end <= hi]
        for lab in ("Place", "Project", "Company", "Organization", "Official"):
            n = sum(1 for m in inner if m.label == lab)
            if n == 0:
                f[f"none_btw_{lab}_{order}"] = 1
        if len(between) <= 1:
            f[f"adjacent_{order}=" + between] = 1
        if re.fullmatch(r"[、，,和及与\s]+", a.without_mentions(lo, hi)):  # only the names listed there between
            f["list_sibling"] = 1  # named side by side in a list: peers, not investor and project
            listed += 1
        rivals = {m.name for m in a.mentions if m.label == x.label and s <= m.start < e and m.name != x.name}
        if not rivals:
            f["alone_in_sent"] = 1
    if co and listed == len(co):
        f["only_listed"] = 1
    return f, h, p


class PairModel:
    """A logistic model stored as plain weights (JSON): no pickles, no sklearn at run time."""

    def __init__(self, weights: dict[str, dict[str, float]], thresholds: dict[str, float]):
        self.weights = weights
        self.thresholds = thresholds

    def prob(self, rtype: str, feats: dict) -> float:
        w = self.weights[rtype]
        z = sum(w.get(k, 0.0) * v for k, v in feats.items()) + w.get("__intercept__", 0.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict:
        return {"weights": self.weights, "thresholds": self.thresholds}

    @classmethod
    def from_json(cls, d: dict) -> "PairModel":
        return cls(d["weights"], d["thresholds"])


def fit(examples: dict[str, list[tuple[dict, int]]], c: float = 1.0) -> dict[str, dict[str, float]]:
    """One L2 logistic regression per relation type (scikit-learn, deterministic L-BFGS)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    weights = {}
    for rtype, rows in examples.items():
        X = [f for f, _ in rows]
        y = [lab for _, lab in rows]
        vec = DictVectorizer()
        M = vec.fit_transform(X)
        if len(set(y)) < 2:
            weights[rtype] = {"__intercept__": 5.0 if (y and y[0]) else -5.0}
            continue
        clf = LogisticRegression(C=c, solver="lbfgs", max_iter=2000)
        clf.fit(M, y)
        w = {name: float(coef) for name, coef in zip(vec.get_feature_names_out(), clf.coef_[0]) if abs(coef) > 1e-6}
        w["__intercept__"] = float(clf.intercept_[0])
        weights[rtype] = w
    return weights
