"""Officials: a post next to a person's name, and the place or body the post belongs to."""
from __future__ import annotations

import re

import jieba
from jieba import posseg

from ingest import gazetteer as gz
from ingest import lexicon as lx
from ingest.analysis import SINGLE_STOP, Analysis, Mention, _add, _freq, _tag
from ingest.owners import NON_PUBLIC, SPOKESPERSON, carried_owner, coordinated_owner, post_owner


FUNCTION_SURNAMES = set("向和与都也还就对在将从把给让")  # surnames, but far more often function words
CLOSED_GIVEN = set("强发会同宣致")  # given names among the characters that often end a name's run


# what starts a phrase after a post, never a name of no Chinese surname (书记 + 在讲话中要求)
FUNCTION_FIRST = set("在于对向为要将就把与和同是也还都已正从到被让给")
# adverbs that stand between a name and its verb (…曾表示, …也指出)
ADVERBS = set("曾也还又将已就均仍亦都")


# what an official delivers, after 作 (罗勇 + 作投资环境推介, 作政府工作报告)
DELIVERS = re.compile(r"作[\u4e00-\u9fff]{0,8}?(?:推介|报告|讲话|发言|部署|说明|总结|动员)")


def _person_name(text: str, pos: int) -> str | None:
    """A 2–3 character Chinese name starting at pos, or None."""
    single, double = gz.surnames()
    window = text[pos:pos + 6]
    if len(window) < 2 or not lx.CJK.match(window[0]):
        return None
    sur = 2 if window[:2] in double else 1 if window[0] in single else 0
    if not sur:
        return None
    toks = jieba.lcut(window)
    first = toks[0]
    if sur == 1 and len(first) >= 4 and _freq(first) and not _tag(first).startswith("nr"):
        return None  # a post or phrase read from its first character (党|委书记, 党委书记 after 、)
    name = None
    if len(first) == sur and len(toks) > 1 and 1 <= len(toks[1]) <= 2 and lx.CJK.fullmatch(toks[1][0]):
        name = first + toks[1]  # 王|强, 欧阳|春梅: the surname alone, then the given name
    elif 2 <= len(first) <= 3:
        name = first
    if name is None or len(name) > 3 + (sur - 1):
        name = window[:3] if len(window) >= 3 and window[2] not in lx.NAME_END_CHARS else window[:2]
    # the name ends before a verb (刘雷表示): a 3-character guess gives back its last character
    if len(name) == 3 and sur == 1 and (text.startswith(lx.FOLLOW_VERBS, pos + 2) or DELIVERS.match(text, pos + 2)) \
            and _tag(name) != "nr":
        name = name[:2]
    if any(not lx.CJK.match(c) for c in name):
        return None
    after = text[pos + len(name):pos + len(name) + 1]
    # 李主持: no name; 李强表示, 王强调研: a verb right after closes a name (jieba cuts 王|强调|研)
    if name[sur:] and all(c in lx.NAME_END_CHARS for c in name[sur:]) and after not in lx.PUNCT \
            and not (name[-1] in CLOSED_GIVEN and text.startswith(lx.CLOSING_VERBS + ACTS_HOW, pos + len(name))):
        return None
    # 罗文杰出席: jieba cut 罗文/杰出/席; a following verb after the third character settles it,
    # unless that character is an adverb before the verb (姚坚曾表示, 李强也指出)
    if len(name) == 2 and lx.CJK.match(window[2:3] or "x") and text.startswith(lx.FOLLOW_VERBS + ACTS_HOW, pos + 3) \
            and not text.startswith(lx.FOLLOW_VERBS, pos + 2) and window[2] not in ADVERBS:
        name = window[:3]
    # 谢进才、: jieba cut 谢进/才, but a list separator after three characters ends the name there
    # (unless the third is a verb: 李悦说，; 和 before a break joins nothing: 孙庆和，)
    if len(name) == 2 and len(window) >= 4 and window[3] in "、，,。；" and lx.CJK.match(window[2]) \
            and window[2] not in "等与及的了在是" and (window[2] == "和" or not text.startswith(lx.FOLLOW_VERBS, pos + 2)):
        name = window[:3]
    if name[sur:] in ("某", "某某"):
        return None  # 周某: someone the article leaves unnamed
    # 主任向记者介绍, 主任和专家: a function word that is also a surname, before a common word
    if sur == 1 and name[0] in FUNCTION_SURNAMES and _freq(name[1:]) > 500 and not _tag(name[1:]).startswith("nr"):
        return None
    if _freq(name) > 500 and _tag(name) != "nr":  # a dictionary word (主要, 相关), not a person
        return None
    return name


# how an official does what follows (分别参加, 多次到): where a name ends
ACTS_HOW = ("分别", "多次", "先后", "亲自", "一同", "共同", "随后", "首先", "专程", "一起")
# a name written in the letters of another language: 雪克来提·扎克尔, 亚森·吾守尔
DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}(?:[·•][\u4e00-\u9fff]{1,9}){1,2}")
# when, where or with whom an official does what follows (…·吐尔逊今年以来, …·买买提在): where a name ends
WHEN_AFTER = ("今年", "去年", "近日", "日前", "昨日", "昨天", "当天", "近年", "此前", "近期", "一行", "在", "到", "赴", "与")
POST_FIRST = re.compile(rf"(?:{lx.POSTS})")


def _dotted_name(text: str, pos: int) -> str | None:
    """A name transliterated with its dots (艾力·买买提), up to the verb after it (…·扎克尔 + 出席)."""
    dotted = DOTTED_NAME.match(text, pos)
    if dotted is None or POST_FIRST.match(text, pos):  # 县长 + 热合曼·吐尔地: a post, the name after it
        return None
    name = dotted.group()
    last = max(name.rfind("·"), name.rfind("•")) + 1
    post = POST_FIRST.search(name, last + 1)  # …·扎克尔 + 主任: the post after the name
    cut = min((k for k in (name.find(v, last) for v in lx.FOLLOW_VERBS + ACTS_HOW + WHEN_AFTER + ("的",)) if k > last),
              default=post.start() if post else len(name))
    return name[:cut]


def _parts_name(text: str, pos: int) -> str | None:
    """A name of two or more known parts of another language (才让 + 多杰, 额尔敦 + 巴特尔), longest first,
    or of one part before a break or a verb (旗长其木格出席, 书记央金介绍)."""
    parts = gz.name_parts()
    k, n = pos, 0
    while k - pos < 6 and (part := next((text[k:k + j] for j in (4, 3, 2) if text[k:k + j] in parts), None)):
        k, n = k + len(part), n + 1
    if n == 1 and (text[k:k + 1] in lx.PUNCT or text.startswith(lx.FOLLOW_VERBS, k)):
        return text[pos:k]  # (镇党委书记央金 + 介绍: a name of one part)
    return text[pos:k] if n >= 2 else None


def _other_name(text: str, pos: int) -> str | None:
    """A name after a post that no Chinese surname begins: what jieba reads as a person (布|小林,
    巴特尔) running to a verb or a break."""
    name = ""
    for w in posseg.lcut(text[pos:pos + 8]):
        if not w.flag.startswith("nr") or len(name + w.word) > 4:
            break
        name += w.word
    rest = text[pos + len(name):]
    if 2 <= len(name) <= 4 and lx.CJK.fullmatch(name[0]) and (rest[:1] in "，。、；：,;"
                                                              or rest.startswith(lx.FOLLOW_VERBS)):
        return name
    # four to six characters of no common word before what an official does (旦增平措 + 表示, 次仁多吉 +
    # 多次…, 额尔敦巴特尔 + 讲话)
    for k in (4, 5, 6):
        name = text[pos:pos + k]
        if re.fullmatch(r"[\u4e00-\u9fff]+", name) and len(name) == k and name[0] not in FUNCTION_FIRST \
                and text.startswith(lx.FOLLOW_VERBS + ACTS_HOW, pos + k) and not POST_FIRST.search(name) \
                and not any(_freq(w) >= 1000 or w in SINGLE_STOP for w in jieba.lcut(name)):
            return name
    return None


# what 县长, 镇长 run into that is no official (县长江干堤; not 局长江传文)
ACROSS_POST = re.compile(r"长(?:江(?:干堤|大堤|堤|流域|沿岸|沿线|大桥|水位|经济带|航道|干流|支流|[上中下]游|岸线|大保护|防汛|汛)|城|征)")


def _names_after(text: str, pos: int) -> list[tuple[int, str]]:
    """Names at pos, and after it joined by 、 (市领导李欣、姚桂梅、戴雷)."""
    out = []
    if ACROSS_POST.match(text, pos - 1):
        return out  # 全县长江干堤, 镇长城墙: the post's last character opens a word, no name follows
    while True:
        name = _dotted_name(text, pos) or _parts_name(text, pos) or _person_name(text, pos) or _other_name(text, pos)
        if not name:
            break
        out.append((pos, name))
        nxt = pos + len(name)
        if nxt < len(text) and text[nxt] in "、和及":
            pos = nxt + 1
            continue
        break
    return out


def _own_title(title: str, start: int, owner: dict | None) -> str:
    """盛泽镇党委书记: the post is 党委书记; 徐州市委书记: the post keeps 市 (市委书记);
    吴江区区长: the post is 区长."""
    if owner and owner.get("unit"):
        return owner["unit"] + title
    if owner and "mention" in owner:
        shared = owner["mention"].end - start
        rest = title[shared:]
        if shared > 0 and lx.TITLE.fullmatch(rest):
            return rest
    return title


def find_officials(a: Analysis, g: gz.Gazetteer) -> None:
    text = a.text
    pending = []  # posts written before another place's post (保山市委常委、腾冲市委书记某某)
    for m in lx.TITLE.finditer(text):
        title = m.group(0)
        before = text[max(0, m.start() - 4):m.start()]
        if any(before.endswith(w) for w in lx.NOT_OFFICIAL_BEFORE) or text.startswith(lx.WORD_INTO_POST, m.start() - 1):
            pending = []
            continue
        names = _names_after(text, m.end())
        owner = post_owner(a, g, m.start(), title)
        if owner is None or "implied" in owner:
            owner = coordinated_owner(a, m.start(), title) or owner
        owner = owner or carried_owner(a, m.start(), title)
        if (owner and owner.get("company")) or lx.AFTER_COMPANY_POST.search(text, max(0, m.start() - 6), m.start()) \
                or (not (owner and owner.get("label") == "Place" and "mention" in owner)
                    and NON_PUBLIC.search(text[max(0, m.start() - 14):m.start()])):
            pending = []
            continue  # a post inside an enterprise, an association, a market or a research centre
        if SPOKESPERSON.search(title) and not (owner and "mention" in owner):
            pending = []
            continue  # a spokesperson speaks for the body written before the post, or for nobody we know
        tstart = m.start()
        if title.startswith("区") and text.endswith("自治", 0, tstart):  # 自治区主席, not 区主席
            title, tstart = "自治" + title, tstart - 2
        title = _own_title(title, tstart, owner)
        if not names:
            nxt = m.end() + 1
            place = next((x for x in a.mentions if x.label == "Place" and x.start == nxt), None)
            # (or a department's post: 清远市副市长、市三防指挥部副总指挥甲)
            dept_post = lx.TITLE.search(text, nxt, nxt + 16)
            chained = text[m.end():nxt] in ("、", "，", ",") and owner and ("mention" in owner or "implied" in owner) \
                and (place is not None or (text[m.end():nxt] == "、" and dept_post is not None
                                           and not any(c in lx.CLAUSE_BREAK for c in text[nxt:dept_post.start()])))
            pending = pending + [(title, owner)] if chained else []
            continue
        for pos, name in names:
            men = _add(a, pos, pos + len(name), "Official", name, title=title, owner=owner)
            if men is not None and pending:
                men.extra["also"] = list(pending)
        pending = []
    _appointments(a, g)
    for m in lx.LEADER_LIST.finditer(text):
        for pos, name in _names_after(text, m.end()):
            _add(a, pos, pos + len(name), "Official", name)
    # name + post (习近平总书记, 张克常委)
    for m in re.finditer(r"(?:总书记|常委|同志)", text):
        for n in (3, 2):
            s0 = m.start() - n
            if s0 < 0 or (n == 2 and s0 > 0 and lx.CJK.match(text[s0 - 1]) and text[s0 - 1] not in "，。、；：！？“”"
                          and _person_name(text, s0 - 1) == text[s0 - 1:m.start()]):
                continue
            cand = text[s0:m.start()]
            if s0 > 0 and _freq(text[s0 - 1:s0 + 1]) > 100:
                continue  # 相关负责同志: the name would start inside a word
            if any(c in cand for c in "委市县区省党政府人大协会长记主任书") or not lx.CJK.fullmatch(cand[0]):
                continue
            name = _person_name(text, s0)
            if name == cand:
                _add(a, s0, m.start(), "Official", name)
                break
    _spread_official_mentions(a)


def _appointments(a: Analysis, g: gz.Gazetteer) -> None:
    """The name before the post: 任命张三为某省人民政府副省长, 提名李四担任某县县长, 免去王五的某厅厅长职务;
    a list of names (选举甲、乙为副县长), the clauses after that share the verb (…，丙为副区长；) and
    the elected before 当选 (丁当选为县长)."""
    text = a.text
    for m in lx.APPOINT.finditer(text):
        pos = m.end() + (text[m.end():m.end() + 1] in "：:")  # 决定任命：甲为…；乙为…
        removal = m.group() == "免去"
        while (end := _appointed(a, g, pos, removal=removal)) is not None:
            end += 2 if removal and text.startswith("职务", end) else 0  # 免去甲的…职务；乙的…职务
            if text[end:end + 1] not in ",;，；":
                break
            pos = end + 1
    for m in ELECTED.finditer(text):
        lo = max((text.rfind(c, 0, m.start()) for c in ",;:，。；：\n"), default=-1) + 1
        _appointed(a, g, lo, until=m.start(), link_at=m.end())


# the verb after the names of who takes a post (甲、乙当选为副县长, 丙担任县长, 丁任县委书记), the
# post after it
ELECTED = re.compile(r"(?:同志)?(?:当选为?|担任|出任|(?<![主责信担出兼])任(?![务职期命何]))")


def _appointed(a: Analysis, g: gz.Gazetteer, pos: int, removal: bool = False, until: int | None = None,
               link_at: int | None = None) -> int | None:
    """Officials named at pos (ending at until, when given) and the post after their link (为, 担任,
    的 for a removal; at link_at, when given): where the post ends, or None when there is none."""
    text = a.text
    names = _names_after(text, pos)
    if not names:
        return None
    after = names[-1][0] + len(names[-1][1])
    if until is not None and after != until:
        return None
    if link_at is None:
        link = next((w for w in ("为", "担任", "的") if text.startswith(w, after)), None)
        if link is None or (link == "的") != removal:
            return None
        link_at = after + len(link)
    tm = lx.TITLE.search(text, link_at, link_at + 20)
    if tm is None or any(c in lx.CLAUSE_BREAK for c in text[after:tm.start()]):
        return None
    owner = post_owner(a, g, tm.start(), tm.group(0))
    if owner is None or "implied" in owner:  # 任湘西州委委员、常委、书记: the place written before the posts
        # (the nearest, when the body names its parent too: 中共北京市通州区委员会)
        place = max((x for x in a.mentions if x.label == "Place" and link_at <= x.start and x.end <= tm.start()),
                    key=lambda x: x.start, default=None)
        owner = {"label": "Place", "mention": place} if place is not None else owner
    owner = owner or carried_owner(a, tm.start(), tm.group(0))
    if owner and owner.get("company"):
        return None
    for p, name in names:
        _add(a, p, p + len(name), "Official", name, title=_own_title(tm.group(0), tm.start(), owner), owner=owner)
    return tm.end()


def _find_all(text: str, s: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(s), text)]


def _spread_official_mentions(a: Analysis) -> None:
    """Count later bare mentions of a known official's name (宋乐伟指出…); a reading that the
    article always writes with the same next character is that name (主任盛佃清作推介, 盛佃清主任
    介绍: not 盛佃; 吉克拉格, not 吉克拉)."""
    text = a.text
    todo = [n for n in {m.name for m in a.by_label("Official")} if 2 <= len(n) <= 4 and "·" not in n]
    while todo:  # (a name of another language runs on: 吉克拉|格, 乌力吉|巴|图)
        name = todo.pop()
        at = _find_all(text, name)
        k = len(name)
        nexts = {text[i + k:i + k + 1] for i in at}
        c = nexts.pop() if len(nexts) == 1 else ""
        if len(at) >= 2 and c and lx.CJK.fullmatch(c) and c not in lx.NAME_END_CHARS \
                and not text.startswith(lx.FOLLOW_VERBS, at[0] + k) and not POST_FIRST.match(text, at[0] + k):
            for m in a.by_label("Official"):
                if m.name == name:
                    m.end += 1
                    m.name = m.text = text[m.start:m.end]
            if k + 1 < 5:
                todo.append(name + c)
    known = {m.name for m in a.by_label("Official")}
    taken = {(m.start, m.end) for m in a.mentions}
    for name in known:
        i = a.text.find(name)
        while i >= 0:
            if (i, i + len(name)) not in taken and not any(x.start < i + len(name) and i < x.end for x in a.mentions):
                a.mentions.append(Mention(i, i + len(name), "Official", name, name))
            i = a.text.find(name, i + len(name))
