"""Sensitive data (ethnicity, disability): collected only for a stated purpose, kept apart.

Special-category data lives in :class:`~portal.candidates.models.SensitiveData`, one row per
profile, written only from its own page, which states why each item is asked for. It is
optional, and only its owner and authority staff ever see it: no employer-facing query in the
portal reads this table.

- Ethnicity: the worker record of Circular 01/2022/TT-BLĐTBXH (art. 7) includes it, for the
  labour statistics of the city. Stored as the two-digit code of the General Statistics
  Office's list of Vietnam's 54 ethnic groups.
- Disability: only to offer supported-employment programmes (Law on Persons with
  Disabilities 2010; employment support under the Law on Employment). Stored as the form of
  disability named by that law.
- Religion is *not* collected: no purpose of the portal needs it, so the column stays empty.
"""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, scoped_session

from portal.candidates.errors import InvalidProfileData, ProfileNotFound, rollback_on_refusal
from portal.candidates.models import SensitiveData, WorkerProfile
from portal.models import utcnow

DbSession = Session | scoped_session[Session]

# The GSO list of ethnic groups (Decision 121-TCTK/PPCĐ of 2 March 1979), code → name. Names
# are Vietnamese data, not translatable text.
ETHNIC_GROUPS: dict[str, str] = {
    "01": "Kinh", "02": "Tày", "03": "Thái", "04": "Hoa", "05": "Khơ-me", "06": "Mường",
    "07": "Nùng", "08": "Hmông", "09": "Dao", "10": "Gia-rai", "11": "Ngái", "12": "Ê-đê",
    "13": "Ba-na", "14": "Xơ-đăng", "15": "Sán Chay", "16": "Cơ-ho", "17": "Chăm",
    "18": "Sán Dìu", "19": "Hrê", "20": "Mnông", "21": "Ra-glai", "22": "Xtiêng",
    "23": "Bru-Vân Kiều", "24": "Thổ", "25": "Giáy", "26": "Cơ-tu", "27": "Gié-Triêng",
    "28": "Mạ", "29": "Khơ-mú", "30": "Co", "31": "Tà-ôi", "32": "Chơ-ro", "33": "Kháng",
    "34": "Xinh-mun", "35": "Hà Nhì", "36": "Chu-ru", "37": "Lào", "38": "La Chí",
    "39": "La Ha", "40": "Phù Lá", "41": "La Hủ", "42": "Lự", "43": "Lô Lô", "44": "Chứt",
    "45": "Mảng", "46": "Pà Thẻn", "47": "Co Lao", "48": "Cống", "49": "Bố Y", "50": "Si La",
    "51": "Pu Péo", "52": "Brâu", "53": "Ơ-đu", "54": "Rơ-măm",
}  # fmt: skip

# Forms of disability of the Law on Persons with Disabilities 2010, art. 3.
DISABILITY_FORMS: dict[str, LazyString] = {
    "mobility": _l("Mobility (movement)"),
    "hearing_speech": _l("Hearing or speech"),
    "vision": _l("Vision"),
    "mental": _l("Mental or neurological"),
    "intellectual": _l("Intellectual"),
    "other": _l("Other"),
}

PURPOSE_STATISTICS = "statistics:circular-01-2022"
PURPOSE_SUPPORTED_EMPLOYMENT = "supported-employment"


def ethnicity_name(code: str | None) -> str:
    return ETHNIC_GROUPS.get(code or "", code or "")


def disability_label(code: str | None) -> str:
    label = DISABILITY_FORMS.get(code or "")
    return str(label) if label is not None else (code or "")


def get_sensitive_data(session: DbSession, profile_id: int) -> SensitiveData | None:
    """For the owner's and the authority's pages only; never call this for an employer."""
    return session.get(SensitiveData, profile_id)


@rollback_on_refusal
def save_sensitive_data(
    session: DbSession, profile_id: int, *, ethnicity: str | None, disability: str | None
) -> SensitiveData | None:
    """Keep what the worker chose to give; giving nothing removes the row altogether."""
    if session.get(WorkerProfile, profile_id) is None:
        raise ProfileNotFound()
    ethnicity = ethnicity or None
    disability = disability or None
    if ethnicity is not None and ethnicity not in ETHNIC_GROUPS:
        raise InvalidProfileData(_l("Please choose from the list."), field="ethnicity")
    if disability is not None and disability not in DISABILITY_FORMS:
        raise InvalidProfileData(_l("Please choose from the list."), field="disability")
    row = session.get(SensitiveData, profile_id)
    if ethnicity is None and disability is None:
        if row is not None:
            session.delete(row)
        session.commit()
        return None
    purposes = [
        purpose
        for purpose, given in (
            (PURPOSE_STATISTICS, ethnicity),
            (PURPOSE_SUPPORTED_EMPLOYMENT, disability),
        )
        if given
    ]
    if row is None:
        row = SensitiveData(profile_id=profile_id)
        session.add(row)
    row.ethnicity = ethnicity
    row.religion = None
    row.disability = disability
    row.purpose = " ".join(purposes)
    row.collected_at = utcnow()
    session.commit()
    return row


@rollback_on_refusal
def erase_sensitive_data(session: DbSession, profile_id: int) -> None:
    row = session.get(SensitiveData, profile_id)
    if row is not None:
        session.delete(row)
    session.commit()
