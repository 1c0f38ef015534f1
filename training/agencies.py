"""Partner agencies and the sectors they belong to."""

from __future__ import annotations

from dataclasses import dataclass

from storage import models as m
from training.access import Permission, requires
from training.errors import ValidationError
from training.transactions import (
    UnitOfWork,
    check_version,
    found,
    storage_failures_as_user_errors,
)
from training.validation import Problems


@dataclass(frozen=True)
class SectorView:
    id: int
    name: str
    sort_order: int
    version: int


@dataclass(frozen=True)
class AgencyDraft:
    name: str
    sector_id: int
    lead_name: str = ""
    lead_email: str = ""
    active: bool = True


@dataclass(frozen=True)
class AgencyView:
    id: int
    name: str
    sector_id: int
    sector: str
    lead_name: str
    lead_email: str
    active: bool
    staff_count: int
    version: int


@requires(Permission.READ_CATALOGUE)
def list_sectors(uow: UnitOfWork) -> list[SectorView]:
    with uow:
        return [SectorView(s.id, s.name, s.sort_order, s.version) for s in uow.sectors.list()]


@requires(Permission.EDIT_PROGRAMME)
def save_sector(
    uow: UnitOfWork,
    name: str,
    sort_order: int = 0,
    *,
    sector_id: int | None = None,
    version: int | None = None,
) -> SectorView:
    problems = Problems("Sector")
    name = problems.text("name", name, max_length=120)
    problems.raise_if_any()
    with uow, storage_failures_as_user_errors(f"Sector {name!r}"):
        other = uow.sectors.by_name(name)
        if other is not None and other.id != sector_id:
            raise ValidationError("Sector", {"name": f"{name!r} is already a sector"})
        if sector_id is None:
            sector = uow.sectors.add(m.Sector(name=name, sort_order=sort_order))
        else:
            sector = found(uow.sectors.get(sector_id), "sector", sector_id)
            check_version(f"Sector {sector.name!r}", sector.version, version)
            sector.name, sector.sort_order = name, sort_order
            uow.flush()
        uow.commit()
        return SectorView(sector.id, sector.name, sector.sort_order, sector.version)


def _agency_view(agency: m.Agency, sector: str, staff_count: int) -> AgencyView:
    return AgencyView(
        id=agency.id,
        name=agency.name,
        sector_id=agency.sector_id,
        sector=sector,
        lead_name=agency.lead_name,
        lead_email=agency.lead_email,
        active=agency.active,
        staff_count=staff_count,
        version=agency.version,
    )


@requires(Permission.READ_CATALOGUE)
def list_agencies(uow: UnitOfWork) -> list[AgencyView]:
    with uow:
        counts = uow.agencies.staff_counts()
        return [_agency_view(a, a.sector.name, counts.get(a.id, 0)) for a in uow.agencies.list()]


@requires(Permission.READ_CATALOGUE)
def named_agency(uow: UnitOfWork, name: str, subject: str, outcome: str) -> m.Agency:
    """The agency of that name (any case), inside an open unit of work; the error lists the
    names that exist, so a typo is easy to put right."""
    agency = uow.agencies.by_name(name.strip())
    if agency is None:
        known = ", ".join(a.name for a in uow.agencies.list()) or "none yet"
        raise ValidationError(
            subject,
            outcome=outcome,
            problems={"agency": f"no agency is called {name!r} (agencies: {known})"},
        )
    return agency


@requires(Permission.READ_CATALOGUE)
def find_agency(uow: UnitOfWork, name: str) -> AgencyView:
    with uow:
        agency = named_agency(uow, name, "The request", "cannot be met")
        return _agency_view(
            agency, agency.sector.name, uow.agencies.staff_counts().get(agency.id, 0)
        )


@requires(Permission.EDIT_PROGRAMME)
def save_agency(
    uow: UnitOfWork,
    draft: AgencyDraft,
    *,
    agency_id: int | None = None,
    version: int | None = None,
) -> AgencyView:
    problems = Problems("Agency")
    name = problems.text("name", draft.name, max_length=200)
    lead_name = problems.text("lead", draft.lead_name, max_length=200, required=False)
    lead_email = problems.email("lead email", draft.lead_email)
    with uow, storage_failures_as_user_errors(f"Agency {name!r}"):
        if uow.sectors.get(draft.sector_id) is None:
            problems.add("sector", "choose a sector")
        other = uow.agencies.by_name(name) if name else None
        if other is not None and other.id != agency_id:
            problems.add("name", f"{name!r} is already an agency")
        problems.raise_if_any()
        fields = {
            "name": name,
            "sector_id": draft.sector_id,
            "lead_name": lead_name,
            "lead_email": lead_email,
            "active": draft.active,
        }
        if agency_id is None:
            agency = uow.agencies.add(m.Agency(**fields))
        else:
            agency = found(uow.agencies.get(agency_id), "agency", agency_id)
            check_version(f"Agency {agency.name!r}", agency.version, version)
            for key, value in fields.items():
                setattr(agency, key, value)
            uow.flush()
        sector = found(uow.sectors.get(draft.sector_id), "sector", draft.sector_id)
        uow.commit()
        return _agency_view(agency, sector.name, uow.agencies.staff_counts().get(agency.id, 0))
