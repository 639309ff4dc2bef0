"""The interface in English or Simplified Chinese (zh-CN), chosen in the sidebar.

t("Paths") gives the text in the chosen language; a text without a translation
stays English. The default language is GOVKG_LANG (en or zh-CN), else English."""
from __future__ import annotations

import os

import streamlit as st

LANGS = {"en": "English", "zh-CN": "中文"}
KEY = "lang"

ZH = {
    # navigation and sidebar
    "Explore": "浏览", "Work with data": "数据", "Overview": "概览", "Search & ego network": "搜索与关系网",
    "Entity details": "实体详情", "Paths": "路径", "Company tracer": "企业追踪", "Article": "文章",
    "Cypher console": "Cypher 查询台", "Ingest": "导入", "Export": "导出", "Graph": "图谱",
    "Reload data": "重新载入数据", "Minimum confidence": "最低置信度", "Language": "语言",
    # searching
    "Search by name or alias": "按名称或别名搜索", "Find an entity": "查找实体",
    "Find an article by its title": "按标题查找文章", "From": "起点", "To": "终点", "Company": "企业",
    "match(es)": "个匹配",
    "a name or part of one, or its pinyin: 宋乐伟, 佰斯拓, songlewei, slw":
        "名称或其一部分，或拼音：宋乐伟、佰斯拓、songlewei、slw",
    "Nothing in the graph matches": "图谱中没有匹配",
    # the ego view
    "Filters": "筛选", "Depth (hops)": "深度（跳）", "Node cap": "节点上限", "Node labels": "节点类型",
    "Relationship types": "关系类型", "Layout": "布局", "Node": "节点", "Expand": "展开", "Collapse": "收起",
    "Hide": "隐藏", "Open details": "打开详情", "As tables": "表格", "Filter by time": "按时间筛选",
    "Evidence": "证据", "Relationship": "关系", "Evidence of": "证据：",
    "Time": "时间", "nodes": "个节点", "relationships": "条关系",
    "Click a node to select it; double-click (or the expand button) adds its neighbours.":
        "单击节点选中；双击（或“展开”按钮）加入其相邻节点。",
    # details, article, evidence
    "Titles held": "所任职务", "Relationships and their evidence": "关系及其证据",
    "Timeline: relationships by month, with evidence": "时间线：按月列出关系及证据",
    "Articles": "文章", "Entities mentioned": "提及的实体", "Draw its ego network": "绘制其关系网",
    "Text": "正文", "Claims read from it": "从中读出的论断", "Cite": "引用",
    "read the article": "阅读原文", "original": "原始链接",
    "Highlighted: the sentences the claims on the right were read from.": "高亮：右侧论断所依据的句子。",
    # paths, tracer, console, overview
    "At most this many hops": "最多跳数", "Each step and its evidence": "每一步及其证据",
    "Projects": "项目", "Places": "地点", "Officials": "官员", "Most connected": "关联最多",
    "Mentions over time": "提及次数（按月）", "Named queries": "命名查询", "Free-form Cypher": "自由 Cypher",
    "Query": "查询", "Run": "运行", "Cancel": "取消", "Row limit": "行数上限", "Timeout (s)": "超时（秒）",
    # review duplicates
    "Review duplicates": "重复实体审核", "Candidates": "候选", "Pair": "候选对", "Decision": "决定",
    "Merge (same entity)": "合并（同一实体）", "Keep apart": "保持分开",
    "Link: the first is a subsidiary of the second": "关联：前者是后者的子公司", "Apply": "应用",
    "Decisions": "决定记录", "Undo decision": "撤销决定", "Undo": "撤销", "No decisions yet.": "尚无决定。",
    "No candidate pairs left to review.": "没有待审核的候选对。",
    "Decisions are kept with the article log": "决定与文章日志一同保存", "Rebuilding the graph…": "正在重建图谱…",
    # careers and post holders
    "Official career": "官员履历", "Post holders": "职务任职者", "Find an official": "查找官员",
    "Find a place or body": "查找地点或机构", "is not an official.": "不是官员。",
    "No post of this official in the graph (at this minimum confidence).": "图谱中没有该官员的职务（在此最低置信度下）。",
    "No official holds a post here in the graph (at this minimum confidence).":
        "图谱中此处没有官员任职（在此最低置信度下）。",
    "Posts on a timeline": "职务时间线", "Post": "职务", "Place or body": "地点或机构", "First seen": "最早见于",
    "Last seen": "最晚见于", "Evidence for each post": "各职务的证据", "Who else held this post": "此职务的其他任职者",
    "holder(s)": "位任职者", "holders in order": "按时间排列的任职者", "Career of": "履历：", "Open career": "查看履历",
    "undated post(s), listed below but not drawn": "个无日期的职务，列于下方，未画入时间线", "written": "原文写作",
    # project stages
    "Project stages": "项目进度", "Project timeline": "项目时间线", "Latest stage": "最新阶段", "any": "全部",
    "Year of a stage event (0: any)": "阶段事件年份（0：全部）", "Place or company": "地点或企业",
    "Stage timeline of a place's or a company's projects": "地点或企业所属项目的进度时间线",
    "No stage events recorded.": "没有记录到进度事件。",
    "Stages read from the articles: 签约 → 开工 → 在建/封顶 → 竣工 → 投产/通车/运营; a plan (计划…年底竣工) is not a stage.":
        "从文章中读出的阶段：签约 → 开工 → 在建/封顶 → 竣工 → 投产/通车/运营；计划（计划…年底竣工）不算阶段。",
}


def lang() -> str:
    default = os.environ.get("GOVKG_LANG", "en")
    return st.session_state.get(KEY, default if default in LANGS else "en")


def t(text: str) -> str:
    """text in the chosen language."""
    return ZH.get(text, text) if lang() == "zh-CN" else text


def language_choice() -> None:
    """The sidebar's language switch (app.py draws it on every page)."""
    st.session_state.setdefault(KEY, lang())
    st.radio("Language · 语言", list(LANGS), format_func=LANGS.get, key=KEY, horizontal=True)
