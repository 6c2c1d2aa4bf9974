#!/usr/bin/env python3
"""Writes a synthetic commitment report in the seed's genre.

usage: genreport.py SECTIONS ITEMS_PER_SECTION STATEMENTS_PER_ITEM [SEED [NUMBER]] > report.txt

Sections are numbered 一、二、…, items 1. 2. …, and each item has a title
sentence and STATEMENTS_PER_ITEM sentences built from phrases of real
reports: commitments, facts with figures, and context, with departments
named as actors. Deterministic for a given SEED. NUMBER (default
100 + SECTIONS × ITEMS) is the report's 文号 number: reports of one
database need different numbers, or a second import revises the first.
"""
import random
import sys

DIGITS = "零一二三四五六七八九"


def cn(n):
    """1..999 in Chinese numerals (一, 十一, 二十, 一百零五)."""
    out = ""
    h, t, u = n // 100, n // 10 % 10, n % 10
    if h:
        out += DIGITS[h] + "百"
        if t == 0 and u:
            out += "零"
    if t:
        out += ("" if t == 1 and not h else DIGITS[t]) + "十"
    if u:
        out += DIGITS[u]
    return out


VERBS = ["推动", "加快", "加强", "深化", "持续推进", "完善", "探索", "优化", "强化", "落实"]
OBJECTS = ["科技金融融合", "创新载体建设", "数字化转型场景开放", "知识产权公共服务",
           "科普品牌活动", "龙头企业招引", "人才引进培育", "营商环境优化", "数据要素市场",
           "产业空间布局", "社区养老服务", "河道综合治理", "老旧小区改造", "垃圾分类处置"]
DEPTS = ["区科委", "区知识产权局", "区商务委", "区发展改革委", "区财政局", "区民政局",
         "区生态环境局", "区住房保障局", "区市场监管局", "区投资促进办"]
UNITS = ["家", "项", "个", "场", "件", "亿元", "万元", "%"]
TAILS = ["形成工作合力", "提升服务效能", "实现整体高质量发展", "确保各项任务落地见效",
         "增强群众获得感", "打造区域品牌"]


def sentence(rng):
    kind = rng.random()
    if kind < 0.15:
        return "目前已累计完成%s%d%s,较上一年增加%.1f%%。" % (
            rng.choice(OBJECTS), rng.randint(2, 900), rng.choice(UNITS), rng.uniform(1, 80))
    if kind < 0.25:
        return "%s有利于%s,是推动高质量发展的重要举措。" % (rng.choice(OBJECTS), rng.choice(TAILS))
    if kind < 0.40:
        return "%s积极会同相关部门%s%s,%s。" % (
            rng.choice(DEPTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS))
    if kind < 0.50:
        return "%d年将%s%s,%s。" % (rng.randint(2024, 2027), rng.choice(VERBS),
                                  rng.choice(OBJECTS), rng.choice(TAILS))
    return "%s%s工作,%s%s,%s。" % (rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(VERBS),
                                 rng.choice(OBJECTS), rng.choice(TAILS))


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    secs, items, stmts = (int(a) for a in sys.argv[1:4])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    number = int(sys.argv[5]) if len(sys.argv) > 5 else 100 + secs * items
    out = sys.stdout
    out.write("关于落实区人大常委会审议意见情况的报告(合成样本%d)\n" % (secs * items * stmts))
    out.write("发布部门:区政府办公室\n发布时间:2024年03月01日\n")
    out.write("文号:静府议〔2024〕%d号\n" % number)
    out.write("区人大常委会:\n")
    out.write("区政府高度重视,要求区科委会同相关部门认真研究办理。现将有关情况报告如下:\n")
    for s in range(1, secs + 1):
        out.write("%s、%s%s\n" % (cn(s), rng.choice(VERBS), rng.choice(OBJECTS)))
        for i in range(1, items + 1):
            body = "".join(sentence(rng) for _ in range(stmts))
            out.write("%d.%s%s。%s\n" % (i, rng.choice(VERBS), rng.choice(OBJECTS), body))
    out.write("区政府将持续推进各项工作,主动接受区人大及其常委会的监督。\n")
    out.write("上海市静安区人民政府\n2024年3月1日\n")


if __name__ == "__main__":
    main()
