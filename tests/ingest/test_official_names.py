"""Officials' names: where a name after a post starts and ends, names of other languages, and
phrases that are no name."""
import pytest

from ingest.extract import extract_text
from tests.ingest.record_sets import names, rels


def test_a_name_the_article_always_writes_with_a_third_character_keeps_it(monkeypatch):
    from ingest.pipeline import nlp
    monkeypatch.setenv("GOVKG_NO_MODEL", "1")
    got = {m.name for m in nlp()("省文化厅厅长盛佃清作主旨推介。会上，盛佃清主任介绍了文化资源。")._.kg.mentions
           if m.label == "Official"}
    assert got == {"盛佃清"}
    got = {m.name for m in nlp()("市长刘雷表示，会上刘雷指出要抓落实。")._.kg.mentions if m.label == "Official"}
    assert got == {"刘雷"}


@pytest.mark.parametrize("text, want", [
    ("市水务局综合处处长钱悦说，明年将完成河道整治。", {"钱悦"}),  # 说 is what she did, not her name
    ("市采购中心主任向记者介绍，今年采购额增长两成。", set()),  # 向记者: to the reporter
    ("座谈会上，各地采购中心主任和专家交流了经验。", set()),
    ("铁路局局长陈京、党委书记韩嘉被免职。", {"陈京", "韩嘉"}),  # no 党委书 read from the next post
    ("医院副院长周某负责带队考察。", set()),  # someone the article leaves unnamed
])
def test_words_after_a_post_that_are_no_name(text, want):
    assert names(extract_text(text), "Official") == want


@pytest.mark.parametrize("text, official", [
    ("省委书记李强强调，要把重点项目抓紧抓实。", "李强"),
    ("县委书记王强调研了园区的两个在建项目。", "王强"),
    ("市长张强在会上说，要加快审批。", "张强"),
    ("副区长周会出席签约仪式。", "周会"),
    ("县长王强分别看望了困难群众。", "王强"),  # how the official does it (分别, 先后) closes the name too
])
def test_a_name_ending_in_a_character_that_often_closes_a_run_is_kept_before_a_verb(text, official):
    assert official in names(extract_text(text), "Official")


@pytest.mark.parametrize("text", [
    "市委书记强调，要加快建设进度。",
    "企业需要年富力强的同志担任党委书记。",
])
def test_no_name_is_read_from_the_verb_or_the_phrase_after_a_post(text):
    assert names(extract_text(text), "Official") == set()


@pytest.mark.parametrize("text, name", [
    ("副市长王坚也表示，将全力做好服务。", "王坚"),
    ("交通运输部新闻发言人吴涛曾表示，项目年内开工。", "吴涛"),
])
def test_an_adverb_between_a_name_and_its_verb_is_no_part_of_the_name(text, name):
    assert names(extract_text(text), "Official") == {name}


@pytest.mark.parametrize("text, name", [
    ("常务副市长罗勇作投资环境推介。", "罗勇"),  # 作 + what is delivered: no third character
    ("市长陈光作政府工作报告。", "陈光"),
    ("市长周文杰分别走访了三家企业。", "周文杰"),  # 分别 after a third character: the name has three
])
def test_where_a_name_ends_before_what_the_official_delivers_or_how(text, name):
    assert names(extract_text(text), "Official") == {name}


@pytest.mark.parametrize("text, official", [
    ("伊犁州副州长艾力·买买提表示，项目进展顺利。", "艾力·买买提"),  # transliterated, with its dot
    ("阿拉善盟副盟长斯琴出席开工仪式。", "斯琴"),  # no Chinese surname begins it
])
def test_a_name_no_chinese_surname_begins_is_read_after_a_post(text, official):
    assert official in names(extract_text(text), "Official")


@pytest.mark.parametrize("text, official, place", [
    # a Tibetan name, four characters and no surname, before what the official does
    ("昌都市委副书记、市长扎西顿珠表示，要加快项目建设。", "扎西顿珠", "昌都市"),
    ("察雅县委副书记、县长格桑旺堆多次到工地调度。", "格桑旺堆", "察雅县"),
    # a transliterated name ends before how the official acts (分别, 先后)
    ("伊宁县委副书记、县长艾力·买买提分别走访了企业。", "艾力·买买提", "伊宁县"),
    # a transliterated name after a post in a list of posts, and a prefecture's 行署 and its 专员
    ("巴里坤县委书记刘建平、县长艾山·托合提陪同调研。", "艾山·托合提", "巴里坤哈萨克自治县"),
    ("阿克苏地区行署副专员买买提·吐尔逊表示，要保障供水。", "买买提·吐尔逊", "阿克苏地区"),
    # a Hui surname
    ("临夏州委副书记、州长冶建国出席会议。", "冶建国", "临夏回族自治州"),
])
def test_a_name_without_a_chinese_surname_after_a_post(text, official, place):
    rec = extract_text(text)
    assert (official, place) in rels(rec, "LEADS")


@pytest.mark.parametrize("text, official", [
    ("吴忠市委副书记、市长纳建华出席开工仪式。", "纳建华"),   # Hui
    ("市人大常委会主任刀文光主持会议。", "刀文光"),           # Dai
    ("自治区副主席阿不都·热合曼近日到喀什调研。", "阿不都·热合曼"),  # a dotted name ends before when he went
    ("州长热依拉·吐尔逊汇报了全州工作。", "热依拉·吐尔逊"),  # ... before what she did
    ("副州长阿迪力·努尔买买提江深入企业调研。", "阿迪力·努尔买买提江"),  # a last part of seven
    ("美姑县委副书记、县长吉克阿果介绍了全县情况。", "吉克阿果"),  # Yi, of two parts
    ("县委副书记、县长沙马阿依介绍了全县情况。", "沙马阿依"),
    ("凉山州政府副州长阿果拉哈，州发展改革委主任出席。", "阿果拉哈"),
    ("甘孜州人民政府副州长降央拉姆，道孚县委书记出席仪式。", "降央拉姆"),  # Tibetan
])
def test_names_of_the_nationalities_after_a_post(text, official):
    assert names(extract_text(text), "Official") == {official}


@pytest.mark.parametrize("text, official", [
    ("州政府秘书长朴成日陪同调研。", "朴成日"),       # Korean
    ("市委副书记、市长拜学军出席仪式。", "拜学军"),    # Hui
    ("会议任命刘晓川为延庆区人民检察院检察员。", "刘晓川"),  # a judicial post
])
def test_more_surnames_and_posts(text, official):
    assert official in names(extract_text(text), "Official")


@pytest.mark.parametrize("text, official", [
    ("凉山州委书记吉克拉格出席。吉克拉格指出，要抓好项目。", "吉克拉格"),   # Yi
    ("旗委书记乌力吉巴图宣布开工。乌力吉巴图表示，要加快建设。", "乌力吉巴图"),  # Mongol
    ("市政协主席欧阳春梅出席。", "欧阳春梅"),                               # a two-character surname
    ("县委书记王建国出席。王建国书记指出，要抓好落实。", "王建国"),           # a post after: no part of it
])
def test_a_name_the_article_always_writes_whole_is_read_whole(text, official):
    assert names(extract_text(text), "Official") == {official}


@pytest.mark.parametrize("text, name", [
    ("玉树州委副书记、州长索南旦增出席开工仪式。", "索南旦增"),  # Tibetan parts, no Chinese surname
    ("县委书记格桑顿珠主持会议，县长扎西平措讲话。", "扎西平措"),
    ("锡林郭勒盟委委员、副盟长巴音孟和，盟人大工委主任乌兰其其格陪同。", "巴音孟和"),  # 巴 and 乌 open Han names too
    ("锡林郭勒盟委委员、副盟长巴音孟和，盟人大工委主任乌兰其其格陪同。", "乌兰其其格"),
    ("副市长阿拉坦巴特尔讲话。", "阿拉坦巴特尔"),
])
def test_a_name_of_known_parts_of_another_language_is_read_whole(text, name):
    assert name in names(extract_text(text), "Official")


@pytest.mark.parametrize("text, want", [
    ("县长王建国、副县长李明出席开工仪式。", {"王建国", "李明"}),  # the post after 、 is no part of a name
    ("鞍山市委书记孙庆和，市长王强出席。", {"孙庆和", "王强"}),  # 和 before a break joins nothing
    ("县委书记吉克伍沙主持会议。", {"吉克伍沙"}),
])
def test_names_in_a_list_of_officials_end_where_they_do(text, want):
    assert names(extract_text(text), "Official") == want


@pytest.mark.parametrize("text", [
    "县委书记在讲话中强调，要抓好安全生产。",  # a phrase after a post, starting with 在
    "该县地处长江中游，交通便利。",  # 地处: no 处长
])
def test_a_phrase_after_a_post_is_no_name(text):
    assert names(extract_text(text), "Official") == set()


@pytest.mark.parametrize("text, name", [
    ("旗委副书记、旗长其木格出席签约仪式。", "其木格"),  # one Mongolian part of three characters
    ("盟委委员、副盟长乌力吉图，旗委书记张振国出席。", "乌力吉图"),
])
def test_a_name_of_one_known_part_is_read_whole(text, name):
    assert name in names(extract_text(text), "Official")


@pytest.mark.parametrize("text, official", [
    ("开发区管委会主任、金州区区长孙宏作工作报告。", "孙宏"),  # 作工作报告: what he did
    ("伊犁州人民检察院检察长吾甫尔·艾沙列席会议。", "吾甫尔·艾沙"),
    ("州委副书记、州长才让当周主持开工仪式。", "才让当周"),  # two Tibetan parts
])
def test_a_name_ends_before_what_the_official_does(text, official):
    assert names(extract_text(text), "Official") == {official}


@pytest.mark.parametrize("text, official, body", [
    ("任命周帆为南阳市中级人民法院审判委员会委员、民事审判第二庭庭长。", "周帆", "南阳市中级人民法院"),
    ("珠海市投资促进署副署长陈思源出席推介会。", "陈思源", None),  # an agency's head: 署长
])
def test_posts_of_a_court_s_committee_and_of_an_agency(text, official, body):
    rec = extract_text(text)
    assert official in names(rec, "Official")
    assert body is None or (official, body) in rels(rec, "LEADS")
