"""Known differences between a plan written in each test format and the curated record (test_plan_paste.py).

Per plan, the exact list of differences the parser gives today, once for all the formats that give the same list
(expanded to one entry per (plan, format)); the tests assert equality, so a parser change that fixes (or changes) one
of them makes the test fail until the entry is updated or removed.
Causes (parser gaps, and the test plan writer, tests/courses/plan_variants.py, knowing only one elective layout):

  jiangsu/040106: 两组任选 1 组（组一/组二）：解析器尚不认“任选 1 组”的组规则；portal/csv/pdf/typed 读漏组内课程 11191、11192，viewer 读成两条二选一；判定随之不同
  jiangsu/082502: 选考课按考外语/不考外语两条路径：解析器读出的组规则与记录不同（多出空组与 13000 组）；typed 里（设计）行没有挂到 14274
  jiangsu/101101: 考/不考英语两条路径的选考规则：读成“考外语者不少于 4 门 20 学分”两组和语言组，而记录是“不考英语者 5 门全选”
  jiangsu/120301: 考/不考英语两条路径的选考规则：组规则多出空组与 13000 组，标签为“外语”而记录为“英语”
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
        ('csv', 'pdf', 'portal', 'viewer'): [
            "rules [[], ['02480', '04624', '13741', '08295', '13742', '13738'], ['02480', '04624', '13741', "
            "'08295', '13742', '13738'], ['13000'], ['13000', '13422', '13423', '02160', '02161', '13739', "
            "'14274', '14275', '14276', '13746', '06610', '08291', '08292'], ['13000', '13422', '13423', "
            "'02160', '02161', '13739', '14274', '14275', '14276', '13746', '06610', '08291', '08292']]",
        ],
        ('typed',): [
            "not read ('14275', '水污染控制与管道工程（设计）', 1.0, '', '14274')",
            "read instead ('14275', '水污染控制与管道工程（设计）', 1.0, '', None)",
            "rules [[], ['02480', '04624', '13741', '08295', '13742', '13738'], ['02480', '04624', '13741', "
            "'08295', '13742', '13738'], ['13000'], ['13000', '13422', '13423', '02160', '02161', '13739', "
            "'14274', '14275', '14276', '13746', '06610', '08291', '08292'], ['13000', '13422', '13423', "
            "'02160', '02161', '13739', '14274', '14275', '14276', '13746', '06610', '08291', '08292']]",
        ],
    },
    'jiangsu/101101': {
        ('csv', 'pdf', 'portal', 'typed', 'viewer'): [
            "rules [[], ['03006', '03005', '04435', '13198', '03700'], ['03006', '03005', '04435', '13198', "
            "'03700'], ['13000'], ['13000', '13203', '03201', '13204', '13205', '13206', '13207', '03007', "
            "'03008'], ['13000', '13203', '03201', '13204', '13205', '13206', '13207', '03007', '03008']]",
        ],
    },
    'jiangsu/120301': {
        ('csv', 'pdf', 'portal', 'typed', 'viewer'): [
            "rules [[], ['03353', '14043', '00209', '02680', '06187', '02678'], ['03353', '14043', '00209', "
            "'02680', '06187', '02678'], ['13000'], ['13000', '13683', '14048', '00134', '14050', '14049', "
            "'08988', '12658'], ['13000', '13683', '14048', '00134', '14050', '14049', '08988', '12658']]",
        ],
    },
    'jiangsu/120601': {
        ('typed',): [
            "not read ('14387', '物流管理软件操作（实践）', 2.0, '', None)",
            "read instead ('14387', '物流管理软件操作（实践）', 2.0, '', '14386')",
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
    'jiangsu/082502': {
        ('pdf', 'portal', 'viewer'): [
            "case 0 groups: [{'id': 'electives', 'label': '', 'courses': 8, 'credits': 47, 'min_courses': 4, "
            "'min_credits': 17, 'ok': True}, {'id': 'electives', 'label': '', 'courses': 4, 'credits': 19, "
            "'min_courses': 4, 'min_credits': 17, 'ok': True}, {'id': 'language', 'label': '', 'courses': 1, "
            "'credits': 7, 'min_courses': 1, 'min_credits': None, 'ok': True}]",
            "case 1 groups: [{'id': 'electives', 'label': '', 'courses': 8, 'credits': 47, 'min_courses': 4, "
            "'min_credits': 17, 'ok': True}, {'id': 'electives', 'label': '', 'courses': 4, 'credits': 19, "
            "'min_courses': 4, 'min_credits': 17, 'ok': True}, {'id': 'language', 'label': '', 'courses': 1, "
            "'credits': 7, 'min_courses': 1, 'min_credits': None, 'ok': True}]",
            "case 2 missing: [{'code': '', 'name': '选考课（考外语者）：不少于 4 门、不少于 17 学分'}, {'code': '', "
            "'name': '外语：英语（专升本）'}, {'code': '10359', 'name': '环境工程毕业论文'}] != [{'code': '', "
            "'name': '选考课（考英语者）：不少于 4 门、不少于 17 学分'}, {'code': '', 'name': '英语：英语（专升本）'}, {'code': '10359', "
            "'name': '环境工程毕业论文'}]",
            "case 2 groups: [{'id': 'electives', 'label': '', 'courses': 7, 'credits': 40, 'min_courses': 4, "
            "'min_credits': 17, 'ok': True}, {'id': 'electives', 'label': '', 'courses': 3, 'credits': 13, "
            "'min_courses': 4, 'min_credits': 17, 'ok': False}, {'id': 'language', 'label': '', "
            "'courses': 0, 'credits': 0, 'min_courses': 1, 'min_credits': None, 'ok': False}]",
            "case 2 courses: [('15040', 'passed'), ('15043', 'passed'), ('15044', 'passed'), ('13000', "
            "'optional'), ('13422', 'passed'), ('13423', 'passed'), ('02160', 'passed'), ('02161', "
            "'passed'), ('13739', 'passed'), ('14274', 'passed'), ('14275', 'passed'), ('14276', 'passed'), "
            "('13746', 'passed'), ('06610', 'passed'), ('08291', 'passed'), ('08292', 'passed'), ('02480', "
            "'passed'), ('04624', 'passed'), ('13741', 'passed'), ('08295', 'failed'), ('13742', "
            "'not_needed'), ('13738', 'not_needed'), ('10359', 'missing')]",
            'case 3 eligible: False != True',
            "case 3 missing: [{'code': '', 'name': '外语：英语（专升本）'}] != []",
            "case 3 groups: [{'id': 'electives', 'label': '', 'courses': 7, 'credits': 40, 'min_courses': 4, "
            "'min_credits': 17, 'ok': True}, {'id': 'electives', 'label': '', 'courses': 6, 'credits': 26, "
            "'min_courses': 4, 'min_credits': 17, 'ok': True}, {'id': 'language', 'label': '', 'courses': 0, "
            "'credits': 0, 'min_courses': 1, 'min_credits': None, 'ok': False}]",
            "case 3 path: {'id': 'foreign-language', 'label': '考外语'}",
            "case 3 courses: [('15040', 'passed'), ('15043', 'passed'), ('15044', 'passed'), ('13000', "
            "'optional'), ('13422', 'passed'), ('13423', 'passed'), ('02160', 'passed'), ('02161', "
            "'passed'), ('13739', 'passed'), ('14274', 'passed'), ('14275', 'passed'), ('14276', 'passed'), "
            "('13746', 'passed'), ('06610', 'passed'), ('08291', 'passed'), ('08292', 'passed'), ('02480', "
            "'passed'), ('04624', 'passed'), ('13741', 'passed'), ('08295', 'passed'), ('13742', 'passed'), "
            "('13738', 'passed'), ('10359', 'passed')]",
        ],
    },
    'jiangsu/101101': {
        ('pdf', 'portal', 'viewer'): [
            "case 0 groups: [{'id': 'electives', 'label': '', 'courses': 7, 'credits': 44, 'min_courses': 4, "
            "'min_credits': 20, 'ok': True}, {'id': 'electives', 'label': '', 'courses': 4, 'credits': 20, "
            "'min_courses': 4, 'min_credits': 20, 'ok': True}, {'id': 'language', 'label': '', 'courses': 1, "
            "'credits': 7, 'min_courses': 1, 'min_credits': None, 'ok': True}]",
            "case 1 groups: [{'id': 'electives', 'label': '', 'courses': 7, 'credits': 44, 'min_courses': 4, "
            "'min_credits': 20, 'ok': True}, {'id': 'electives', 'label': '', 'courses': 4, 'credits': 20, "
            "'min_courses': 4, 'min_credits': 20, 'ok': True}, {'id': 'language', 'label': '', 'courses': 1, "
            "'credits': 7, 'min_courses': 1, 'min_credits': None, 'ok': True}]",
            "case 2 missing: [{'code': '', 'name': '选考课（考外语者）：不少于 4 门、不少于 20 学分'}, {'code': '', "
            "'name': '外语：英语（专升本）'}, {'code': '10225', 'name': '护理学临床考核'}] != [{'code': '', "
            "'name': '选考课（不考英语者）：5 门全选'}, {'code': '10225', 'name': '护理学临床考核'}]",
            "case 2 groups: [{'id': 'electives', 'label': '', 'courses': 6, 'credits': 37, 'min_courses': 4, "
            "'min_credits': 20, 'ok': True}, {'id': 'electives', 'label': '', 'courses': 3, 'credits': 15, "
            "'min_courses': 4, 'min_credits': 20, 'ok': False}, {'id': 'language', 'label': '', "
            "'courses': 0, 'credits': 0, 'min_courses': 1, 'min_credits': None, 'ok': False}]",
            "case 2 path: {'id': 'foreign-language', 'label': '考外语'}",
            "case 2 courses: [('15040', 'passed'), ('15043', 'passed'), ('15044', 'passed'), ('13000', "
            "'optional'), ('13203', 'passed'), ('03201', 'passed'), ('13204', 'passed'), ('13205', "
            "'passed'), ('13206', 'passed'), ('13207', 'passed'), ('03007', 'passed'), ('03008', 'passed'), "
            "('03006', 'passed'), ('03005', 'passed'), ('04435', 'passed'), ('13198', 'failed'), ('03700', "
            "'not_needed'), ('10225', 'missing')]",
            'case 3 eligible: False != True',
            "case 3 missing: [{'code': '', 'name': '外语：英语（专升本）'}] != []",
            "case 3 groups: [{'id': 'electives', 'label': '', 'courses': 6, 'credits': 37, 'min_courses': 4, "
            "'min_credits': 20, 'ok': True}, {'id': 'electives', 'label': '', 'courses': 5, 'credits': 27, "
            "'min_courses': 4, 'min_credits': 20, 'ok': True}, {'id': 'language', 'label': '', 'courses': 0, "
            "'credits': 0, 'min_courses': 1, 'min_credits': None, 'ok': False}]",
            "case 3 path: {'id': 'foreign-language', 'label': '考外语'}",
            "case 3 courses: [('15040', 'passed'), ('15043', 'passed'), ('15044', 'passed'), ('13000', "
            "'optional'), ('13203', 'passed'), ('03201', 'passed'), ('13204', 'passed'), ('13205', "
            "'passed'), ('13206', 'passed'), ('13207', 'passed'), ('03007', 'passed'), ('03008', 'passed'), "
            "('03006', 'passed'), ('03005', 'passed'), ('04435', 'passed'), ('13198', 'passed'), ('03700', "
            "'passed'), ('10225', 'passed')]",
        ],
    },
    'jiangsu/120301': {
        ('pdf', 'portal', 'viewer'): [
            "case 0 groups: [{'id': 'electives', 'label': '', 'courses': 8, 'credits': 40, 'min_courses': 4, "
            "'min_credits': 22, 'ok': True}, {'id': 'electives', 'label': '', 'courses': 5, 'credits': 27, "
            "'min_courses': 4, 'min_credits': 22, 'ok': True}, {'id': 'language', 'label': '', 'courses': 1, "
            "'credits': 7, 'min_courses': 1, 'min_credits': None, 'ok': True}]",
            "case 1 groups: [{'id': 'electives', 'label': '', 'courses': 8, 'credits': 40, 'min_courses': 4, "
            "'min_credits': 22, 'ok': True}, {'id': 'electives', 'label': '', 'courses': 5, 'credits': 27, "
            "'min_courses': 4, 'min_credits': 22, 'ok': True}, {'id': 'language', 'label': '', 'courses': 1, "
            "'credits': 7, 'min_courses': 1, 'min_credits': None, 'ok': True}]",
            "case 2 missing: [{'code': '', 'name': '选考课（考外语者）：不少于 4 门、不少于 22 学分'}, {'code': '', "
            "'name': '外语：英语（专升本）'}, {'code': '14782', 'name': '农林经济管理毕业论文'}] != [{'code': '', "
            "'name': '选考课（考英语者）：不少于 4 门、不少于 22 学分'}, {'code': '', 'name': '英语：英语（专升本）'}, {'code': '14782', "
            "'name': '农林经济管理毕业论文'}]",
            "case 2 groups: [{'id': 'electives', 'label': '', 'courses': 7, 'credits': 33, 'min_courses': 4, "
            "'min_credits': 22, 'ok': True}, {'id': 'electives', 'label': '', 'courses': 4, 'credits': 21, "
            "'min_courses': 4, 'min_credits': 22, 'ok': False}, {'id': 'language', 'label': '', "
            "'courses': 0, 'credits': 0, 'min_courses': 1, 'min_credits': None, 'ok': False}]",
            "case 2 courses: [('15040', 'passed'), ('15043', 'passed'), ('15044', 'passed'), ('13000', "
            "'optional'), ('13683', 'passed'), ('14048', 'passed'), ('00134', 'passed'), ('14050', "
            "'passed'), ('14049', 'passed'), ('08988', 'passed'), ('12658', 'passed'), ('03353', 'passed'), "
            "('14043', 'passed'), ('00209', 'passed'), ('02680', 'passed'), ('06187', 'failed'), ('02678', "
            "'not_needed'), ('14782', 'missing')]",
            'case 3 eligible: False != True',
            "case 3 missing: [{'code': '', 'name': '外语：英语（专升本）'}] != []",
            "case 3 groups: [{'id': 'electives', 'label': '', 'courses': 7, 'credits': 33, 'min_courses': 4, "
            "'min_credits': 22, 'ok': True}, {'id': 'electives', 'label': '', 'courses': 6, 'credits': 33, "
            "'min_courses': 4, 'min_credits': 22, 'ok': True}, {'id': 'language', 'label': '', 'courses': 0, "
            "'credits': 0, 'min_courses': 1, 'min_credits': None, 'ok': False}]",
            "case 3 path: {'id': 'foreign-language', 'label': '考外语'}",
            "case 3 courses: [('15040', 'passed'), ('15043', 'passed'), ('15044', 'passed'), ('13000', "
            "'optional'), ('13683', 'passed'), ('14048', 'passed'), ('00134', 'passed'), ('14050', "
            "'passed'), ('14049', 'passed'), ('08988', 'passed'), ('12658', 'passed'), ('03353', 'passed'), "
            "('14043', 'passed'), ('00209', 'passed'), ('02680', 'passed'), ('06187', 'passed'), ('02678', "
            "'passed'), ('14782', 'passed')]",
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
