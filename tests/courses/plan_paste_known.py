"""Known differences between a plan written in each test format and the curated record (test_plan_paste.py).

Per plan, the exact list of differences the parser gives today, written once for all the formats that give the same
list (expanded to one entry per (plan, format)); the tests assert equality, so a parser change that fixes (or changes)
one of them makes the test fail until the entry is updated or removed.
Causes (parser gaps, and the test plan writer, tests/courses/plan_variants.py, which knows the one-rule and the
考外语/不考外语 layouts but writes 040106's 组一/组二 as if it were the language rule):

  jiangsu/040106: 两组任选 1 组（组一/组二）：解析器尚不认“任选 1 组”的组规则；portal/csv/pdf/typed 读漏组内课程 11191、11192，viewer 读成两条二选一；判定随之不同
  jiangsu/082502: typed 里（设计）行没有挂到 14274
  jiangsu/130502: pdf：测试写出器在第 10 个字处折断长课程名，正好把“PHOTOSHOP”断成“PH”“OTOSHOP”两行，解析器接回时在两段英文之间加了空格
  jiangsu/120601: typed：没有考试方式列，14386 物流管理软件操作（计划中是实践）看来像理论课，14387“…（实践）”于是按同名挂到它之下——打字文本本身无从区分
  zhejiang/570103K: pdf：选考“不少于 5 门、不少于 20 学分”只读出 5 门，学分下限未读出
"""

from __future__ import annotations


def _by_format(table: dict[str, dict[tuple[str, ...], list[str]]]) -> dict[tuple[str, str], list[str]]:
    """plan -> {formats: differences} as one entry per (plan, format); a format listed twice for a plan is a mistake."""
    out: dict[tuple[str, str], list[str]] = {}
    for plan_id, rows in table.items():
        for formats, diffs in rows.items():
            for fmt in formats:
                assert (plan_id, fmt) not in out, f"{plan_id} {fmt} listed twice"
                out[plan_id, fmt] = diffs
    return out


KNOWN_PLAN: dict[tuple[str, str], list[str]] = _by_format({
    'jiangsu/040106': {
        ('csv', 'pdf', 'portal'): [
            "not read ('11191', '学前音乐与美术教育', 4.0, 'theory', None)",
            "not read ('11192', '学前语言与社会教育', 4.0, 'theory', None)",
            '20 courses, curated 22',
            "rules [['13000', '14970']]",
        ],
        ('typed',): [
            "not read ('11191', '学前音乐与美术教育', 4.0, '', None)",
            "not read ('11192', '学前语言与社会教育', 4.0, '', None)",
            '20 courses, curated 22',
            "rules [['13000', '14970']]",
        ],
        ('viewer',): [
            "rules [['11191', '11190'], ['11191', '11190'], ['11192', '03670'], ['11192', '03670'], "
            "['13000', '14970']]",
        ],
    },
    'jiangsu/082502': {
        ('typed',): [
            "not read ('14275', '水污染控制与管道工程（设计）', 1.0, '', '14274')",
            "read instead ('14275', '水污染控制与管道工程（设计）', 1.0, '', None)",
        ],
    },
    'jiangsu/120601': {
        ('typed',): [
            "not read ('14387', '物流管理软件操作（实践）', 2.0, '', None)",
            "read instead ('14387', '物流管理软件操作（实践）', 2.0, '', '14386')",
        ],
    },
    'jiangsu/130502': {
        ('pdf',): [
            "not read ('09234', '计算机辅助设计（PHOTOSHOP、CORELDRAW）（实践）', 6.0, 'practical', None)",
            "read instead ('09234', '计算机辅助设计（PH OTOSHOP、CORELDRAW）（实践）', 6.0, 'practical', None)",
        ],
    },
})

KNOWN_VERDICT: dict[tuple[str, str], list[str]] = _by_format({
    'jiangsu/040106': {
        ('pdf', 'portal'): [
            'case 0 eligible: False != True',
            "case 0 credits: {'earned': 69, 'required': 73} != {'earned': 73, 'required': 73}",
            "case 0 course_count: {'earned': 14, 'required': 14} != {'earned': 15, 'required': 14}",
            "case 0 missing: [{'code': '03670', 'name': '学前科学与数学教育'}] != []",
            'case 0 groups: []',
            'case 0 path: None',
            "case 0 courses: [('15040', 'passed'), ('15043', 'passed'), ('15044', 'passed'), ('13000', "
            "'passed'), ('14970', 'not_needed'), ('00398', 'passed'), ('14605', 'passed'), ('14606', "
            "'passed'), ('00882', 'passed'), ('14603', 'passed'), ('14604', 'passed'), ('13213', 'passed'), "
            "('13214', 'passed'), ('13147', 'passed'), ('13148', 'passed'), ('12344', 'passed'), ('10979', "
            "'passed'), ('00401', 'passed'), ('11190', 'passed'), ('03670', 'missing'), ('10224', "
            "'passed')]",
            "case 1 credits: {'earned': 63, 'required': 73} != {'earned': 67, 'required': 73}",
            "case 1 course_count: {'earned': 12, 'required': 14} != {'earned': 13, 'required': 14}",
            "case 1 missing: [{'code': '15040', 'name': '习近平新时代中国特色社会主义思想概论'}, {'code': '15043', "
            "'name': '中国近现代史纲要'}, {'code': '03670', 'name': '学前科学与数学教育'}] != [{'code': '15040', "
            "'name': '习近平新时代中国特色社会主义思想概论'}, {'code': '15043', 'name': '中国近现代史纲要'}]",
            'case 1 groups: []',
            'case 1 path: None',
            "case 1 courses: [('15040', 'missing'), ('15043', 'missing'), ('15044', 'passed'), ('13000', "
            "'passed'), ('14970', 'not_needed'), ('00398', 'passed'), ('14605', 'passed'), ('14606', "
            "'passed'), ('00882', 'passed'), ('14603', 'passed'), ('14604', 'passed'), ('13213', 'passed'), "
            "('13214', 'passed'), ('13147', 'passed'), ('13148', 'passed'), ('12344', 'passed'), ('10979', "
            "'passed'), ('00401', 'passed'), ('11190', 'passed'), ('03670', 'missing'), ('10224', "
            "'passed')]",
            "case 2 missing: [{'code': '11190', 'name': '学前体育与健康教育'}, {'code': '03670', "
            "'name': '学前科学与数学教育'}, {'code': '10224', 'name': '学前教育毕业论文'}] != [{'code': '', "
            "'name': '组一：学前音乐与美术教育、学前体育与健康教育（与组二任选 1 组）'}, {'code': '10224', 'name': '学前教育毕业论文'}]",
            'case 2 groups: []',
            'case 2 path: None',
            "case 2 courses: [('15040', 'passed'), ('15043', 'passed'), ('15044', 'passed'), ('13000', "
            "'passed'), ('14970', 'not_needed'), ('00398', 'passed'), ('14605', 'passed'), ('14606', "
            "'passed'), ('00882', 'passed'), ('14603', 'passed'), ('14604', 'passed'), ('13213', 'passed'), "
            "('13214', 'passed'), ('13147', 'passed'), ('13148', 'passed'), ('12344', 'passed'), ('10979', "
            "'passed'), ('00401', 'passed'), ('11190', 'missing'), ('03670', 'missing'), ('10224', "
            "'missing')]",
            'case 3 eligible: False != True',
            "case 3 credits: {'earned': 69, 'required': 73} != {'earned': 73, 'required': 73}",
            "case 3 course_count: {'earned': 14, 'required': 14} != {'earned': 15, 'required': 14}",
            "case 3 missing: [{'code': '11190', 'name': '学前体育与健康教育'}] != []",
            'case 3 groups: []',
            'case 3 path: None',
            "case 3 courses: [('15040', 'passed'), ('15043', 'passed'), ('15044', 'passed'), ('13000', "
            "'passed'), ('14970', 'not_needed'), ('00398', 'passed'), ('14605', 'passed'), ('14606', "
            "'passed'), ('00882', 'passed'), ('14603', 'passed'), ('14604', 'passed'), ('13213', 'passed'), "
            "('13214', 'passed'), ('13147', 'passed'), ('13148', 'passed'), ('12344', 'passed'), ('10979', "
            "'passed'), ('00401', 'passed'), ('11190', 'missing'), ('03670', 'passed'), ('10224', "
            "'passed')]",
        ],
        ('viewer',): [
            'case 0 eligible: False != True',
            "case 0 missing: [{'code': '', 'name': '选考课（考外语者）：不少于 2 门'}] != []",
            "case 0 groups: [{'id': 'electives', 'label': '', 'courses': 2, 'credits': 8, 'min_courses': 2, "
            "'min_credits': None, 'ok': True}, {'id': 'electives', 'label': '', 'courses': 0, 'credits': 0, "
            "'min_courses': 2, 'min_credits': None, 'ok': False}]",
            "case 0 path: {'id': 'foreign-language', 'label': '考外语'}",
            "case 1 missing: [{'code': '15040', 'name': '习近平新时代中国特色社会主义思想概论'}, {'code': '15043', "
            "'name': '中国近现代史纲要'}, {'code': '', 'name': '选考课（考外语者）：不少于 2 门'}] != [{'code': '15040', "
            "'name': '习近平新时代中国特色社会主义思想概论'}, {'code': '15043', 'name': '中国近现代史纲要'}]",
            "case 1 groups: [{'id': 'electives', 'label': '', 'courses': 2, 'credits': 8, 'min_courses': 2, "
            "'min_credits': None, 'ok': True}, {'id': 'electives', 'label': '', 'courses': 0, 'credits': 0, "
            "'min_courses': 2, 'min_credits': None, 'ok': False}]",
            "case 1 path: {'id': 'foreign-language', 'label': '考外语'}",
            "case 2 missing: [{'code': '', 'name': '选考课（考外语者）：不少于 2 门'}, {'code': '', "
            "'name': '选考课（考外语者）：不少于 2 门'}, {'code': '10224', 'name': '学前教育毕业论文'}] != [{'code': '', "
            "'name': '组一：学前音乐与美术教育、学前体育与健康教育（与组二任选 1 组）'}, {'code': '10224', 'name': '学前教育毕业论文'}]",
            "case 2 groups: [{'id': 'electives', 'label': '', 'courses': 0, 'credits': 0, 'min_courses': 2, "
            "'min_credits': None, 'ok': False}, {'id': 'electives', 'label': '', 'courses': 0, 'credits': 0, "
            "'min_courses': 2, 'min_credits': None, 'ok': False}]",
            "case 2 path: {'id': 'foreign-language', 'label': '考外语'}",
            "case 2 courses: [('15040', 'passed'), ('15043', 'passed'), ('15044', 'passed'), ('13000', "
            "'passed'), ('14970', 'not_needed'), ('00398', 'passed'), ('14605', 'passed'), ('14606', "
            "'passed'), ('00882', 'passed'), ('14603', 'passed'), ('14604', 'passed'), ('13213', 'passed'), "
            "('13214', 'passed'), ('13147', 'passed'), ('13148', 'passed'), ('12344', 'passed'), ('10979', "
            "'passed'), ('00401', 'passed'), ('11191', 'failed'), ('11190', 'optional'), ('11192', "
            "'optional'), ('03670', 'optional'), ('10224', 'missing')]",
            'case 3 eligible: False != True',
            "case 3 missing: [{'code': '', 'name': '选考课（考外语者）：不少于 2 门'}] != []",
            "case 3 groups: [{'id': 'electives', 'label': '', 'courses': 0, 'credits': 0, 'min_courses': 2, "
            "'min_credits': None, 'ok': False}, {'id': 'electives', 'label': '', 'courses': 2, 'credits': 8, "
            "'min_courses': 2, 'min_credits': None, 'ok': True}]",
            "case 3 path: {'id': 'foreign-language', 'label': '考外语'}",
        ],
    },
    'zhejiang/570103K': {
        ('pdf',): [
            "case 0 groups: [{'id': 'electives', 'label': '', 'courses': 5, 'credits': 24, 'min_courses': 5, "
            "'min_credits': None, 'ok': True}]",
            "case 1 groups: [{'id': 'electives', 'label': '', 'courses': 5, 'credits': 24, 'min_courses': 5, "
            "'min_credits': None, 'ok': True}]",
            "case 2 missing: [{'code': '', 'name': '选考课：不少于 5 门'}, {'code': '10158', "
            "'name': '小学教育毕业考核'}] != [{'code': '', 'name': '选考课：不少于 5 门、不少于 20 学分'}, {'code': '10158', "
            "'name': '小学教育毕业考核'}]",
            "case 2 groups: [{'id': 'electives', 'label': '', 'courses': 3, 'credits': 12, 'min_courses': 5, "
            "'min_credits': None, 'ok': False}]",
        ],
    },
})
