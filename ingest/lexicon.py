"""Word lists the rules use: titles, suffixes, stop words. Generic Chinese
news vocabulary only — never names from any particular article."""
from __future__ import annotations

import re

PUNCT = set("，。、；：？！“”‘’（）()《》〈〉【】[]「」『』,.;:?!\"' \t\r\n…—-·/|　")
CLAUSE_BREAK = set("，。；：？！,;:?!\n“”\"《》【】「」『』()（）")
SENT_SPLIT = re.compile(r"[^。！？!?；;\n]*[。！？!?；;\n]?")
CJK = re.compile(r"[\u4e00-\u9fff]")

# ---- officials ---------------------------------------------------------------
# Bodies a post belongs to; the first character often doubles as the end of the
# place name before it (徐州市委书记 = 徐州市 + 市委书记).
BODY = (r"(?:省委|市委|县委|区委|州委|旗委|盟委|地委|工委|党工委|镇党委|乡党委|街道党工委|党委|党组|"
        r"省人大常委会|市人大常委会|县人大常委会|区人大常委会|人大常委会|省人大|市人大|县人大|区人大|人大|"
        r"省政协|市政协|县政协|区政协|政协|省政府|市政府|县政府|区政府|镇政府|乡政府|人民政府|政府|"
        r"管委会|纪委|监委|纪工委|办事处|行署|行政公署|省|市|县|区|镇|乡|街道)")
POSTS = ("一级巡视员|二级巡视员|一级调研员|二级调研员|三级调研员|四级调研员|一级主任科员|二级主任科员|三级主任科员|"
         "四级主任科员|副主任科员|主任科员|常务副主席|常务副县长|常务副区长|常务副州长|常务副部长|常务副局长|常务副省长|副省长|省长|常务副市长|副市长|市长|副县长|县长|副区长|区长|副州长|州长|副镇长|镇长|副乡长|乡长|"
         "副旗长|旗长|副盟长|盟长|总书记|副书记|书记|党组书记|常务委员会主任|常务副主任|副主任|主任|副主席|主席|"
         "委员长|副局长|局长|副厅长|厅长|副所长|所长|副部长|部长|常委|副秘书长|秘书长|检察长|副院长|院长|"
         "政委|总理|副总理|国务委员|工委书记|党工委书记|主任委员|"
         "副司长|司长|副处长|处长|副科长|科长|总经济师|总工程师|总规划师|主席助理|省长助理|市长助理|"
         "副巡视员|巡视员|副调研员|调研员|新闻发言人|发言人|副专员|专员|"
         "指挥长|副指挥长|总指挥|副总指挥|检察员|审判员|庭长|副庭长|审判委员会委员|检察委员会委员|署长|副署长")
POSTS = "|".join(sorted(POSTS.split("|"), key=len, reverse=True))  # the longest post first (省长助理, not 省长)
TITLE = re.compile(
    rf"(?:{BODY}(?:常委、)?)?(?:{POSTS})(?:(?:、|，|兼|和|及)(?:{BODY})?(?:{POSTS}))*")
# Posts written after a name (习近平总书记, 张克常委, 王某某同志).
POST_AFTER_NAME = re.compile(r"^(总书记|常委|书记|副书记|主席|总理|委员长|主任|市长|县长|区长|同志)")
# Verbs that put a name before its post (任命张三为…副省长).
APPOINT = re.compile(r"(?:任命|提名|推选|选举|决定由|免去)")  # 免去某某的…职务: the post held till now
# Words that introduce a list of officials without a specific post.
LEADER_LIST = re.compile(r"(?:相关领导|(?:省|市|县|区|镇|州|旗|盟|街道|自治区)(?:党政军|党政)?领导|(?:党政军|党政)领导|领导同志|负责同志|嘉宾)[：:]?")
# Posts inside an enterprise: never an Official (SCHEMA.md).
COMPANY_POSTS = ("董事长", "总经理", "总裁", "副总裁", "经理", "董事", "监事", "创始人", "首席")
# a post chained after an enterprise post is the enterprise's too (集团公司总经理、党组书记)
AFTER_COMPANY_POST = re.compile(rf"(?:{'|'.join(COMPANY_POSTS)})[、，兼]$")
NOT_OFFICIAL_BEFORE = ("记者", "通讯员", "编辑", "责编", "摄影", "实习生", "市民", "村民", "居民", "网友", "患者",
                       "员工", "职工", "工人", "学生", "老师", "教师", "医生", "司机", "群众", "师傅",
                       "董事局", "董事会", "项目部")  # a company's board and a builder's site office
# a word that ends in a post's first character (荆州地处长江中游: no 处长 江中游)
WORD_INTO_POST = ("地处", "身处", "所处")
# Characters that start the word after a name (宋乐伟出席, 刘雷表示): they end the name.
NAME_END_CHARS = set("出主表说指强讲在等和与及同调带率参陪会到对为是也都一向就以要认提介作视考看听致发宣"
                     "了的，。、；：！？,;:!?（(“\"上下前后一行来去")

# Verbs that follow a name in news (宋乐伟出席, 王剑锋主持): they mark where the name ends.
FOLLOW_VERBS = ("出席", "主持", "表示", "指出", "强调", "讲话", "介绍", "参加", "陪同", "调研", "带队", "会见", "视察",
                "考察", "一行", "同志", "率队", "致辞", "宣布", "要求", "来到", "深入", "检查", "慰问", "认为", "透露",
                "宣读", "通报", "汇报", "部署", "听取", "作了", "作出", "在", "说", "等", "对", "就", "向", "与", "和",
                "到", "赴", "前往", "带领", "看望", "走访", "率", "为", "是", "也", "还", "则", "再", "又",
                "列席", "作工作报告", "作报告", "作讲话", "作重要讲话", "作动员讲话", "作总结", "作部署", "作发言",
                "作表态发言", "作说明", "作交流")
CLOSING_VERBS = tuple(v for v in FOLLOW_VERBS if v != "同志")  # the verbs that close a name before them

# ---- companies and organizations -------------------------------------------
# A company's legal forms; the limited ones may follow 集团 (集团有限公司). None starts another,
# so at most one matches at a place and their order in an alternation changes no match.
LIMITED_FORMS = "股份有限公司|有限责任公司|有限公司"
LEGAL_FORMS = rf"{LIMITED_FORMS}|股份公司|总公司|集团公司|公司|株式会社"
# the end of a full legal name (…有限公司, …株式会社), with the place in brackets some add after it
LEGAL_NAME_END = re.compile(rf"(?:{LIMITED_FORMS}|株式会社)(?:[(（][\u4e00-\u9fff]{{2,6}}[)）])?")
# a branch (分公司) is found like a company; a bare 集团 is tried last, after the forms it starts
COMPANY_SUFFIX = re.compile(
    rf"(?:(?:[（(][\u4e00-\u9fff]{{2,6}}[)）])?(?:集团(?:{LIMITED_FORMS})|{LEGAL_FORMS}|分公司)|集团)")
# the noun after a pronoun (该|公司, 该|集团), left at the start of a name the walk or the tagger ran into
PRONOUN_NOUN = re.compile(r"公司|集团")  # read with .match, at the name's start
# what joins the names of a list (A、B和C, A以及B)
COORD = re.compile(r"以及|和|及|与|、")
# A bank and the branch after it (中国农业发展银行吉林省分行, 招商银行上海分行): a company, but the
# central bank and the multilateral ones, which are organizations
BANK = re.compile(r"银行(?:[\u4e00-\u9fff]{2,6}?(?:中心支行|分行|支行|营业部))?")
PUBLIC_BANK = re.compile(r"人民银行|中央银行|世界银行|国际清算银行|(?:亚洲|美洲|非洲|欧洲|新)开发银行|"
                         r"(?:欧洲|亚洲基础设施)投资银行")
# The engineering bureaus of the state construction groups are companies (中铁隧道局, 中建八局, 中交二航局)
SOE_BUREAU = re.compile(r"(?:中铁|中建|中交|中冶|中水|中电建|中能建|中核|中化|中煤|水电)[\u4e00-\u9fff]{0,4}?局(?!长)"
                        r"(?:集团有限公司|集团|有限公司|有限责任公司)?")
# Institutions; 局/厅/委 bodies come only through an official's post.
ORG_SUFFIX = re.compile(
    r"(?:医科大学|大学|学院|研究院|设计院|规划院|研究所|科学院|社科院|农科院|林科院|医科院|工程院|医院|卫生院|保健院|派出所|公安分局|公安局|公安厅|"
    r"人民法院|法院|人民检察院|检察院|高等专科学校|专科学校|职业学校|中学|小学|实验室|研究中心)")
# a university's hospital or school, one body with it (某大学 + 附属第一医院)
AFFILIATED = re.compile(r"附属(?:第[一二三四五六七八九十]+)?[\u4e00-\u9fff]{0,4}?(?:医院|中学|小学|学校|幼儿园)")
# Associations, chambers and stations (中国汽车工业协会, 中国欧盟商会, 全国工商联, 院士工作站), and world
# bodies (世界贸易组织): institutions too, named by more than a kind (行业协会, 环保组织 name none)
ASSOCIATION = re.compile(r"协会|商会|学会|联合会|基金会|促进会|研究会|分会|工商联|工作站|组织")
WORLD_BODY = re.compile(r"(?:世界|国际|联合国|世贸|亚太|欧洲|欧盟|东盟|非洲|美洲)")
DEPT_SUFFIX = re.compile(r"(?:委员会|管理局|局|厅|委|办公室|办)$")
GENERIC_NAMES = {
    "公司", "子公司", "分公司", "该公司", "本公司", "集团", "该集团", "母公司", "总公司", "科技公司", "投资公司",
    "有限公司", "平台公司", "国有公司", "附属公司", "国企", "民营企业", "外资企业", "企业", "大学", "学院", "医院", "中学", "小学",
    "研究院", "研究所", "派出所", "实验室", "公安派出所", "公安局", "人民医院", "人民法院", "人民检察院",
    "委员会", "管委会", "董事会", "董事局", "监事会", "监管中心", "服务中心", "工作站",
}
# Words that end a name when walking left from its suffix.
STOP_WORDS = {
    "由", "图为", "投向", "在", "与", "和", "及", "以及", "同", "跟", "对", "为", "是", "将", "把", "向", "从", "经", "被", "让", "给",
    "等", "的", "了", "着", "地", "得", "于", "其", "该", "这", "此", "各", "每", "本", "我", "我们", "他", "他们",
    "来自", "历任", "曾任", "现任", "担任", "出任", "新任", "时任", "前任", "首任", "继任", "推动", "推进", "加快", "加快推进", "支持", "引进", "招引", "签约", "落户", "建设", "投资", "打造", "实施",
    "启动", "开工", "竣工", "培育", "重点", "全力", "紧盯", "抓好", "围绕", "服务", "走访", "调研", "参观", "考察",
    "视察", "会见", "接待", "举行", "召开", "成立", "组建", "联合", "携手", "包括", "如", "有", "其中", "分别", "以",
    "共", "新", "位于", "坐落", "落地", "签署", "协议", "合作", "依托", "聚焦", "做好", "做强", "壮大", "保障",
    "助力", "带动", "吸引", "对接", "洽谈", "谋划", "储备", "新建", "扩建", "续建", "开展", "完成", "实现", "确保",
    "力争", "争取", "计划", "拟", "已", "正在", "正", "也", "还", "都", "均", "又", "并", "再", "就", "才", "更",
    "一批", "一个", "多个", "首个", "主要", "总", "像", "例如", "比如", "作为", "通过", "关于", "根据", "按照",
    "深入", "积极", "大力", "加大", "加速", "持续", "不断", "进一步", "全面", "着力", "努力", "协调", "督促",
    "指导", "帮助", "推介", "参与", "参加", "出席", "主持", "表示", "指出", "强调", "认为", "介绍", "说", "称",
    "获悉", "了解", "获得", "荣获", "评为", "成为", "属于", "拥有", "面向", "针对", "瞄准", "精心", "快速", "随后",
    "先后", "目前", "正值", "今年", "去年", "近日", "日前", "此前", "同时", "此外", "另外", "还有", "一是", "二是", "三是",
    "今后", "未来", "预计", "届时", "当天", "期间", "以来", "之后", "之前", "首站", "来到", "前往", "赴",
    "组织", "邀请", "委托", "授权", "设立", "注册", "收购", "并购", "控股", "入股", "增资", "出资", "运营",
    "生产", "研发", "销售", "提供", "发布", "举办", "承办", "主办", "冠名", "开业", "投产", "达产", "运行",
    "动员", "团结", "服务于", "所属", "旗下", "下属", "直属", "龙头", "骨干", "重大", "大型", "知名", "著名",
    "全国", "全省", "全市", "全区", "全县", "国内", "国际", "海外", "境外", "当地", "本地", "外地", "诸如", "加盟", "另据",
}
INNER_SCOPE = "国际"  # a stop word before a name (引进国际…), inside one after a name (北京国际信托, 成都国际商贸城)
# whose money a company or a project is (港资, 外商独资, 中外合资): a kind, never a name
OWNERSHIP = r"[外内港澳台合独中日韩德美法英欧]资|外商独资|中外合资|外商"
# Nouns for a company's role that precede its name (股东北车集团).
ROLE_NOUNS = {"股东", "控股股东", "大股东", "母公司", "子公司", "客户", "供应商", "承包商", "开发商", "投资方", "合作方",
              "甲方", "乙方", "业主", "中标人", "中标方", "联合体", "旗下", "下属", "央企", "国企", "民企", "外企", "企业", "全资",
              "东家", "收购方", "买方", "卖方", "承建方", "施工方", "建设方", "隶属于", "合作伙伴", "竞争对手",
              "国有企业", "平台公司", "国有平台公司", "项目业主", "业主单位", "施工单位", "总承包方", "社会资本方"}
# a role written before a company's name, with what qualifies it (大股东, 新东家, 被收购方, 县属国有企业, 区内企业)
ROLE_LEAD = re.compile(rf"(?:被|原|新|大|老|[省市县区州]属|[省市县区镇]内|园区|辖区|本地|当地|龙头)?"
                       rf"(?:{'|'.join(sorted(ROLE_NOUNS, key=len, reverse=True))})")
# Project names: suffixes, and the generic words that make a phrase no name.
PROJECT_SUFFIX = re.compile(
    r"(?:项目|基地|产业园|科技园|创新园|产业城|生产线|码头|接收站|高速公路|公路|铁路|大桥|水库|电站|电厂|"
    r"综合体|物流园|物流中心|数据中心|配送中心|物流城|污水处理厂|工程|广场|旅游区|度假区|服务区|示范园|加工园)"
    r"(?!网)")  # (公路网, 铁路网: a network, no work)
# what may stand right before a company's name written without its full form (甲电器副总裁,
# 百威英博将投资): a break, a function word, 原/前/时任, a date's 初/底/末
NAME_AFTER = "，,。；;：:！？!?\n“”\"《》（）()、 \t据由让请被称与和及在是的了向对从将为于以把原前时任初底末而但"
# the words before a figure that make it a capacity a project is named by (年产30万辆整车项目)
CAPACITY_LEAD = ("年产", "年生产", "年处理", "年加工", "年吞吐", "年出栏", "年屠宰", "年发电", "日产", "日处理", "日供水")
# how many lines of that size there are, before the figure (日产2×5000吨)
CAPACITY_TIMES = r"\d+[×xX*]"
PROJECT_GENERIC = set(
    "重大 产业 重点 优质 签约 在建 竣工 新建 续建 开工 招商 在谈 民生 实事 为民办实事 城建 基础设施 一批 标杆 龙头型 "
    "基地型 亿元以上 各类 相关 储备 前期 市级 省级 县级 区级 国家级 全市 全省 全县 全区 高精尖 优势 特色 示范 "
    "精品 样板 亮点 办实事 实事 惠民 便民 开发商 房地产 干线 国省 农村 县城 规范 油路 双向 四车道 六车道 八车道 车道 加密 地方 国家 控制性 中长期 货运 客运 高铁 募投 再融资 车辆 企业 工程 公路 铁路 高速公路 高速 一级 二级 城际 市政 道路 改扩建 扩建 新开工 主体 附属 标段 全线 沿线 大 好 新 总 单体 合作 投资 建设 工业 制造业 服务业 农业 科技 民营 外资 央企 这个 该 此 本 其 各 多个 首批 "
    "招商引资 引资 生态 环保 安全 发展 改造 提升 整治 治理 园区 社会 公益 文化 旅游 交通 水利 能源 城市 乡村 "
    "文旅 康养 养老 医疗 健康 商贸 电商 教育 卫生 体育 "
    "振兴 更新 开发 打造 推进 加快 实施 一号 1号 头号 系列 配套 两个 三个 好的 大的 年度 当年 本年 今年 去年 "
    "省 市 县 区 镇 重要 主导 支柱 新兴 战略性 战略 未来 传统 现代 先进 绿色 智能 数字 项目".split())
ZONE_NAME_SUFFIX = re.compile(
    r"(?:经济技术开发区|高新技术产业开发区|高新技术开发区|经济开发区|经开区|高新区|开发区|工业园区|产业园区|化工园区|"
    r"港务区|保税港区|港区|新区|新城|科技城|示范区|保税区|综合保税区|自贸区|产业集聚区|物流园区|试验区|台商投资区|边境经济合作区|"
    r"(?:产业园|工业园|科技园|物流园)(?=管委会|管理委员会|党工委))")  # a park with a committee governs ground
# Implied jurisdiction of a post with no place before it.
BODY_LEVEL = [
    (re.compile(r"^省"), "province"),
    (re.compile(r"^(市|副市长|市长|常务副市长)"), "prefecture"),
    (re.compile(r"^(县|副县长|县长)"), "county"),
    (re.compile(r"^(区|副区长|区长)"), "county"),
    (re.compile(r"^(党工委|管委会|工委|纪工委)"), "zone"),
    (re.compile(r"^(镇|乡|街道)"), "township"),
]
# ---- amounts -----------------------------------------------------------------
# 50余亿元, 3亿多元: the number as stated (余/多 only say it is a floor); 数十亿元 is no number
AMOUNT = re.compile(
    r"(?<![数几])(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千点]+)\s*[余多]?\s*"
    r"(?P<unit>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千)?\s*[余多]?\s*"
    r"(?P<cur>元人民币|元|人民币|美元|美金|日元|欧元|港元|港币|英镑|韩元|卢布|澳元|加元|新加坡元)")
UNIT = {None: 1, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "十亿": 1e9,
        "百亿": 1e10, "千亿": 1e11, "万亿": 1e12}
TOTAL_WORDS = (r"(?:总投资(?:额|约|达|超|逾|近|为|共)?|投资总额(?:约|达|为)?|计划总投资|概算总投资|总投入|项目投资|计划投资|拟投资|"
               r"预计投资|估算总投资|投资估算|估算投资|投资概算|概算投资|预投资)[约达超逾近为共计]*")
TOTAL_CUE = re.compile(TOTAL_WORDS + "$")
INVEST_CUE = re.compile(r"(?:投资|出资|注资|投入)(?:建设|兴建|打造|开发)?")
HOSTS_CUE = re.compile(r"落户|位于|坐落|选址|落地|入驻|在|于|签约|开工|建设|实施|推进|打造")

# a date or a span of dates before a name (2010年中国石油…公司, 3月5日…, a résumé's 1987―1991年 or
# 2002.03―2004.05 + 复旦大学), or the tail of one where a walk stopped in it: when, no part of the name
RANGE = r"[―—\-－~～至]"  # between the two ends of a span of dates
DATE_LEAD = re.compile(rf"(?:(?<=\d)[年月日号])?{RANGE}?"
                       rf"(?:(?:\d{{4}}[.．]\d{{1,2}}(?![\d.．万亿千百代])|\d{{1,4}}(?:年|月|日|号)|\d{{4}}(?={RANGE})"
                       rf"|\d{{1,2}}(?={RANGE}\d{{4}})){RANGE}?)*")
# 除 + a name + 外 (除县人民医院新院区外, 还…): what else there is; 除 is no part of the name
EXCEPT_END = re.compile(r"[^，,。；;]{0,4}?(?:以)?外")
# the sectors a list of trades is closed by (新能源、新材料等领域)
SECTOR_WORDS = "领域|产业|行业|板块|方面"
# a village's own bodies (莲湖村党支部, 东风村村委会)
VILLAGE_BODIES = "党支部|党总支|村委会|村民委员会"
