"""Authority staff find a worker by name or CCCD and read the whole record.

Staff see the full CCCD and the sensitive data (they keep the labour record of Circular
01/2022); employers can never reach these pages.
"""

from __future__ import annotations

from flask import abort, render_template, request
from sqlalchemy import select

from portal.access import Role, roles
from portal.candidates import places, services
from portal.candidates.authority import PER_PAGE
from portal.candidates.blueprint import bp
from portal.candidates.forms import AuthoritySearchForm
from portal.candidates.models import WorkerProfile
from portal.candidates.sensitive import disability_label, ethnicity_name
from portal.candidates.viewhelpers import Pagination, mark_personal, occupation_names, page_arg
from portal.extensions import db
from portal.reference import services as reference
from portal.reference.models import AdminUnit


@bp.get("/authority/workers")
@roles(Role.AUTHORITY, Role.ADMIN)
def authority_workers() -> str:
    form = AuthoritySearchForm(request.args)
    query = form.q.data if form.validate() else ""
    page = page_arg()
    profiles, total = services.find_profiles(db.session, query or "", page=page)
    mark_personal()
    return render_template(
        "candidates/authority_list.html",
        form=form,
        profiles=profiles,
        total=total,
        pagination=Pagination(
            page, PER_PAGE, total, "candidates.authority_workers", {"q": query} if query else {}
        ),
    )


@bp.get("/authority/workers/<int:profile_id>")
@roles(Role.AUTHORITY, Role.ADMIN)
def authority_worker(profile_id: int) -> str:
    profile = db.session.get(WorkerProfile, profile_id)
    if profile is None:
        abort(404)
    version = profile.unit_version
    sensitive = services.get_sensitive_data(db.session, profile.id)
    provinces = dict(
        db.session.execute(
            select(AdminUnit.code, AdminUnit.name).where(
                AdminUnit.version == version, AdminUnit.level == "province"
            )
        ).all()
    )
    mark_personal()
    return render_template(
        "candidates/authority_worker.html",
        profile=profile,
        communes={
            key: places.commune_text(db.session, version, getattr(profile, key))
            for key in ("permanent_commune_code", "current_commune_code", "workplace_commune_code")
        },
        provinces=provinces,
        occupation_names=occupation_names(),
        qualification_names=dict(reference.qualification_choices(db.session)),
        sensitive=sensitive,
        ethnicity=ethnicity_name(sensitive.ethnicity) if sensitive else "",
        disability=disability_label(sensitive.disability) if sensitive else "",
        consents=services.consent_states(db.session, profile.id),
    )
