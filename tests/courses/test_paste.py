"""checkers.courses.paste: every layout a candidate may paste, read into one best record per code."""

from __future__ import annotations

from checkers.courses.paste import MAX_CHARS, normalise, parse


def outcomes(text: str, credits: dict[str, float] | None = None) -> dict[str, tuple[str, float | None]]:
    parsed = parse(text, (credits or {}).get)
    return {code: (r.outcome, r.score) for code, r in parsed.records.items()}


def test_portal_table_with_tabs() -> None:
    text = ("课程代码\t课程名称\t考试日期\t通过方式\t分数\t学分\t状态\n"
            "00037\t美学\t202404\t考试\t78\t6\t有效\n"
            "00536\t古代汉语\t202410\t考试\t59\t8\t有效\n"
            "13000\t英语（专升本）\t202310\t免考\t\t7\t有效\n"
            "10196\t汉语言文学（本科）毕业论文\t202510\t考核\t良好\t\t有效\n")
    parsed = parse(text)
    assert parsed.header == ("code", "name", "date", "method", "score", "credits", "status")
    assert outcomes(text) == {"00037": ("passed", 78.0), "00536": ("failed", 59.0), "13000": ("exempted", None),
                              "10196": ("passed", None)}
    assert parsed.records["00037"].name == "美学" and parsed.records["00037"].date == "202404"


def test_runs_of_spaces_and_names_with_spaces_or_digits() -> None:
    text = ("04747   Java 语言程序设计（一）   2023-10   考试   61   3   有效\n"
            "28956  20 世纪欧美文学史  2019年4月  考试  75  4  有效\n")
    parsed = parse(text)
    assert outcomes(text) == {"04747": ("passed", 61.0), "28956": ("passed", 75.0)}
    assert parsed.records["04747"].name == "Java 语言程序设计(一)"  # full-width brackets normalised
    assert parsed.records["28956"].name == "20 世纪欧美文学史"


def test_credits_before_score_follow_the_header() -> None:
    text = "代码 名称 学分 成绩\n00037 美学 6 55\n00540 外国文学史 6 合格\n"
    assert outcomes(text) == {"00037": ("failed", 55.0), "00540": ("passed", None)}


def test_without_header_the_plan_credits_tell_score_from_credits() -> None:
    credits = {"00037": 6.0, "00536": 8.0}
    assert outcomes("00037 美学 6 55\n00536 古代汉语 90 8\n", credits) == {"00037": ("failed", 55.0), "00536": ("passed", 90.0)}
    assert outcomes("00037 美学 6 6\n", credits) == {"00037": ("failed", 6.0)}


def test_csv_with_quotes_and_full_width_commas() -> None:
    text = '课程代码,课程名称,成绩\n"00037","美学","88"\n００５３６，古代汉语，６２\n'
    assert outcomes(text) == {"00037": ("passed", 88.0), "00536": ("passed", 62.0)}


def test_plain_code_lists_count_as_passed() -> None:
    assert outcomes("00037\n00536 00537，00538、00539\n") == {c: ("listed", None) for c in
                                                             ("00037", "00536", "00537", "00538", "00539")}


def test_several_records_on_one_line() -> None:
    assert outcomes("00037 美学 85 00536 古代汉语 40") == {"00037": ("passed", 85.0), "00536": ("failed", 40.0)}


def test_words_in_place_of_a_score() -> None:
    text = "\n".join(f"1{i:04d} 课程 {word}" for i, word in enumerate(
        ["免考", "合格", "通过", "优秀", "不合格", "缺考", "违纪", "无效"]))
    got = {code: o for code, (o, _) in outcomes(text).items()}
    assert list(got.values()) == ["exempted", "passed", "passed", "passed", "failed", "absent", "void", "void"]


def test_best_of_duplicates_and_counts() -> None:
    text = "00037 美学 45\n00037 美学 缺考\n00037 美学 72\n00037 美学 58\n"
    parsed = parse(text)
    assert parsed.records["00037"].score == 72 and parsed.duplicates == 3 and parsed.rows == 4


def test_full_width_digits_and_ideographic_space() -> None:
    assert normalise("００５３６\u3000８５") == "00536 85"
    assert outcomes("００５３６\u3000古代汉语\u3000８５．５分") == {"00536": ("passed", 85.5)}


def test_code_glued_to_name_and_other_numbers_ignored() -> None:
    text = "准考证号：012345678901\n1 00037美学 202404 70 6\n身份证 32010219900101123X\n"
    assert outcomes(text) == {"00037": ("passed", 70.0)}
    assert parse(text).skipped == 2


def test_scores_above_100_are_not_scores() -> None:
    assert outcomes("00037 美学 150") == {"00037": ("listed", None)}


def test_limit_constant_is_a_few_hundred_kb() -> None:
    assert 20_000 <= MAX_CHARS <= 500_000


def test_delimited_rows_are_read_by_column_so_empty_cells_stay_empty() -> None:
    text = ("课程代码,课程名称,考试日期,分数,学分,备注\n"
            "00037,美学,,,6,\n"              # no score: listed, never "6 points"
            "00536,古代汉语,202404,45,8,\n"
            "00537,中国现代文学史,202410,,6,免考\n")
    assert outcomes(text) == {"00037": ("listed", None), "00536": ("failed", 45.0), "00537": ("exempted", None)}
    tabbed = "课程代码\t课程名称\t考试日期\t通过方式\t分数\t学分\t状态\n00541\t语言学概论\t\t考试\t\t6\t有效\n"
    assert outcomes(tabbed) == {"00541": ("listed", None)}


def test_score_with_a_remark_and_names_starting_with_digits() -> None:
    assert outcomes("00037 美学 85(补考) 6\n00536 古代汉语 45(补考) 8\n00540 外国文学史 72* 6\n") == {
        "00037": ("passed", 85.0), "00536": ("failed", 45.0), "00540": ("passed", 72.0)}
    parsed = parse("28956 20世纪欧美文学史 202404 66 4")
    assert parsed.records["28956"].name == "20世纪欧美文学史" and parsed.records["28956"].score == 66
