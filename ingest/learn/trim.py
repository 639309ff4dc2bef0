"""Where a name the tagger read starts and ends: inside its clause, after what introduces it
(a date, a source, a launching verb, a person and the post taken, a pointer), never inside a word."""
from __future__ import annotations

import re

import jieba

from ingest import gazetteer as gz
from ingest.analysis import SINGLE_STOP, _freq, _tag, _units, points_to, role_lead, word_ends
from ingest.lexicon import AMOUNT, CAPACITY_LEAD, CJK, DATE_LEAD, EXCEPT_END, RANGE
from ingest.officials import _person_name

OPENERS = ("p", "c", "r", "d", "u", "l")  # a name does not start with a preposition, conjunction, pronoun, idiom…
CAPTION = "图为"
# what stands before a name without being part of it: a date, a time word, a source (据), a post
# held (时任), a construction verb (开工建设X: the name is the noun phrase, SCHEMA.md)
FUNDED = re.compile(r"(?:德|韩|日|台|港|澳|美|英|法|欧|外|侨|新加坡)资")
HOME = {"中国", "中华人民共和国"}
LEAD_MARK = re.compile(r"据|(?:\d{2,4}年)?(?:\d{1,2}月)?\d{1,2}[日号]|\d{4}年|[一二三四]季度|[上下]半年")
LEAD_WORDS = set("据 另有 还有 另外 此外 中标 时任 现任 原任 昨天 今天 明天 昨日 今日 近日 日前 目前 此前 去年 今年 明年 同期 其中 包括 随后 "
                 "开工 建设 新建 扩建 改建 兴建 开建 奠基 签约 动工 竣工 投产 启动 推进 加快 完成 投资 "
                 "上马 引进 争取 谋划 实施 批准 核准 责令 诸如 例如 比如 譬如 新一轮 一座 一条 一批 一个 一处 一项 "
                 # what the name is to the company before it (其全资子公司 + 某某有限公司, 合营企业 + …)
                 "公司 子公司 孙公司 全资 参股 合营企业 合资企业".split())
# verbs that launch a project, never part of its name (建设, 扩建 are: 机场三期扩建工程)
LAUNCH = re.compile(r"(?:启动|开工|动工|推进|加快|签约|落户)(?:建设|实施)?")
NAMELY = re.compile(r"[\u4e00-\u9fff]{1,3}即(?!墨)")  # 吸引物即 + 大熊猫…项目: what 即 names (not 即墨)
# a verb of building before a capacity (西咸新区投建 + 年产100GW单晶硅片项目): the name is what is built
BUILDS = re.compile(rf"(?:建设|投建|新建|扩建|兴建|建)(?={'|'.join(CAPACITY_LEAD)})")
OWNED_BY = re.compile(r".*(?:旗下|下属)")  # 某某集团旗下 + 某某8.5代液晶面板项目: what it owns is named after
POSTED = re.compile(r"([\u4e00-\u9fff]{2,3}?)(?:担任|出任|任)")
CLAUSE = re.compile(r"[，,。；;：:！？!?\n]")
PROGRAM_OF = re.compile(r"建设(?:中)?的[\u4e00-\u9fff]{0,4}(?:工程|项目)")

KIND_HEADS = ("项目", "工程", "生产线", "基地", "产业园", "机场")
# a head alone is no name (建设项目 stays whole)
BARE_HEADS = {*KIND_HEADS, "公司", "集团", "工厂", "新工厂", "厂", "生产基地", "电站", "园区"}
MAX_NAME = 64  # the longest gold name has 55 characters (an English one); longer spans are runs of text
# the rest of a company's name after a span (…工程 + 局有限公司, …项目 + 公司)
COMPANY_AFTER = re.compile(r"[局处]?(?:集团)?(?:股份)?(?:有限)?(?:责任)?公司|[局处]集团")
PAIRS = {"”": "“", "’": "‘", "」": "「", "』": "『", "】": "【", "》": "《", ")": "(", "）": "（"}


def trim(text: str, s: int, e: int, company: bool = False) -> tuple[int, int] | None:
    """The name inside a tagged span: no clause break in it, nothing before an
    unopened closing quote, no leading function word (由该平台公司对”万盛… -> 万盛…), no role
    before a company's name (company: the span was tagged a company)."""
    if e - s > MAX_NAME or CLAUSE.search(text[s:e]) or not company and COMPANY_AFTER.match(text, e):
        return None  # (中交第二公路工程 + 局有限公司: a project's kind inside a company's name)
    if not company and text[s - 1:s] == "是" and PROGRAM_OF.match(text, e):
        return None  # 大桥是 + 县城东扩和旅游公路网 + 建设的控制性工程: the programme a work serves, no work
    s = _word_start(text, s, e)
    for k in range(e - 1, s - 1, -1):
        c = text[k]
        if c in PAIRS and PAIRS[c] not in text[s:k]:
            s = k + 1
            break
    opens = {v: k for k, v in PAIRS.items()}
    for k in range(e - 1, s - 1, -1):  # an opening quote never closed in the span: the name is inside
        c = text[k]
        if c in opens and opens[c] not in text[k:e]:
            s = k + 1
            break
    # a stray mark or space, not the quote a name opens ("三横两纵"项目)
    while s < e and text[s] in "\"' " and not (text[s] == '"' and '"' in text[s + 1:e]):
        s += 1
    if text.startswith(CAPTION, s):  # a photo caption's 图为 before the name
        s += len(CAPTION)
    if s and (text[s] in "年月日号" and text[s - 1].isdigit() or text[s] == "指" and text[s - 1] in "是即"
              or text[s - 1:s + 1] == "其中"):
        s += 1  # the tail of a date (2011年 + 九黄机场…), of 是指 (一纵是指 + 西部南北大通道), of 其中 (其|中国道 + 111线…)
    date = DATE_LEAD.match(text, s, e)  # a résumé's 1987―1991年 or 2002.03―2004.05 + 某某大学
    if re.search(rf"{RANGE}|[.．]", date.group()) and e - date.end() >= 2:
        s = date.end()
    posted = POSTED.match(text, s, e)  # 张某某任 + 某研究院: a person and the post taken
    person = _person_name(text, s) or "-"
    # the person as read, or its first two characters when jieba glued the third to 任 (张光|军任)
    if posted and e - posted.end() >= 2 and posted.group(1).startswith(person) \
            and posted.end() - s in word_ends(jieba.lcut(text[s:e])):  # not 任|职
        s = posted.end()
    namely = NAMELY.match(text, s, e) or OWNED_BY.match(text, s, e)
    if namely and e - namely.end() >= 4:
        s = namely.end()
    # what is launched or built (宁夏适时启动 + 银川…工程, 西咸新区投建 + 年产100GW…项目) is the name
    inner = LAUNCH.search(text, s, e) or BUILDS.search(text, s, e)
    if inner and e - inner.end() >= 4:
        s = inner.end()
    # a clause inside the span: the name comes after its subject's 在 or after a sum
    # (美的中央空调在 + 四川屏山行政中心项目; 克州投资9.54亿元 + …生产线)
    sums = [m.end() for m in AMOUNT.finditer(text, s, e)]
    inner = sums[-1] if sums else _after_at(text, s, e)
    if inner and e - inner >= 4:
        s = inner
    if text.startswith("除", s) and EXCEPT_END.match(text, e):  # 除 + 县人民医院新院区 + 外: what else there is
        s += 1
    funded = FUNDED.match(text, s, e)  # 德资 + 霍尔斯特集团, 韩资 + 新元化学…项目: where the money is from
    if funded and e - funded.end() >= 4:
        s = funded.end()
    if company:
        s = after_clause_word(text, s, e)
    if company and text.endswith("集团", s, e):  # 德国 + 克劳森集团: a foreign group is named without its country
        country = next((c for c in gz.countries() if text.startswith(c, s) and c not in HOME), None)
        s += len(country) if country and e - s - len(country) >= 4 else 0
    while s < e:
        lead = LEAD_MARK.match(text, s, e)
        if lead and e - lead.end() >= 2:
            s = lead.end()
            continue
        role = role_lead(text, s, e) if company else None  # 大股东 + 鞍钢集团 (not 业主委员会)
        if role:
            s = role
            continue
        words = _units(jieba.lcut(text[s:e]))
        first = words[0]
        if len(words) > 2 and points_to(first, words[1]):
            s += len(first) + 1
            continue
        # 新 stays: as often the start of a name (新日电动车, 新谭公路) as the word "new"
        if len(words) > 1 and ((len(first) == 1 and first in SINGLE_STOP and first != "新")
                               or _tag(first).startswith(OPENERS)
                               or (first in LEAD_WORDS and text[s + len(first):e] not in BARE_HEADS)):
            s += len(first)
            continue
        break
    # a name never starts or ends inside a Latin word (D|isplaySearch, TC|L集团)
    while s > 0 and _latin(text[s]) and _latin(text[s - 1], letters=True):
        s -= 1
    while e < len(text) and _latin(text[e - 1]) and _latin(text[e], letters=True):
        e += 1
    return (s, e) if e - s >= 2 else None


def _word_start(text: str, s: int, e: int) -> int:
    """A name starts where a word does: a span that begins inside one (建筑|物即大熊猫…) starts
    after it. Read in the words around the start, so the word is the one the text has."""
    lo = max(0, s - 4)
    k = lo
    for w in jieba.lcut(text[lo:min(e, s + 4)]):
        if k < s < k + len(w) and len(w) > 1 and CJK.search(w) and _freq(w) > 20:
            return k + len(w) if e - (k + len(w)) >= 2 else s
        k += len(w)
    return s


def _after_at(text: str, s: int, e: int) -> int | None:
    """Where the span goes on after its last 在 that jieba reads as a word of its own, when
    a name follows it (not 在华第三家工厂, 在北京的…生产线: a description)."""
    if "在" not in text[s:e]:
        return None
    pos, after = s, None
    words = jieba.lcut(text[s:e])
    for k, w in enumerate(words[:-1]):
        pos += len(w)
        if w == "在" and pos - 1 > s and len(words[k + 1]) > 1 and "的" not in text[pos:e]:
            after = pos
    return after


def _latin(c: str, letters: bool = False) -> bool:
    return c.isascii() and (c.isalpha() if letters else c.isalnum())


def after_clause_word(text: str, s: int, e: int) -> int:
    """A company's name starts after a 由 in the span (某物流城由 + 某置业有限公司), and after a 的 that a
    place's name follows (某园区的 + 甘肃某化工有限公司; not 美的, 奥的斯)."""
    by = text.rfind("由", s, e)
    if by >= 0 and e - by - 1 >= 4 and not text.startswith("由于", by):
        s = by + 1
    of = text.rfind("的", s, e)
    if of >= 0 and e - of - 1 >= 4 and gz.load().forms_starting(text[of + 1:e], ("province", "prefecture", "county")):
        s = of + 1
    return s
