"""The invented county partnership's fixed parts, for the scale data (``scale_data``).

Sectors with their share of the agencies, the size of their workforces and their roles; each
role's training need per topic (the tier rank it requires; 0 when the topic is not required);
the course catalogue by topic and tier; and the names places and people are made from.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple


class RoleSpec(NamedTuple):
    name: str
    weight: int  # how common the role is in its sector
    needs: tuple[int, int, int]  # tier rank required per topic (as TOPICS); 0: not required


class SectorSpec(NamedTuple):
    name: str
    share: int  # of the partnership's agencies
    size: int  # workforce of one of its agencies, relative to the other sectors'
    suffixes: tuple[str, ...]  # of its agencies' names
    roles: tuple[RoleSpec, ...]


TIERS = ("Universal", "Introductory", "Targeted", "Specialist")
TOPICS = (
    ("CSE", "CSE", "Child sexual exploitation: recognising it and responding."),
    ("Missing children", "MIS", "Children missing from home, care or education."),
    ("Criminal exploitation", "CEX", "Criminal exploitation of children and county lines."),
)
SECTORS = (
    SectorSpec(
        "Children's social care",
        4,
        12,
        ("Children's Services", "Family Help"),
        (
            RoleSpec("Social worker", 6, (3, 3, 3)),
            RoleSpec("Senior practitioner", 2, (4, 3, 3)),
            RoleSpec("Family support worker", 4, (2, 2, 2)),
            RoleSpec("Residential care worker", 3, (3, 3, 2)),
            RoleSpec("Social care team manager", 1, (4, 4, 3)),
            RoleSpec("Independent reviewing officer", 1, (3, 2, 2)),
        ),
    ),
    SectorSpec(
        "Police",
        2,
        40,
        ("Police", "Constabulary"),
        (
            RoleSpec("Police constable", 8, (2, 3, 3)),
            RoleSpec("Detective constable", 3, (3, 3, 4)),
            RoleSpec("Police community support officer", 2, (2, 2, 2)),
            RoleSpec("Custody officer", 1, (1, 2, 2)),
            RoleSpec("Police staff", 4, (1, 1, 1)),
            RoleSpec("Missing persons coordinator", 1, (3, 4, 3)),
        ),
    ),
    SectorSpec(
        "Health",
        10,
        10,
        ("NHS Trust", "Primary Care Network", "Health Centre"),
        (
            RoleSpec("General practitioner", 2, (2, 1, 1)),
            RoleSpec("Practice nurse", 3, (2, 1, 1)),
            RoleSpec("Health visitor", 2, (3, 2, 2)),
            RoleSpec("School nurse", 1, (3, 3, 2)),
            RoleSpec("Emergency department clinician", 3, (2, 2, 2)),
            RoleSpec("Sexual health nurse", 1, (4, 2, 3)),
            RoleSpec("Mental health practitioner", 2, (3, 2, 2)),
            RoleSpec("Midwife", 2, (2, 1, 1)),
        ),
    ),
    SectorSpec(
        "Education",
        24,
        2,
        ("Academy Trust", "College", "High School"),
        (
            RoleSpec("Teacher", 8, (2, 2, 2)),
            RoleSpec("Designated safeguarding lead", 1, (4, 3, 3)),
            RoleSpec("Teaching assistant", 5, (1, 1, 1)),
            RoleSpec("Head teacher", 1, (3, 2, 2)),
            RoleSpec("Attendance officer", 1, (2, 3, 2)),
            RoleSpec("College lecturer", 2, (2, 1, 2)),
        ),
    ),
    SectorSpec(
        "Voluntary and community",
        10,
        1,
        ("Youth Project", "Community Trust"),
        (
            RoleSpec("Youth worker", 4, (3, 2, 3)),
            RoleSpec("Outreach worker", 2, (3, 3, 3)),
            RoleSpec("Volunteer", 6, (1, 0, 1)),
            RoleSpec("Mentor", 2, (2, 1, 2)),
        ),
    ),
    SectorSpec(
        "Housing",
        4,
        3,
        ("Homes", "Housing Association"),
        (
            RoleSpec("Housing officer", 4, (1, 1, 1)),
            RoleSpec("Tenancy support worker", 2, (2, 2, 2)),
            RoleSpec("Homelessness officer", 1, (2, 2, 2)),
        ),
    ),
    SectorSpec(
        "Community safety",
        3,
        2,
        ("Community Safety Partnership", "Youth Justice Service"),
        (
            RoleSpec("Community safety officer", 2, (2, 2, 3)),
            RoleSpec("Anti-social behaviour officer", 2, (2, 1, 3)),
            RoleSpec("Youth justice officer", 2, (3, 3, 4)),
        ),
    ),
    SectorSpec(
        "Licensing and hospitality",
        3,
        3,
        ("Licensing Service", "Hospitality Group"),
        (
            RoleSpec("Licensing officer", 1, (2, 1, 2)),
            RoleSpec("Hotel and bar staff", 6, (1, 0, 0)),
            RoleSpec("Taxi driver", 4, (1, 0, 1)),
            RoleSpec("Door supervisor", 2, (1, 0, 1)),
        ),
    ),
)
ROLES = tuple(role for sector in SECTORS for role in sector.roles)  # role id = index + 1
SECTOR_ROLE_IDS = tuple(tuple(ROLES.index(role) + 1 for role in s.roles) for s in SECTORS)
# Five courses per topic and tier: (delivery mode, validity in months; None: never expires).
COURSE_VARIANTS = (
    (
        ("e-learning", 36),
        ("e-learning", None),
        ("briefing", 36),
        ("e-learning", 24),
        ("virtual", None),
    ),
    (
        ("e-learning", 36),
        ("virtual", 36),
        ("classroom", 36),
        ("e-learning", None),
        ("classroom", 24),
    ),
    (
        ("classroom", 36),
        ("classroom", 24),
        ("virtual", 36),
        ("classroom", None),
        ("e-learning", 36),
    ),
    (("classroom", 24), ("classroom", 36), ("classroom", None), ("virtual", 24), ("classroom", 36)),
)
COURSE_HOURS = (Decimal(1), Decimal(3), Decimal(6), Decimal(7))  # by tier
CAPACITIES = {"classroom": (12, 24), "virtual": (20, 40), "briefing": (30, 60)}
PROVIDERS = ("Partnership training team", "Police learning and development", "NHS safeguarding")
QA_STATUSES = ("assured", "assured", "assured with actions", "not assured")
VENUES = ("Town Hall", "Civic Centre", "Police HQ", "Education Centre", "Online (Teams)")
TRAINERS = ("J. Okafor", "R. Patel", "S. McAllister", "H. Lewis", "D. Nowak", "A. Hughes")
PLACES = (
    "Northshire",
    "Ashby",
    "Bramford",
    "Castleton",
    "Dunmore",
    "Eastwick",
    "Fairhaven",
    "Greystone",
    "Hollins",
    "Kingsmead",
    "Longridge",
    "Marston",
    "Newbridge",
    "Oakham",
    "Pemberton",
    "Redcliffe",
    "Stanway",
    "Thornbury",
    "Upton",
    "Westfield",
)
FIRST_NAMES = (
    "Aisha",
    "Amelia",
    "Ben",
    "Callum",
    "Chloe",
    "Daniel",
    "Fatima",
    "George",
    "Grace",
    "Harry",
    "Imran",
    "Isla",
    "Jack",
    "Leah",
    "Liam",
    "Mohammed",
    "Noah",
    "Olivia",
    "Priya",
    "Rhys",
    "Ruby",
    "Sam",
    "Sophie",
    "Zara",
)
LAST_NAMES = (
    "Ahmed",
    "Baker",
    "Brown",
    "Campbell",
    "Clarke",
    "Davies",
    "Evans",
    "Green",
    "Hughes",
    "Jones",
    "Kaur",
    "Khan",
    "Lewis",
    "Moore",
    "Morgan",
    "O'Brien",
    "Patel",
    "Roberts",
    "Singh",
    "Smith",
    "Taylor",
    "Walker",
    "Williams",
    "Wilson",
)
