"""Synthetic corpora as extraction records (docs/CONTRACTS.md), for benchmarks.

Places come from the real administrative-division gazetteer shipped with
jionlp (province / prefecture / county / town / village, with PART_OF chains);
people, companies, organizations and projects are generated.  Every choice of
an existing node is Zipf-weighted, so a few officials, places and companies
become hubs.  The output is deterministic for a given seed.

    python -m bench.synth --rels 100000 -o data/synth-100k.jsonl

`--rels` counts distinct graph relationships after loading (LEADS, HOSTS,
INVESTS_IN, PART_OF and one MENTIONS per article and entity).
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import sys
import zipfile
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Iterator

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
            "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘"
         "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽")
BRAND = "华鑫恒泰宏盛达丰源通利凯瑞祥隆兴创远航金银天海中新东南西北宇正润嘉德信诚联博富安康永"
INDUSTRIES = ("机械设备", "新能源", "新材料", "电子科技", "生物医药", "化工", "纺织", "食品", "汽车零部件",
              "光伏科技", "半导体", "环保科技", "物流", "建材", "钢铁", "智能装备", "信息技术", "农业开发",
              "置业", "电力", "精密制造", "医疗器械", "锂电", "轨道交通装备")
CO_SUFFIX = ("有限公司", "有限公司", "有限公司", "股份有限公司", "集团", "集团有限公司")
PROJ_KIND = ("研发制造", "生产", "智能制造", "扩建", "总部", "加工", "产业化", "综合开发", "仓储物流")
PROJ_SUFFIX = ("项目", "项目", "项目", "产业园", "基地", "生产线", "产业园区")
ORG_KINDS = (("公安局", "局长"), ("发展和改革委员会", "主任"), ("人民医院", "院长"), ("第一中学", "校长"),
             ("职业技术学院", "院长"), ("自然资源和规划局", "局长"), ("市场监督管理局", "局长"))
TOPICS = ("招商引资", "安全生产", "乡村振兴", "生态环境保护", "重大项目建设", "营商环境优化", "防汛抗旱",
          "疫情防控", "民生实事", "产业转型升级")
# Posts per place level: (party secretary, head, deputy); county titles depend on the suffix.
TITLES = {
    "province": ("省委书记", "省长", "副省长"),
    "prefecture": ("市委书记", "市长", "副市长"),
    "prefecture:州": ("州委书记", "州长", "副州长"),
    "prefecture:盟": ("盟委书记", "盟长", "副盟长"),
    "prefecture:地区": ("地委书记", "行署专员", "行署副专员"),
    "county:旗": ("旗委书记", "旗长", "副旗长"),
    "county:县": ("县委书记", "县长", "副县长"),
    "county:区": ("区委书记", "区长", "副区长"),
    "county:市": ("市委书记", "市长", "副市长"),
    "township:镇": ("镇党委书记", "镇长", "副镇长"),
    "township:乡": ("乡党委书记", "乡长", "副乡长"),
    "township:街道": ("街道党工委书记", "街道办事处主任", "街道办事处副主任"),
    "village": ("村党支部书记", "村委会主任", "村委会副主任"),
}
PHASES = "〇一二三四五六七八九十"
LEVELS = ("province", "prefecture", "county", "township", "village")
# How often each level is an article's subject: local news is mostly about prefectures and counties.
LEVEL_WEIGHTS = {"province": 0.03, "prefecture": 0.22, "county": 0.40, "township": 0.25, "village": 0.10}


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[tuple]]:
    """{level: [(key, name, aliases, parent_key), ...]} from jionlp's china_location."""
    import importlib.util
    spec = importlib.util.find_spec("jionlp")  # not imported: jionlp prints a banner to stdout
    path = Path(spec.origin).parent / "dictionary" / "china_location.zip" if spec else Path("jionlp")
    if not path.exists():
        raise SystemExit(f"{path} is missing: reinstall jionlp (pip install jionlp==1.5.31)")
    with zipfile.ZipFile(path) as z:
        text = z.read("china_location.txt").decode("utf-8")
    out = {lvl: [] for lvl in LEVELS}
    stack: list[tuple[str, str]] = []  # (name, key) per depth
    seen: set[str] = set()
    for line in io.StringIO(text):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        cols = line.strip("\t").split("\t")
        name = cols[0]
        aliases = [cols[2]] if len(cols) > 2 and cols[2] and cols[2] != name else []
        del stack[depth:]
        parent = stack[-1][1] if stack else None
        # Municipalities repeat the province as their prefecture (上海市/上海市): keep one node.
        if depth == 1 and stack and stack[0][0] == name:
            stack.append((name, stack[0][1]))
            continue
        key = f"{parent}/{name}" if parent else f"place:{name}"
        stack.append((name, key))
        if key not in seen:  # a few villages repeat under one town
            seen.add(key)
            out[LEVELS[depth]].append((key, name, aliases, parent))
    return out


class _Zipf:
    """Index sampler over n items with P(i) ∝ 1/(i+1)^s: a few items get most picks."""

    def __init__(self, n: int, s: float):
        self.cum = list(accumulate(1.0 / (i + 1) ** s for i in range(n)))

    def __call__(self, rng: random.Random) -> int:
        return min(bisect_left(self.cum, rng.random() * self.cum[-1]), len(self.cum) - 1)


def _title_level(level: str, name: str) -> str:
    if level == "prefecture":
        return next((f"prefecture:{s}" for s in ("州", "盟", "地区") if name.endswith(s)), level)
    if level == "county":
        return "county:" + next((s for s in ("区", "县", "旗") if name.endswith(s)), "市")
    if level == "township":
        return "township:" + ("街道" if name.endswith("街道") else "乡" if name.endswith("乡") else "镇")
    return level


def _amount(rng: random.Random) -> tuple[int, str]:
    """An investment in yuan (log-uniform 500万–300亿) and its text as an article writes it."""
    wan = int(10 ** rng.uniform(2.7, 6.5))  # in 万元
    if wan >= 10000:
        yi = round(wan / 10000, 1)
        return int(round(yi * 1e8)), f"{yi:g}亿元"
    wan = wan // 100 * 100 or 500
    return wan * 10000, f"{wan}万元"


class Generator:
    """Pools of synthetic nodes sized for `rels`, and the articles that mention them."""

    def __init__(self, rels: int, seed: int = 42):
        self.rng = random.Random(seed)
        self.rels = rels
        gaz = gazetteer()
        self.by_key = {p[0]: p for lvl in LEVELS for p in gaz[lvl]}
        self.level_of = {p[0]: lvl for lvl in LEVELS for p in gaz[lvl]}
        scale = max(rels, 1000)
        # Place pools per level, shuffled so the hubs are random real places.
        self.places = {}
        for lvl in LEVELS:
            pool = list(gaz[lvl])
            self.rng.shuffle(pool)
            self.places[lvl] = pool[:max(20, min(len(pool), scale // {"province": 1, "prefecture": 100,
                                                                      "county": 40, "township": 15,
                                                                      "village": 8}[lvl]))]
        self.place_pick = {lvl: _Zipf(len(p), 1.05) for lvl, p in self.places.items()}
        self.level_cum = list(accumulate(LEVEL_WEIGHTS[l] for l in LEVELS))
        self.officials: dict[tuple[str, int], tuple[str, str, str]] = {}  # (office, slot) -> (key, name, title)
        self.n_companies = max(50, scale // 25)
        self.company_pick = _Zipf(self.n_companies, 1.1)
        self.companies: dict[int, tuple[str, str]] = {}
        self.n_orgs = max(20, scale // 200)
        self.org_pick = _Zipf(self.n_orgs, 1.0)
        self.orgs: dict[int, tuple[str, str, str, str]] = {}
        self.slot_pick = _Zipf(6, 1.2)  # which of a place's posts a story is about
        self.official_names: set[str] = set()
        self.project_names: dict[str, int] = {}
        self.edges: set[tuple[str, str, str]] = set()
        self.article_keys: set[str] = set()

    # -- node pools ---------------------------------------------------------
    def place(self, level: str | None = None) -> tuple:
        rng = self.rng
        if level is None:
            level = LEVELS[bisect_left(self.level_cum, rng.random() * self.level_cum[-1])]
        pool = self.places[level]
        return pool[self.place_pick[level](rng)]

    def prefecture_of(self, key: str) -> str:
        while self.level_of[key] not in ("prefecture", "province"):
            key = self.by_key[key][3]
        return self.by_key[key][1]

    def official(self, office: str, titles: tuple[str, ...], prefecture: str) -> tuple[str, str, str]:
        """The holder of one of an office's posts (a place or organization): (key, name, title)."""
        slot = self.slot_pick(self.rng) if len(titles) > 1 else 0  # several deputies per place
        got = self.officials.get((office, slot))
        if got is None:
            rng = self.rng
            while True:
                name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
                key = f"official:{name}@{prefecture}"
                if key not in self.official_names:
                    break
            self.official_names.add(key)
            got = self.officials[(office, slot)] = (key, name, titles[min(slot, len(titles) - 1)])
        return got

    def place_official(self, place: tuple) -> tuple[str, str, str]:
        titles = TITLES[_title_level(self.level_of[place[0]], place[1])]
        return self.official(place[0], titles, self.prefecture_of(place[0]))

    def company(self) -> tuple[str, str]:
        i = self.company_pick(self.rng)
        got = self.companies.get(i)
        if got is None:
            rng = self.rng
            short = (self.place(rng.choice(("prefecture", "county")))[2] or [""])[0]
            name = (short + rng.choice(BRAND) + rng.choice(BRAND) + rng.choice(INDUSTRIES)
                    + rng.choice(CO_SUFFIX))
            if name.endswith(("集团", "集团有限公司")) and rng.random() < 0.5:
                name = name.removesuffix("有限公司")
            got = self.companies[i] = (f"company:{name}", name)
        return got

    def organization(self) -> tuple[str, str, str, tuple]:
        i = self.org_pick(self.rng)
        got = self.orgs.get(i)
        if got is None:
            place = self.place(self.rng.choice(("prefecture", "county")))
            kind, title = self.rng.choice(ORG_KINDS)
            name = place[1] + kind
            got = self.orgs[i] = (f"org:{name}", name, title, place)
        return got

    def project(self, site: tuple) -> tuple[str, str, int, str]:
        rng = self.rng
        base = ((site[2] or [site[1]])[0] + rng.choice(BRAND) + rng.choice(BRAND) + rng.choice(INDUSTRIES)
                + rng.choice(PROJ_KIND))
        suffix = rng.choice(PROJ_SUFFIX)
        # The same generated name again is the next phase, as articles write it (二期).
        n = self.project_names[base + suffix] = self.project_names.get(base + suffix, 0) + 1
        name = base + ("" if n == 1 else (PHASES[n] if n < len(PHASES) else str(n)) + "期") + suffix
        cny, text = _amount(rng)
        return f"project:{name}", name, cny, text

    # -- articles -----------------------------------------------------------
    def article(self, i: int) -> dict:
        rng = self.rng
        date = f"{rng.randint(2011, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        ents: dict[str, dict] = {}
        rels: list[dict] = []
        sentences: list[str] = []

        def add_place(p: tuple) -> None:
            # A place brings its PART_OF chain up to the province (the extractor's gazetteer does too).
            while p is not None:
                if p[0] in ents:
                    ents[p[0]]["mentions"] += 1
                    return
                ents[p[0]] = {"type": "Place", "key": p[0], "name": p[1], "aliases": list(p[2]),
                              "level": self.level_of[p[0]], "mentions": 1}
                parent = self.by_key.get(p[3]) if p[3] else None
                if parent is not None:
                    rels.append({"type": "PART_OF", "head": p[1], "tail": parent[1], "head_key": p[0],
                                 "tail_key": parent[0], "evidence": "gazetteer", "date": date})
                p = parent

        def add(etype: str, key: str, name: str, **extra) -> None:
            if key in ents:
                ents[key]["mentions"] += 1
            else:
                ents[key] = {"type": etype, "key": key, "name": name, "aliases": [], "mentions": 1, **extra}

        def rel(rtype: str, h: dict, t: dict, evidence: str, **extra) -> None:
            rels.append({"type": rtype, "head": h["name"], "tail": t["name"], "head_key": h["key"],
                         "tail_key": t["key"], **extra, "evidence": evidence, "date": date})

        home = self.place()
        add_place(home)
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            place = home if rng.random() < 0.6 else self.place()
            add_place(place)
            okey, oname, title = self.place_official(place)
            add("Official", okey, oname)
            s = f"{place[1]}{title}{oname}主持召开会议，研究部署{rng.choice(TOPICS)}工作。"
            sentences.append(s)
            rel("LEADS", ents[okey], ents[place[0]], s, title=title)
        for _ in range(rng.choice((0, 1, 1, 1, 2, 3))):
            site = home if rng.random() < 0.5 else self.place(rng.choice(("county", "township", "prefecture")))
            pkey, pname, cny, text = self.project(site)
            add_place(site)
            add("Project", pkey, pname, total_investment_cny=cny, total_investment_text=text)
            s = f"总投资{text}的{pname}落户{site[1]}。"
            sentences.append(s)
            rel("HOSTS", ents[site[0]], ents[pkey], s)
            for _ in range(rng.choice((1, 1, 1, 2))):
                ckey, cname = self.company()
                add("Company", ckey, cname)
                s = f"{pname}由{cname}投资建设，计划年内开工。"
                sentences.append(s)
                rel("INVESTS_IN", ents[ckey], ents[pkey], s, amount_cny=cny, amount_text=text)
        if rng.random() < 0.25:
            gkey, gname, title, place = self.organization()
            add_place(place)
            add("Organization", gkey, gname)
            okey, oname, _ = self.official(gkey, (title,), self.prefecture_of(place[0]))
            add("Official", okey, oname)
            s = f"{gname}{title}{oname}介绍了相关情况。"
            sentences.append(s)
            rel("LEADS", ents[okey], ents[gkey], s, title=title)

        title = f"{home[1]}{rng.choice(TOPICS)}工作取得新进展"
        text = title + "\n" + "".join(sentences)
        key = "article:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        if key in self.article_keys:  # same generated text twice: a different article anyway
            text += f"\n（第{i}期）"
            key = "article:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        self.article_keys.add(key)
        spans = []
        for e in ents.values():
            at = text.find(e["name"])
            if at >= 0:
                spans.append({"start": at, "end": at + len(e["name"]), "label": e["type"], "key": e["key"]})
        return {"article": f"synth.jsonl#{i}", "key": key, "title": title, "date": date,
                "source": "synthetic", "text": text, "spans": spans,
                "entities": list(ents.values()), "relations": rels}

    def _fresh(self, rec: dict) -> int:
        """Distinct relationships this record adds to the graph."""
        new = 0
        for e in rec["entities"]:
            edge = ("MENTIONS", rec["key"], e["key"])
            if edge not in self.edges:
                self.edges.add(edge)
                new += 1
        for r in rec["relations"]:
            edge = (r["type"], r["head_key"], r["tail_key"])
            if edge not in self.edges:
                self.edges.add(edge)
                new += 1
        return new

    def __iter__(self) -> Iterator[dict]:
        total, i = 0, 0
        while total < self.rels:
            rec = self.article(i)
            total += self._fresh(rec)
            i += 1
            yield rec


def iter_records(rels: int, seed: int = 42) -> Iterator[dict]:
    """Records whose graph has about `rels` distinct relationships (a few more, never fewer)."""
    return iter(Generator(rels, seed))


def generate(rels: int, seed: int = 42) -> list[dict]:
    """The records in memory (see iter_records)."""
    return list(iter_records(rels, seed))


def count_relationships(records: list[dict]) -> dict[str, int]:
    """Distinct relationships per type the records make once loaded."""
    seen: set[tuple[str, str, str]] = set()
    for rec in records:
        seen.update(("MENTIONS", rec["key"], e["key"]) for e in rec["entities"])
        seen.update((r["type"], r["head_key"], r["tail_key"]) for r in rec["relations"])
    out: dict[str, int] = {}
    for t, _, _ in seen:
        out[t] = out.get(t, 0) + 1
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__.split("\n\n")[0])
    ap.add_argument("--rels", type=int, default=10_000, help="distinct relationships to generate (default 10000)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("-o", "--output", default="-", help="JSON-lines file (default: stdout)")
    args = ap.parse_args(argv)
    if args.rels <= 0:
        ap.error("--rels must be positive")
    from tqdm import tqdm
    try:
        out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    except OSError as e:
        raise SystemExit(f"{args.output}: cannot write ({e.strerror})") from None
    n = 0
    try:
        gen = Generator(args.rels, args.seed)
        with tqdm(total=args.rels, unit="rel", desc="synth", disable=args.output == "-") as bar:
            for rec in gen:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
                bar.update(len(gen.edges) - bar.n)
    except BrokenPipeError:  # `| head`: the reader has all it wants
        sys.stderr.close()
        return 0
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"{n} articles written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
