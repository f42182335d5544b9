"""A hand-labelled evaluation set for the matcher (docs/decisions/0007-matching.md).

16 vacancies of the trades the province hires most, and 183 profiles written by hand: for each
vacancy, about ten people an employment counsellor would be shown, from the ideal candidate to
the look-alike who does not fit, plus people of other trades who are irrelevant to it. Skills
are typed the way workers type them: with and without diacritics, with abbreviations, job-title
phrasings and typos (some typos beyond what canonicalisation forgives, on purpose), and some
free text outside the taxonomy.

Relevance is graded by judgement, per vacancy, before looking at any score:

* 3: would be called first: the must-have skills (however typed), within reach, available;
* 2: a good candidate: most must-have skills, or the same trade with a neighbouring skill, or
  ideal but farther away or already employed;
* 1: worth a look: a neighbouring trade, or the right skills but far away and willing to move,
  or a fresh graduate of the trade without practice;
* 0 (unlisted): not for this vacancy, including look-alikes ("tiếng Hàn" is Korean, not
  welding; "máy" machine versus "may" sewing).

Places are the real communes of tests/matching/support.py (legacy and 2025 codes mixed, as the
portal stores them). Nothing here is derived from the scorer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.matching.support import TODAY

# Places: (version, code). 2025 communes of Hải Phòng (former Hải Dương unless noted).
TD, HD, VH, CL = ("2025", "10507"), ("2025", "10525"), ("2025", "10543"), ("2025", "10546")
NS, KM, PT, CGG = ("2025", "10606"), ("2025", "10675"), ("2025", "10750"), ("2025", "10888")
CGI, KS, TK, TM = ("2025", "10903"), ("2025", "10945"), ("2025", "11074"), ("2025", "11239")
HB, AD = ("2025", "11311"), ("2025", "11581")  # Hải Phòng city
MH, TT, HK = ("2025", "12103"), ("2025", "09400"), ("2025", "00070")  # other provinces
# Legacy communes (before 1 July 2025).
L_BH, L_NC, L_PL, L_NS = (
    ("legacy", "10510"),
    ("legacy", "10513"),
    ("legacy", "10546"),
    ("legacy", "10606"),
)
L_AL, L_PT, L_LC, L_CH = (
    ("legacy", "10675"),
    ("legacy", "10750"),
    ("legacy", "10891"),
    ("legacy", "10894"),
)
L_KS, L_TK, L_TM, L_CG = (
    ("legacy", "10945"),
    ("legacy", "11074"),
    ("legacy", "11239"),
    ("legacy", "10888"),
)


def _vacancy(
    number: int,
    place: tuple[str, str],
    occupation: str,
    must: list[str],
    nice: list[str],
    qualification: str = "none",
    experience: int = 0,
    wage: tuple[int, int] | None = None,
) -> dict[str, Any]:
    return {
        "id": number,
        "unit_version": place[0],
        "commune_code": place[1],
        "occupation_code": occupation,
        "must": must,
        "nice": nice,
        "qualification_code": qualification,
        "min_experience_months": experience,
        "wage_min": wage[0] if wage else None,
        "wage_max": wage[1] if wage else None,
        "wage_negotiable": wage is None,
    }


VACANCIES: dict[str, dict[str, Any]] = {
    "han_tig": _vacancy(
        1, TD, "7212", ["hàn TIG"], ["đọc bản vẽ kỹ thuật"], "so_cap", 12, (9_000_000, 13_000_000)
    ),
    "han_dien": _vacancy(
        2, KM, "7212", ["hàn điện"], ["cắt hơi"], "none", 6, (8_000_000, 11_000_000)
    ),
    "cnc": _vacancy(
        3,
        VH,
        "7223",
        ["vận hành máy CNC"],
        ["đọc bản vẽ", "đo kiểm"],
        "trung_cap",
        12,
        (9_000_000, 14_000_000),
    ),
    "may": _vacancy(
        4, KS, "8153", ["công nhân may"], ["vắt sổ"], "none", 0, (6_500_000, 9_000_000)
    ),
    "bo_day": _vacancy(
        5, NS, "8202", ["lắp ráp bó dây điện"], ["bấm đầu cos"], "none", 0, (6_500_000, 8_500_000)
    ),
    "smt": _vacancy(
        6,
        PT,
        "8202",
        ["vận hành SMT"],
        ["hàn thiếc", "kiểm tra bo mạch"],
        "so_cap",
        6,
        (7_000_000, 10_000_000),
    ),
    "dien_cn": _vacancy(
        7,
        CL,
        "7412",
        ["điện công nghiệp"],
        ["lập trình PLC", "an toàn điện"],
        "trung_cap",
        24,
        (10_000_000, 15_000_000),
    ),
    "xe_nang": _vacancy(
        8, HD, "8344", ["lái xe nâng"], ["quản lý kho"], "none", 6, (8_000_000, 10_000_000)
    ),
    "qc": _vacancy(
        9,
        CGI,
        "7543",
        ["kiểm tra chất lượng"],
        ["đo kiểm", "5S"],
        "trung_cap",
        6,
        (7_500_000, 10_000_000),
    ),
    "ke_toan": _vacancy(
        10,
        TD,
        "3313",
        ["kế toán"],
        ["phần mềm MISA", "Excel"],
        "cao_dang",
        24,
        (9_000_000, 12_000_000),
    ),
    "bep": _vacancy(
        11, TK, "5120", ["nấu ăn"], ["an toàn thực phẩm"], "none", 12, (7_000_000, 9_000_000)
    ),
    "bao_tri": _vacancy(
        12,
        CGG,
        "7233",
        ["bảo trì máy"],
        ["thủy lực khí nén", "điện công nghiệp"],
        "trung_cap",
        24,
        (10_000_000, 14_000_000),
    ),
    "tieng_han": _vacancy(
        13, TD, "2643", ["tiếng Hàn"], ["phiên dịch"], "dai_hoc", 12, (12_000_000, 18_000_000)
    ),
    "lai_xe_tai": _vacancy(
        14, AD, "8332", ["lái xe tải"], ["giao hàng"], "none", 24, (10_000_000, 14_000_000)
    ),
    "ep_nhua": _vacancy(
        15, TM, "8142", ["vận hành máy ép nhựa"], ["sửa khuôn"], "none", 0, (7_000_000, 9_500_000)
    ),
    "giay": _vacancy(
        16, TM, "8156", ["may mũ giày"], ["gò giày"], "none", 0, (6_500_000, 8_500_000)
    ),
}

_profiles: list[dict[str, Any]] = []


def P(
    skills: list[str],
    place: tuple[str, str] | None,
    relevance: dict[str, int],
    wished: tuple[str, ...] = (),
    qualification: str = "none",
    experience: int = 0,
    wage: int | None = None,
    status: str = "unemployed",
    commute: int | None = None,
    relocate: bool = False,
    course: str | None = None,
    graduated: int | None = None,
) -> None:
    number = len(_profiles) + 1
    experiences = []
    if experience:
        start = TODAY - dt.timedelta(days=int(experience * 30.5))
        end = None if status == "employed" else TODAY - dt.timedelta(days=30)
        experiences.append(
            {"start_date": start, "end_date": end, "occupation_code": wished[0] if wished else None}
        )
    _profiles.append(
        {
            "id": number,
            "skills": skills,
            "unit_version": place[0] if place else None,
            "current_commune_code": place[1] if place else None,
            "wished_occupation_codes": list(wished),
            "qualification_code": qualification,
            "experiences": experiences,
            "min_wage": wage,
            "employment_status": status,
            "open_to_offers": True,
            "max_commute_km": commute,
            "willing_to_relocate": relocate,
            "course_occupation_codes": course,
            "graduation_year": graduated,
            "relevance": relevance,
        }
    )


# --- 1. Thợ hàn TIG, Thành Đông ---------------------------------------------------------------
P(
    ["hàn TIG", "đọc bản vẽ"],
    L_BH,
    {"han_tig": 3, "han_dien": 2},
    ("7212",),
    "trung_cap",
    36,
    9_500_000,
)
P(
    ["han tig inox", "han mig"],
    HD,
    {"han_tig": 3, "han_dien": 2},
    ("7212",),
    "so_cap",
    24,
    10_000_000,
)
P(
    ["thợ hàn argon", "doc ban ve ky thuat"],
    NS,
    {"han_tig": 3, "han_dien": 2},
    ("7212",),
    "so_cap",
    48,
    11_000_000,
    "employed",
)
P(["hàn MIG/MAG", "hàn CO2"], VH, {"han_tig": 2, "han_dien": 2}, ("7212",), "so_cap", 30, 9_000_000)
P(
    ["hàn TIG", "hàn ống 6G"],
    HK,
    {"han_tig": 1, "han_dien": 1},
    ("7212",),
    "trung_cap",
    60,
    14_000_000,
    commute=20,
)
P(
    ["han tgi", "gò hàn"],
    KS,
    {"han_tig": 3, "han_dien": 1},
    ("7212",),
    "so_cap",
    20,
    9_000_000,
    commute=25,
)
P(["hàn que", "hàn hồ quang"], TD, {"han_tig": 2, "han_dien": 3}, ("7212",), "none", 40, 8_500_000)
P(["tiếng Hàn", "biên phiên dịch"], TD, {"tieng_han": 3}, ("2643",), "dai_hoc", 24, 15_000_000)
P(["cắt plasma", "chấn gấp"], L_NC, {"han_tig": 1, "han_dien": 1}, ("7214",), "none", 18, 8_000_000)
P(
    ["hàn cơ bản"],
    TD,
    {"han_tig": 1, "han_dien": 1},
    (),
    "so_cap",
    0,
    7_000_000,
    course="7212",
    graduated=2025,
)
P(["hàn Tig", "han thiec"], L_LC, {"han_tig": 3, "smt": 1}, ("7212",), "so_cap", 15, 9_000_000)

# --- 2. Thợ hàn điện, Kinh Môn -----------------------------------------------------------------
P(["hàn điện", "cắt hơi"], L_AL, {"han_dien": 3, "han_tig": 2}, ("7212",), "none", 24, 8_000_000)
P(["han dien", "cat gio da"], PT, {"han_dien": 3, "han_tig": 2}, ("7212",), "none", 12, 8_500_000)
P(
    ["thợ hàn điện", "hàn que"],
    KM,
    {"han_dien": 3, "han_tig": 2},
    ("7212",),
    "none",
    60,
    9_000_000,
    "employed",
)
P(["hàn đien", "gò hàn"], HB, {"han_dien": 2, "han_tig": 1}, ("7212",), "none", 30, 9_000_000)
P(["thợ hàn"], L_PT, {"han_dien": 3, "han_tig": 2}, ("7212",), "none", 8, 7_500_000)
P(["hàn MIG"], AD, {"han_dien": 2, "han_tig": 2}, ("7212",), "so_cap", 24, 9_000_000, commute=20)
P(["hàn điện"], TT, {"han_dien": 1, "han_tig": 1}, ("7212",), "none", 36, 8_000_000, relocate=True)
P(["sơn tĩnh điện", "phun sơn"], KM, {}, ("8122",), "none", 24, 8_000_000)
P(["hàn bấm", "hàn điểm"], KM, {"han_dien": 2, "han_tig": 1}, ("7212",), "none", 12, 8_000_000)
P(["dien cong nghiep"], KM, {"dien_cn": 2, "bao_tri": 1}, ("7412",), "trung_cap", 30, 10_000_000)

# --- 3. Vận hành máy CNC, Việt Hòa -------------------------------------------------------------
P(
    ["vận hành máy CNC", "đọc bản vẽ", "thước cặp"],
    L_LC,
    {"cnc": 3},
    ("7223",),
    "trung_cap",
    36,
    11_000_000,
)
P(["van hanh may cnc", "lap trinh cnc"], CGI, {"cnc": 3}, ("7223",), "cao_dang", 24, 12_000_000)
P(["đứng máy CNC"], VH, {"cnc": 3}, ("7223",), "trung_cap", 14, 9_000_000)
P(["van hanh may cmc", "do kiem"], TD, {"cnc": 3}, ("7223",), "trung_cap", 20, 10_000_000)
P(["thợ tiện", "phay cơ"], CGG, {"cnc": 2, "bao_tri": 1}, ("7223",), "trung_cap", 48, 11_000_000)
P(["lập trình CNC", "Mastercam"], HB, {"cnc": 2}, ("7223",), "cao_dang", 36, 15_000_000)
P(
    ["vận hành máy dập", "công nhân dập"],
    VH,
    {"cnc": 1, "ep_nhua": 1},
    ("8121",),
    "none",
    24,
    8_000_000,
)
P(["máy may công nghiệp"], VH, {"may": 3}, ("8153",), "none", 12, 7_000_000)
P(["CNC"], MH, {"cnc": 2}, ("7223",), "trung_cap", 30, 10_000_000, commute=30)
P(["vận hành máy"], VH, {"cnc": 1, "ep_nhua": 1}, ("8209",), "none", 12, 7_500_000)
P(
    ["gia công CNC", "đọc bản vẽ cơ khí"],
    L_CH,
    {"cnc": 3},
    ("7223",),
    "trung_cap",
    26,
    10_000_000,
    "employed",
    commute=20,
)

# --- 4. Công nhân may, Kẻ Sặt ------------------------------------------------------------------
P(["công nhân may", "vắt sổ"], L_KS, {"may": 3, "giay": 1}, ("8153",), "none", 24, 7_000_000)
P(["cong nhan may"], KS, {"may": 3, "giay": 1}, ("8153",), "none", 6, 6_500_000)
P(["may công nghiệp", "may 1 kim"], CGI, {"may": 3, "giay": 1}, ("8153",), "none", 36, 7_500_000)
P(["thợ may", "may đo"], CGG, {"may": 2, "giay": 1}, ("8153",), "none", 60, 8_000_000)
P(["may chuyền", "là ủi"], TM, {"may": 3, "giay": 1}, ("8153",), "none", 30, 7_000_000, commute=25)
P(["máy kansai", "vat so"], KS, {"may": 2, "giay": 1}, ("8153",), "none", 18, 7_000_000)
P(["cắt vải", "trải vải"], KS, {"may": 1}, ("7532",), "none", 12, 7_000_000)
P(["công nhân may"], HK, {"may": 1}, ("8153",), "none", 24, 7_000_000, relocate=True)
P(["kiểm hàng may", "QC may"], KS, {"may": 1, "qc": 2}, ("7543",), "none", 24, 7_500_000)
P(["vận hành máy CNC"], KS, {"cnc": 2}, ("7223",), "trung_cap", 24, 10_000_000, commute=25)
P(["cong nhan mayy"], L_KS, {"may": 3, "giay": 1}, ("8153",), "none", 10, 6_500_000)

# --- 5. Lắp ráp bó dây điện ô tô, Nam Sách -----------------------------------------------------
P(["lắp ráp bó dây điện", "bấm cos"], L_NS, {"bo_day": 3}, ("8202",), "none", 12, 7_000_000)
P(["bo day dien o to"], NS, {"bo_day": 3}, ("8202",), "none", 24, 7_500_000)
P(["cong nhan bo day", "tuot day"], TD, {"bo_day": 3}, ("8202",), "none", 6, 7_000_000)
P(["wiring harness"], HD, {"bo_day": 3}, ("8202",), "none", 18, 8_000_000)
P(["bấm đầu cốt", "kiểm tra thông mạch"], NS, {"bo_day": 2}, ("8202",), "none", 12, 7_000_000)
P(["lắp ráp điện tử"], NS, {"bo_day": 2, "smt": 2}, ("8202",), "none", 12, 7_000_000)
P(["lap rap bo day dien"], CL, {"bo_day": 3}, ("8202",), "none", 30, 7_500_000, commute=20)
P(
    ["đi dây điện nhà", "điện dân dụng"],
    NS,
    {"bo_day": 1, "dien_cn": 1},
    ("7411",),
    "none",
    24,
    8_000_000,
)
P(["lắp ráp bó dây điên"], L_PL, {"bo_day": 3}, ("8202",), "none", 9, 7_000_000, commute=25)
P(["công nhân"], NS, {"bo_day": 1, "ep_nhua": 1, "giay": 1}, ("9329",), "none", 6, 6_000_000)

# --- 6. Vận hành dây chuyền SMT, Phú Thái ------------------------------------------------------
P(["vận hành SMT", "máy gắp linh kiện"], L_PT, {"smt": 3}, ("8202",), "so_cap", 24, 8_500_000)
P(["SMT", "AOI"], KM, {"smt": 3}, ("8202",), "so_cap", 12, 8_000_000)
P(["ky thuat smt", "test bo mach"], PT, {"smt": 3}, ("3114",), "trung_cap", 30, 9_500_000)
P(["hàn thiếc", "lắp ráp linh kiện"], PT, {"smt": 2, "bo_day": 1}, ("8202",), "none", 12, 7_000_000)
P(
    ["kiểm tra bo mạch", "ICT test"],
    AD,
    {"smt": 2, "qc": 1},
    ("7543",),
    "so_cap",
    24,
    8_000_000,
    commute=25,
)
P(["sua chua dien tu"], PT, {"smt": 1}, ("7421",), "so_cap", 36, 8_000_000)
P(["vận hành SMT"], TK, {"smt": 2}, ("8202",), "so_cap", 12, 8_000_000)
P(["công nhân điện tử"], L_AL, {"smt": 2, "bo_day": 2}, ("8202",), "none", 8, 7_000_000)
P(
    ["pick and place", "dán linh kiện SMT"],
    HB,
    {"smt": 3},
    ("8202",),
    "so_cap",
    18,
    8_500_000,
    commute=20,
)
P(["lắp ráp bo mạch"], PT, {"smt": 2, "bo_day": 1}, ("8202",), "none", 6, 7_000_000)

# --- 7. Thợ điện công nghiệp, Chí Linh ---------------------------------------------------------
P(
    ["điện công nghiệp", "PLC"],
    L_PL,
    {"dien_cn": 3, "bao_tri": 2},
    ("7412",),
    "trung_cap",
    36,
    11_000_000,
)
P(
    ["dien cong nghiep", "an toan dien bac 3"],
    CL,
    {"dien_cn": 3, "bao_tri": 1},
    ("7412",),
    "trung_cap",
    48,
    12_000_000,
)
P(
    ["thợ điện công nghiệp"],
    NS,
    {"dien_cn": 3, "bao_tri": 1},
    ("7412",),
    "cao_dang",
    30,
    10_000_000,
    commute=20,
)
P(
    ["lập trình PLC", "biến tần"],
    HD,
    {"dien_cn": 2, "bao_tri": 1},
    ("3113",),
    "cao_dang",
    24,
    13_000_000,
    commute=20,
)
P(["tủ điện", "đấu tủ điện"], CL, {"dien_cn": 2}, ("7412",), "trung_cap", 24, 10_000_000)
P(["điện lạnh", "sửa điều hòa"], CL, {"dien_cn": 1}, ("7127",), "trung_cap", 36, 10_000_000)
P(
    ["điện công nghiệp"],
    TD,
    {"dien_cn": 2, "bao_tri": 1},
    ("7412",),
    "trung_cap",
    12,
    10_000_000,
    commute=10,
)
P(
    ["electrician", "bảo trì điện"],
    L_PL,
    {"dien_cn": 3, "bao_tri": 2},
    ("7412",),
    "trung_cap",
    30,
    11_000_000,
    "employed",
)
P(["điện dân dụng"], CL, {"dien_cn": 1}, ("7411",), "so_cap", 24, 8_000_000)
P(["dien cong ngiep"], CL, {"dien_cn": 3, "bao_tri": 1}, ("7412",), "trung_cap", 28, 10_500_000)

# --- 8. Lái xe nâng, Phường Hải Dương ----------------------------------------------------------
P(["lái xe nâng", "thủ kho"], L_NC, {"xe_nang": 3}, ("8344",), "none", 24, 8_500_000)
P(["lai xe nang"], HD, {"xe_nang": 3}, ("8344",), "none", 12, 8_000_000)
P(["forklift"], TD, {"xe_nang": 3}, ("8344",), "none", 8, 8_000_000)
P(["xe nâng hàng", "bốc xếp"], NS, {"xe_nang": 3}, ("8344",), "none", 36, 9_000_000)
P(["lai xe nag"], L_BH, {"xe_nang": 3}, ("8344",), "none", 18, 8_000_000)
P(["quản lý kho", "nhập xuất kho"], HD, {"xe_nang": 1}, ("4321",), "trung_cap", 36, 9_000_000)
P(["bốc xếp"], HD, {"xe_nang": 1}, ("9333",), "none", 12, 6_500_000)
P(["lái xe tải", "bằng C"], HD, {"lai_xe_tai": 2, "xe_nang": 1}, ("8332",), "none", 48, 11_000_000)
P(["lái xe nâng"], KM, {"xe_nang": 2}, ("8344",), "none", 30, 9_000_000, commute=25)
P(["tài xế xe nâng"], TT, {"xe_nang": 1}, ("8344",), "none", 24, 8_500_000, relocate=True)

# --- 9. Nhân viên QC, Cẩm Giàng ----------------------------------------------------------------
P(
    ["kiểm tra chất lượng", "thước cặp", "5S"],
    L_CH,
    {"qc": 3},
    ("7543",),
    "trung_cap",
    24,
    8_500_000,
)
P(["QC", "đo kiểm"], CGI, {"qc": 3}, ("7543",), "trung_cap", 12, 8_000_000)
P(["nhân viên QC"], CGG, {"qc": 3}, ("7543",), "cao_dang", 18, 9_000_000)
P(["KCS", "kiểm hàng"], KS, {"qc": 3}, ("7543",), "trung_cap", 30, 8_500_000, commute=20)
P(["QA", "ISO 9001"], VH, {"qc": 2}, ("3119",), "dai_hoc", 36, 12_000_000)
P(["kiem tra chat luong"], L_CG, {"qc": 3}, ("7543",), "trung_cap", 10, 8_000_000)
P(["quality control", "SPC"], TD, {"qc": 3}, ("7543",), "cao_dang", 24, 9_500_000, commute=25)
P(["kiểm tra"], CGI, {"qc": 1}, (), "none", 6, 7_000_000)
P(["QC may"], CGI, {"qc": 2, "may": 1}, ("7543",), "none", 12, 7_500_000)
P(["đóng gói", "dán nhãn"], CGI, {}, ("9321",), "none", 12, 6_000_000)

# --- 10. Kế toán, Thành Đông -------------------------------------------------------------------
P(["kế toán tổng hợp", "MISA", "Excel"], L_BH, {"ke_toan": 3}, ("3313",), "dai_hoc", 48, 11_000_000)
P(["ke toan", "phan mem ke toan"], TD, {"ke_toan": 3}, ("3313",), "cao_dang", 30, 10_000_000)
P(["kế toán thuế"], NS, {"ke_toan": 3}, ("3313",), "dai_hoc", 24, 10_000_000)
P(["kế toán kho", "Excel"], HD, {"ke_toan": 2, "xe_nang": 1}, ("4321",), "cao_dang", 24, 9_000_000)
P(["tin học văn phòng", "Excel"], TD, {"ke_toan": 1}, ("4110",), "cao_dang", 12, 7_000_000)
P(["thu ngân"], TD, {"ke_toan": 1}, ("5230",), "trung_cap", 12, 7_000_000)
P(["ke toan cong no"], HB, {"ke_toan": 2}, ("3313",), "dai_hoc", 36, 11_000_000)
P(
    ["kế toán"],
    TD,
    {"ke_toan": 2},
    ("3313",),
    "cao_dang",
    0,
    8_000_000,
    course="3313",
    graduated=2025,
)
P(["tính lương", "BHXH"], TD, {"ke_toan": 1}, ("4313",), "cao_dang", 24, 9_000_000)
P(["ke toan tong hop"], L_NC, {"ke_toan": 3}, ("3313",), "dai_hoc", 60, 13_000_000, "employed")

# --- 11. Nấu ăn bếp công nghiệp, Tứ Kỳ ---------------------------------------------------------
P(["nấu ăn", "an toàn thực phẩm"], L_TK, {"bep": 3}, ("5120",), "none", 36, 7_500_000)
P(["đầu bếp"], TK, {"bep": 3}, ("5120",), "so_cap", 24, 8_000_000)
P(["nau an cong nghiep"], TK, {"bep": 3}, ("5120",), "none", 12, 7_000_000)
P(["phụ bếp", "rửa bát"], TK, {"bep": 1}, ("9402",), "none", 12, 6_000_000)
P(["bếp ăn công nghiệp"], HD, {"bep": 3}, ("5120",), "none", 48, 8_000_000, commute=20)
P(["làm bánh", "bánh gai"], TK, {"bep": 1}, ("7512",), "none", 24, 6_500_000)
P(["nau an"], TM, {"bep": 2}, ("5120",), "none", 18, 7_000_000, commute=20)
P(["chế biến thực phẩm"], TK, {"bep": 1}, ("8160",), "none", 12, 6_500_000)
P(["pha chế", "phục vụ bàn"], TK, {"bep": 1}, ("5131",), "none", 12, 6_500_000)
P(["nấu ăn"], HK, {"bep": 1}, ("5120",), "none", 30, 8_000_000, relocate=True)

# --- 12. Bảo trì máy công nghiệp, Cẩm Giang ----------------------------------------------------
P(
    ["bảo trì máy", "thủy lực", "khí nén"],
    L_CG,
    {"bao_tri": 3},
    ("7233",),
    "trung_cap",
    36,
    11_000_000,
)
P(
    ["bao tri thiet bi", "dien cong nghiep"],
    CGI,
    {"bao_tri": 3, "dien_cn": 2},
    ("7233",),
    "cao_dang",
    48,
    12_000_000,
)
P(["kỹ thuật bảo trì"], VH, {"bao_tri": 3}, ("7233",), "trung_cap", 30, 11_000_000)
P(["thợ bảo trì", "nguội sửa chữa"], L_LC, {"bao_tri": 3}, ("7233",), "trung_cap", 24, 10_000_000)
P(["sửa chữa máy"], CGG, {"bao_tri": 2}, ("7233",), "so_cap", 18, 9_000_000)
P(["thủy lực khí nén"], KS, {"bao_tri": 2}, ("7233",), "trung_cap", 24, 10_000_000, commute=20)
P(["bảo trì máy"], AD, {"bao_tri": 2}, ("7233",), "trung_cap", 36, 11_000_000, commute=40)
P(["sửa xe máy"], CGG, {"bao_tri": 1}, ("7231",), "so_cap", 48, 8_000_000)
P(["maintenance"], CGG, {"bao_tri": 3}, ("7233",), "cao_dang", 60, 13_000_000, "employed")
P(["bao tri may cong nghiep"], L_CH, {"bao_tri": 3}, ("7233",), "trung_cap", 26, 11_000_000)

# --- 13. Phiên dịch tiếng Hàn, Thành Đông ------------------------------------------------------
P(["tiếng Hàn Quốc", "phiên dịch"], TD, {"tieng_han": 3}, ("2643",), "dai_hoc", 36, 14_000_000)
P(["tieng han", "TOPIK"], HD, {"tieng_han": 3}, ("2643",), "dai_hoc", 18, 13_000_000)
P(["phiên dịch tiếng Hàn"], NS, {"tieng_han": 3}, ("2643",), "dai_hoc", 24, 15_000_000)
P(["tiếng Anh", "TOEIC"], TD, {"tieng_han": 1}, ("2643",), "dai_hoc", 24, 12_000_000)
P(
    ["tiếng Nhật", "phiên dịch tiếng Nhật"],
    TD,
    {"tieng_han": 1},
    ("2643",),
    "dai_hoc",
    24,
    14_000_000,
)
P(["biết tiếng Hàn"], TD, {"tieng_han": 2}, (), "cao_dang", 12, 10_000_000)
P(["hàn điện", "hàn TIG"], L_BH, {"han_tig": 3, "han_dien": 2}, ("7212",), "none", 24, 9_000_000)
P(["tieng Han"], HB, {"tieng_han": 2}, ("2643",), "dai_hoc", 24, 14_000_000, commute=30)
P(["phiên dịch"], TD, {"tieng_han": 1}, ("2643",), "dai_hoc", 12, 12_000_000)
P(["korean", "TOPIK 5"], L_NC, {"tieng_han": 3}, ("2643",), "dai_hoc", 30, 15_000_000)

# --- 14. Lái xe tải, An Dương (Hải Phòng) ------------------------------------------------------
P(["lái xe tải", "bằng C"], AD, {"lai_xe_tai": 3}, ("8332",), "none", 60, 12_000_000)
P(["lai xe tai"], HB, {"lai_xe_tai": 3}, ("8332",), "none", 36, 11_000_000)
P(
    ["tài xế xe tải", "giao hàng"],
    L_AL,
    {"lai_xe_tai": 3},
    ("8332",),
    "none",
    48,
    12_000_000,
    commute=25,
)
P(["lái xe container", "bằng FC"], AD, {"lai_xe_tai": 3}, ("8332",), "none", 72, 15_000_000)
P(["lái xe con", "bằng B2"], AD, {"lai_xe_tai": 1}, ("8322",), "none", 36, 10_000_000)
P(["giao hàng", "shipper"], AD, {"lai_xe_tai": 1}, ("8321",), "none", 24, 8_000_000)
P(["lai xe tai"], TD, {"lai_xe_tai": 2}, ("8332",), "none", 30, 11_000_000, commute=35)
P(["lái xe khách", "bằng D"], HB, {"lai_xe_tai": 2}, ("8331",), "none", 60, 12_000_000)
P(["lái xe tải"], TT, {"lai_xe_tai": 1}, ("8332",), "none", 48, 12_000_000)
P(["lai xe tai bang c"], AD, {"lai_xe_tai": 3}, ("8332",), "none", 24, 11_000_000)

# --- 15. Vận hành máy ép nhựa, Thanh Miện ------------------------------------------------------
P(["vận hành máy ép nhựa"], L_TM, {"ep_nhua": 3}, ("8142",), "none", 12, 7_500_000)
P(["ep nhua", "sua khuon"], TM, {"ep_nhua": 3}, ("8142",), "none", 24, 8_000_000)
P(["máy ép phun"], TM, {"ep_nhua": 3}, ("8142",), "none", 6, 7_000_000)
P(["công nhân ép nhựa"], KS, {"ep_nhua": 3}, ("8142",), "none", 18, 7_500_000, commute=25)
P(["làm khuôn", "sửa khuôn"], TM, {"ep_nhua": 2}, ("7222",), "trung_cap", 36, 9_000_000)
P(["vận hành máy dập"], TM, {"ep_nhua": 1}, ("8121",), "none", 12, 7_000_000)
P(["ep nhua"], TK, {"ep_nhua": 2}, ("8142",), "none", 12, 7_000_000)
P(["vận hành dây chuyền sản xuất"], TM, {"ep_nhua": 1}, ("8209",), "none", 12, 7_000_000)
P(["ép nhưa"], L_TM, {"ep_nhua": 3}, ("8142",), "none", 8, 7_000_000)
P(["đóng gói sản phẩm"], TM, {}, ("9321",), "none", 6, 6_000_000)

# --- 16. Công nhân giày da, Thanh Miện ---------------------------------------------------------
P(["may mũ giày", "gò giày"], L_TM, {"giay": 3, "may": 1}, ("8156",), "none", 24, 7_000_000)
P(["may giay"], TM, {"giay": 3, "may": 1}, ("8156",), "none", 12, 6_500_000)
P(["công nhân giày da"], TM, {"giay": 3}, ("8156",), "none", 6, 6_500_000)
P(["gò giày", "quét keo"], TK, {"giay": 2}, ("8156",), "none", 18, 7_000_000)
P(["chặt da"], TM, {"giay": 2}, ("8156",), "none", 12, 6_500_000)
P(["may công nghiệp"], TM, {"giay": 1, "may": 2}, ("8153",), "none", 24, 7_000_000)
P(["giày da"], KS, {"giay": 3}, ("8156",), "none", 30, 7_000_000, commute=25)
P(["may mu giay"], L_TM, {"giay": 3}, ("8156",), "none", 10, 6_500_000)
P(["đóng gói"], TM, {"giay": 1}, ("9321",), "none", 6, 6_000_000)
P(["lái máy xúc"], TM, {}, ("8342",), "none", 36, 10_000_000)

# --- Others: trades with no vacancy here, and people with little to match -------------------
P(["trồng lúa", "nuôi lợn"], TM, {}, ("6111",), "none", 120)
P(["bán hàng", "chăm sóc khách hàng"], TD, {}, ("5223",), "trung_cap", 24, 7_000_000)
P(["lễ tân"], TD, {}, ("4226",), "cao_dang", 12, 7_000_000)
P(["bảo vệ"], KM, {}, ("5401",), "none", 36, 6_000_000)
P(["tạp vụ"], NS, {}, ("9112",), "none", 12, 5_500_000)
P(["thợ xây", "ốp lát"], TK, {}, ("7112",), "none", 60, 9_000_000)
P(["lập trình web", "Python"], TD, {}, ("2513",), "dai_hoc", 24, 15_000_000)
P(["trông trẻ"], CL, {}, ("5311",), "none", 24, 6_000_000)
P(["đan len", "thêu tay"], KS, {}, (), "none", 0)
P(["cắt tóc"], HD, {}, ("5141",), "so_cap", 36, 8_000_000)
P([], None, {}, (), "none", 0)
P(["chăm chỉ", "cẩn thận"], TD, {}, (), "none", 0)
P(["trồng rau", "VietGAP"], TK, {}, ("6111",), "none", 48)
P(["điều dưỡng"], TD, {}, ("3221",), "cao_dang", 24, 9_000_000)
P(["marketing online"], TD, {}, ("2431",), "dai_hoc", 12, 10_000_000)
P(["dược sĩ"], HD, {}, ("3213",), "cao_dang", 24, 9_000_000)
P(["sửa máy khâu"], KS, {"may": 1}, ("7233",), "none", 60, 7_000_000)
P(["quản lý chuyền may"], KS, {"may": 2}, ("3122",), "cao_dang", 72, 12_000_000)
P(["thợ mộc"], TM, {}, ("7115",), "none", 48, 9_000_000)
P(["làm nail"], TD, {}, (), "none", 24, 7_000_000)

PROFILES: list[dict[str, Any]] = _profiles
