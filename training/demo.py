"""A demo partnership that looks real: a county's agencies, workforce, training and reach.

Everything is invented (the county of Northshire, its agencies and its people) and follows from
one random seed and one date, so the same call always makes the same partnership. The whole
partnership is planned in plain Python first, then written in one transaction: a few hundred
catalogue rows and thousands of staff, sessions and records, by bulk inserts whose ids the
database assigns (so its id sequences stay right for everything added later).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, NamedTuple

from storage import models as m
from training.access import Permission, requires
from training.dates import add_months
from training.errors import ValidationError
from training.progress import Progress, no_progress
from training.staff import SINCE_ALWAYS
from training.transactions import UnitOfWork, storage_failures_as_user_errors

# --- the partnership ----------------------------------------------------------------------

PARTNERSHIP = "Northshire Safeguarding Children Partnership"
SETTINGS = (
    ("partnership_name", PARTNERSHIP),
    ("certificate_signatory", "Dr Helen Marsden"),
    ("signatory_title", "Independent Scrutineer, Northshire Safeguarding Children Partnership"),
    ("partnership_email", "training@northshirescp.org.uk"),
)
CSC, POL, HEA, EDU = "Children's social care", "Police", "Health", "Education"
VCS, HOU, COM = "Voluntary and community", "Housing", "Community safety"
LIC = "Licensing and hospitality"
SECTORS = (CSC, POL, HEA, EDU, VCS, HOU, COM, LIC)
TIERS = (
    ("Universal", "Awareness for everyone in contact with children or families."),
    ("Introductory", "Recognising the signs and knowing how to refer."),
    ("Targeted", "For practitioners who work directly with children at risk."),
    ("Specialist", "For leads, specialists and those who manage risk and disruption."),
)
CSE, MISSING, CRIMINAL, ONLINE = range(4)
TOPICS = (
    (
        "Child sexual exploitation (CSE)",
        "Recognising and responding to the sexual exploitation of children and young people.",
    ),
    (
        "Missing children",
        "Children missing from home, care or education: risk, return home interviews and the "
        "links to exploitation.",
    ),
    (
        "Criminal exploitation and county lines",
        "Child criminal exploitation, county lines drug supply, cuckooing and contextual "
        "safeguarding.",
    ),
    ("Online safety", "Online grooming, image-based abuse, sextortion and safety online."),
)


@dataclass(frozen=True)
class RoleSpec:
    name: str
    group: str
    needs: tuple[int, int, int, int]  # required tier rank per topic, in TOPICS order; 0: none
    audience: str = ""  # "taxi" or "hotel": takes the trade's own introductory CSE course
    email_share: float = 1.0  # how many in the role have an email address on record
    older_children: bool = True  # works with children aged 10 and over
    front_line: bool = True


# The training-needs matrix: tier ranks for CSE, missing, criminal exploitation, online safety.
# fmt: off
ROLES = (
    RoleSpec("Social worker", CSC, (3, 3, 3, 2)),
    RoleSpec("Team manager", CSC, (4, 3, 3, 2)),
    RoleSpec("Exploitation specialist", CSC, (4, 4, 4, 3)),
    RoleSpec("Family support worker", CSC, (2, 2, 2, 1)),
    RoleSpec("Residential care worker", CSC, (3, 3, 2, 2)),
    RoleSpec("Independent reviewing officer", CSC, (3, 3, 3, 2)),
    RoleSpec("Youth justice officer", "Youth justice", (3, 2, 4, 2)),
    RoleSpec("Police officer", POL, (2, 3, 2, 1)),
    RoleSpec("Detective", POL, (4, 3, 3, 3)),
    RoleSpec("Police community support officer", POL, (2, 2, 2, 1)),
    RoleSpec("Control room operator", POL, (1, 2, 1, 0), older_children=False),
    RoleSpec("School nurse", HEA, (3, 2, 2, 2)),
    RoleSpec("Health visitor", HEA, (2, 1, 1, 1), older_children=False),
    RoleSpec("Sexual health nurse", HEA, (3, 2, 2, 2)),
    RoleSpec("Nurse", HEA, (2, 1, 1, 0)),
    RoleSpec("Doctor", HEA, (2, 1, 1, 0)),
    RoleSpec("Midwife", HEA, (2, 1, 1, 0)),
    RoleSpec("Health care assistant", HEA, (1, 1, 1, 0)),
    RoleSpec("CAMHS practitioner", HEA, (3, 2, 2, 2)),
    RoleSpec("GP", HEA, (2, 1, 1, 1)),
    RoleSpec("Practice nurse", HEA, (2, 1, 1, 0)),
    RoleSpec("Practice receptionist", HEA, (1, 0, 0, 0)),
    RoleSpec("Designated safeguarding lead", EDU, (3, 3, 3, 3)),
    RoleSpec("Teacher", EDU, (2, 1, 2, 2)),
    RoleSpec("Teaching assistant", EDU, (1, 1, 1, 1)),
    RoleSpec("Pastoral support worker", EDU, (2, 2, 2, 2)),
    RoleSpec("Youth worker", VCS, (2, 2, 2, 2)),
    RoleSpec("Children's support worker", VCS, (3, 2, 3, 2)),
    RoleSpec("Volunteer", VCS, (1, 1, 1, 1), email_share=0.7, front_line=False),
    RoleSpec("Housing officer", HOU, (2, 1, 2, 0)),
    RoleSpec("Repairs operative", HOU, (1, 0, 1, 0), email_share=0.8),
    RoleSpec("Community safety officer", COM, (2, 1, 3, 1)),
    RoleSpec("Firefighter", COM, (1, 0, 1, 0)),
    RoleSpec("Licensing officer", LIC, (3, 1, 2, 0)),
    RoleSpec("Taxi driver", LIC, (2, 0, 1, 0), audience="taxi", email_share=0.65),
    RoleSpec("Taxi dispatcher", LIC, (1, 0, 1, 0), audience="taxi", older_children=False),
    RoleSpec("Hotel receptionist", LIC, (2, 0, 1, 0), audience="hotel"),
    RoleSpec("Hotel night porter", LIC, (2, 0, 1, 0), audience="hotel"),
    RoleSpec("Housekeeping", LIC, (1, 0, 0, 0), audience="hotel", email_share=0.6),
    RoleSpec("Hotel duty manager", LIC, (2, 1, 1, 0), audience="hotel"),
    RoleSpec("Administrator", "Business support", (0, 0, 0, 0), older_children=False,
             front_line=False),
)
JOB_TITLES = {
    "Social worker": ("Social Worker", "Social Worker (Assessment)",
                      "Social Worker (Children in Care)"),
    "Team manager": ("Team Manager", "Assistant Team Manager"),
    "Exploitation specialist": ("Exploitation Practitioner",
                                "Missing and Exploitation Coordinator"),
    "Family support worker": ("Family Support Worker", "Early Help Practitioner"),
    "Residential care worker": ("Residential Childcare Officer", "Senior Residential Worker"),
    "Independent reviewing officer": ("Independent Reviewing Officer",
                                      "Child Protection Conference Chair"),
    "Youth justice officer": ("Youth Justice Officer", "Youth Justice Case Manager",
                              "Reparation Worker"),
    "Police officer": ("Police Constable", "Neighbourhood Police Constable", "Sergeant"),
    "Detective": ("Detective Constable (Child Protection)",
                  "Detective Sergeant (Exploitation Team)"),
    "Police community support officer": ("PCSO", "Neighbourhood PCSO"),
    "Control room operator": ("Call Handler", "Force Control Room Dispatcher"),
    "School nurse": ("School Nurse", "Specialist Community Public Health Nurse"),
    "Health visitor": ("Health Visitor",),
    "Sexual health nurse": ("Sexual Health Nurse", "Young People's Sexual Health Nurse"),
    "Nurse": ("Staff Nurse", "Staff Nurse (Emergency Department)", "Ward Sister",
              "Paediatric Nurse"),
    "Doctor": ("Consultant Paediatrician", "Emergency Medicine Registrar", "Foundation Doctor"),
    "Midwife": ("Midwife", "Community Midwife"),
    "Health care assistant": ("Health Care Assistant",),
    "CAMHS practitioner": ("CAMHS Practitioner", "Clinical Psychologist",
                           "Mental Health Nurse (CAMHS)"),
    "GP": ("GP Partner", "Salaried GP"),
    "Practice nurse": ("Practice Nurse",),
    "Practice receptionist": ("Receptionist", "Patient Services Assistant"),
    "Designated safeguarding lead": ("Designated Safeguarding Lead",
                                     "Deputy Headteacher (DSL)", "Assistant Principal"),
    "Teacher": ("Teacher of English", "Teacher of Mathematics", "Teacher of Science",
                "Teacher of PE", "Head of Year 9", "Lecturer"),
    "Teaching assistant": ("Teaching Assistant", "Learning Support Assistant"),
    "Pastoral support worker": ("Pastoral Support Worker", "Attendance Officer",
                                "Student Welfare Officer"),
    "Youth worker": ("Youth Worker", "Detached Youth Worker", "Youth Lead"),
    "Children's support worker": ("Children's Support Worker", "Young People's Advocate"),
    "Volunteer": ("Volunteer Mentor", "Volunteer Youth Leader"),
    "Housing officer": ("Housing Officer", "Housing Options Officer",
                        "Tenancy Sustainment Officer"),
    "Repairs operative": ("Repairs Operative", "Multi-trade Operative"),
    "Community safety officer": ("Community Safety Officer", "Anti-social Behaviour Officer"),
    "Firefighter": ("Firefighter", "Crew Manager", "Community Fire Safety Advisor"),
    "Licensing officer": ("Licensing Officer", "Licensing Enforcement Officer"),
    "Taxi driver": ("Hackney Carriage Driver", "Private Hire Driver"),
    "Taxi dispatcher": ("Dispatcher", "Booking Operator"),
    "Hotel receptionist": ("Receptionist", "Front of House Supervisor"),
    "Hotel night porter": ("Night Porter", "Night Manager"),
    "Housekeeping": ("Room Attendant", "Housekeeping Supervisor"),
    "Hotel duty manager": ("Duty Manager", "General Manager"),
    "Administrator": ("Administrator", "Business Support Officer", "Data Officer"),
}
# fmt: on
ROLE_BY_NAME = {role.name: role for role in ROLES}
# A role people move on to, and how many in the first role do so within the three years.
PROMOTIONS = {
    "Social worker": ("Team manager", 0.08),
    "Family support worker": ("Social worker", 0.1),
    "Police officer": ("Detective", 0.06),
    "Police community support officer": ("Police officer", 0.15),
    "Teacher": ("Designated safeguarding lead", 0.02),
    "Teaching assistant": ("Pastoral support worker", 0.06),
    "Volunteer": ("Youth worker", 0.1),
    "Health care assistant": ("Nurse", 0.08),
    "Taxi dispatcher": ("Taxi driver", 0.15),
    "Hotel receptionist": ("Hotel duty manager", 0.08),
}


@dataclass(frozen=True)
class AgencySpec:
    name: str
    sector: str
    lead: str
    domain: str
    ref_prefix: str
    size: int  # staff records, leavers included (give or take 8%)
    keen: float  # how likely someone is to take (and refresh) the training their role needs
    lapse: float  # how likely time-limited training was done long ago and never refreshed
    roles: tuple[tuple[str, int], ...]  # role name and its weight in the workforce
    champions: int = 1  # CSE champions in post at a time


SCHOOL = (("Designated safeguarding lead", 3), ("Teacher", 55), ("Teaching assistant", 22),
          ("Pastoral support worker", 6), ("Administrator", 8))  # fmt: skip
TAXI_FIRM = (("Taxi driver", 88), ("Taxi dispatcher", 12))
HOTEL = (("Hotel receptionist", 25), ("Hotel night porter", 10), ("Housekeeping", 45),
         ("Hotel duty manager", 8))  # fmt: skip
# fmt: off
AGENCIES = (
    AgencySpec("Northshire County Council Children's Services", CSC, "Claire Whitfield",
               "northshire.gov.uk", "NCC", 240, 0.99, 0.05,
               (("Social worker", 40), ("Team manager", 8), ("Exploitation specialist", 4),
                ("Family support worker", 25), ("Residential care worker", 18),
                ("Independent reviewing officer", 5), ("Administrator", 10)), champions=3),
    AgencySpec("Northshire Youth Justice Service", CSC, "Darren Mottram", "northshire.gov.uk",
               "YJS", 35, 0.9, 0.1,
               (("Youth justice officer", 80), ("Team manager", 5), ("Administrator", 10))),
    AgencySpec("Northshire Police", POL, "Mark Ellison", "northshire.police.uk", "NP", 260,
               0.8, 0.15,
               (("Police officer", 60), ("Detective", 12), ("Police community support officer", 15),
                ("Control room operator", 10), ("Administrator", 5)), champions=3),
    AgencySpec("Northshire and Marlbury Hospitals NHS Foundation Trust", HEA, "Fiona Gallagher",
               "nmh.nhs.uk", "NMH", 230, 0.55, 0.3,
               (("Nurse", 45), ("Doctor", 20), ("Midwife", 12), ("Health care assistant", 18),
                ("Administrator", 8)), champions=2),
    AgencySpec("Northshire Community Health NHS Trust", HEA, "Amrit Dhillon", "nch.nhs.uk",
               "NCH", 140, 0.82, 0.15,
               (("School nurse", 35), ("Health visitor", 30), ("Sexual health nurse", 15),
                ("Administrator", 5)), champions=2),
    AgencySpec("Northshire Mental Health Partnership NHS Trust", HEA, "Owen Pritchard",
               "nmhp.nhs.uk", "MHP", 80, 0.7, 0.2,
               (("CAMHS practitioner", 70), ("Nurse", 10), ("Administrator", 8))),
    AgencySpec("Northshire GP Federation", HEA, "Ruth Adeyemi", "northshiregp.nhs.uk", "GPF",
               90, 0.5, 0.45,
               (("GP", 25), ("Practice nurse", 20), ("Practice receptionist", 35),
                ("Administrator", 8))),
    AgencySpec("Kingsmead Academy", EDU, "Helen Brook", "kingsmead.sch.uk", "KMA", 75, 0.92,
               0.1, SCHOOL),
    AgencySpec("St Aidan's Catholic High School", EDU, "Michael Devlin", "staidans.sch.uk",
               "SAH", 65, 0.99, 0.05, SCHOOL),
    AgencySpec("Marlbury Community College", EDU, "Joanne Kerr", "marlburycc.sch.uk", "MCC", 70,
               0.62, 0.25, SCHOOL),
    AgencySpec("Hollins Park Academy", EDU, "Imran Qureshi", "hollinspark.sch.uk", "HPA", 70,
               0.5, 0.35, SCHOOL),
    AgencySpec("Riverside Primary School", EDU, "Sarah Lyons", "riverside-primary.sch.uk",
               "RPS", 35, 0.85, 0.1, SCHOOL),
    AgencySpec("Northshire College", EDU, "Andrew Sutcliffe", "northshire.ac.uk", "NSC", 110,
               0.72, 0.2,
               (("Designated safeguarding lead", 3), ("Teacher", 60),
                ("Pastoral support worker", 10), ("Teaching assistant", 15),
                ("Administrator", 12))),
    AgencySpec("Open Door Youth Project", VCS, "Kerry Hughes", "opendooryouth.org.uk", "ODY",
               35, 0.75, 0.15, (("Youth worker", 60), ("Volunteer", 30), ("Administrator", 5))),
    AgencySpec("Safe Haven Northshire", VCS, "Lorraine Bell", "safehaven-northshire.org.uk",
               "SHN", 22, 0.97, 0.0,
               (("Children's support worker", 70), ("Volunteer", 20), ("Administrator", 5)),
               champions=2),
    AgencySpec("Brightside Family Support", VCS, "Tom Ashworth", "brightsidefamilies.org.uk",
               "BFS", 30, 0.6, 0.25,
               (("Children's support worker", 30), ("Volunteer", 40), ("Youth worker", 20))),
    AgencySpec("Northshire Homes", HOU, "Gemma Rowlands", "northshirehomes.co.uk", "NH", 75,
               0.45, 0.4,
               (("Housing officer", 45), ("Repairs operative", 40), ("Administrator", 10))),
    AgencySpec("Marlbury Borough Council Housing Options", HOU, "Paul Whelan",
               "marlbury.gov.uk", "MBH", 28, 0.66, 0.2,
               (("Housing officer", 80), ("Administrator", 15)), champions=0),
    AgencySpec("Northshire Community Safety Partnership", COM, "Nadia Hussain",
               "northshire.gov.uk", "CSP", 22, 0.85, 0.1,
               (("Community safety officer", 80), ("Administrator", 15))),
    AgencySpec("Northshire Fire and Rescue Service", COM, "Craig Bentley",
               "northshirefire.gov.uk", "NFR", 60, 0.55, 0.35,
               (("Firefighter", 85), ("Administrator", 10))),
    AgencySpec("Northshire County Council Licensing", LIC, "Stephen Marsh", "northshire.gov.uk",
               "LIC", 14, 0.95, 0.05, (("Licensing officer", 85), ("Administrator", 15))),
    AgencySpec("A2B Cars Marlbury", LIC, "Javed Akhtar", "a2bcars-marlbury.co.uk", "A2B", 65,
               0.8, 0.15, TAXI_FIRM),
    AgencySpec("Castle Taxis (Northshire) Ltd", LIC, "Gary Fenwick", "castletaxis.co.uk", "CT",
               50, 0.75, 0.6, TAXI_FIRM, champions=0),
    AgencySpec("Station Cabs", LIC, "Bilal Mahmood", "stationcabs.co.uk", "SC", 30, 0.5, 0.45,
               TAXI_FIRM, champions=0),
    AgencySpec("The Riverside Hotel, Marlbury", LIC, "Anna Kowalczyk",
               "riversidehotelmarlbury.co.uk", "RH", 35, 0.6, 0.3, HOTEL),
    AgencySpec("Northgate Inn Northshire", LIC, "Lee Parkinson", "northgateinns.co.uk", "NGI",
               32, 0.45, 0.5, HOTEL, champions=0),
)
# fmt: on
AGENCY_BY_NAME = {agency.name: index for index, agency in enumerate(AGENCIES)}

# --- the catalogue ------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseSpec:
    code: str
    title: str
    topic: int
    tier: int  # rank
    mode: str
    hours: str
    validity: int | None  # months
    provider: str
    trainers: tuple[str, ...] = ()
    venues: tuple[str, ...] = ()
    capacity: int = 20
    starts: dt.time = dt.time(9, 30)


SCP, ELEARNING = "Northshire SCP", "Northshire SCP (e-learning platform)"
ONLINE_ROOM = "Online (Microsoft Teams)"
ROOMS = (
    "Marlbury Civic Centre, Room 2",
    "Northshire County Hall, Training Suite B",
    "Kingsmead Education Centre",
    "Northshire Police HQ, Learning and Development Suite",
    "Hollins Park Community Hub",
)
CSE_TRAINERS = ("Janet Okonjo", "Rob Atherton", "Priya Sandhu")
MISSING_TRAINERS = ("Gareth Lloyd", "Ellen Fairbrother")
CRIMINAL_TRAINERS = ("Marcus Reid", "Kate Holloway", "Leon Baptiste")
ONLINE_TRAINERS = ("Hannah Cole", "Sunil Varma")
# fmt: off
COURSES = (
    CourseSpec("CSE-U1", "CSE: universal awareness", CSE, 1, "e-learning", "1.5", 24, ELEARNING),
    CourseSpec("CSE-I1", "CSE: an introduction for the children's workforce", CSE, 2,
               "classroom", "3", 36, SCP, CSE_TRAINERS, ROOMS, 24),
    CourseSpec("CSE-I2", "CSE awareness for taxi and private hire drivers", CSE, 2, "briefing",
               "2", 24, "Northshire County Council Licensing", ("Stephen Marsh", "Rob Atherton"),
               ("Marlbury Town Hall, Council Chamber",), 40, dt.time(18, 30)),
    CourseSpec("CSE-I3", "Spotting the signs: CSE in hotels and the night-time economy", CSE, 2,
               "virtual", "1.5", 24, SCP, ("Priya Sandhu",), (ONLINE_ROOM,), 30, dt.time(14)),
    CourseSpec("CSE-T1", "CSE: working with children at risk", CSE, 3, "classroom", "6", 36,
               SCP, CSE_TRAINERS, ROOMS),
    CourseSpec("CSE-S1", "CSE: specialist practice, disruption and direct work", CSE, 4,
               "classroom", "12", None, "Safe Haven Northshire",
               ("Lorraine Bell", "Janet Okonjo"), ROOMS, 16),
    CourseSpec("CSE-CH", "CSE champions: foundation training", CSE, 3, "classroom", "6", None,
               SCP, ("Janet Okonjo", "Lorraine Bell"), ROOMS[:2], 16),
    CourseSpec("MIS-U1", "Missing children: universal awareness", MISSING, 1, "e-learning", "1",
               24, ELEARNING),
    CourseSpec("MIS-I1", "Missing from home and care: an introduction", MISSING, 2, "virtual",
               "2.5", 36, SCP, MISSING_TRAINERS, (ONLINE_ROOM,), 35, dt.time(10)),
    CourseSpec("MIS-T1", "Return home interviews and repeat missing episodes", MISSING, 3,
               "classroom", "6", 36, SCP, MISSING_TRAINERS, ROOMS),
    CourseSpec("MIS-S1", "Missing children: strategy meetings and risk management", MISSING, 4,
               "classroom", "6", None, SCP, ("Ellen Fairbrother",), ROOMS, 16),
    CourseSpec("CCE-U1", "Exploitation and county lines: awareness", CRIMINAL, 1, "e-learning",
               "1", 24, ELEARNING),
    CourseSpec("CCE-I1", "Criminal exploitation and county lines: an introduction", CRIMINAL, 2,
               "classroom", "3", 36, SCP, CRIMINAL_TRAINERS, ROOMS, 24, dt.time(13, 30)),
    CourseSpec("CCE-T1", "Criminal exploitation: contextual safeguarding in practice", CRIMINAL,
               3, "classroom", "6", 36, SCP, CRIMINAL_TRAINERS, ROOMS),
    CourseSpec("CCE-S1", "County lines: disruption and the National Referral Mechanism",
               CRIMINAL, 4, "classroom", "6", None, "Northshire Police", ("Kate Holloway",),
               ROOMS, 16),
    CourseSpec("ONL-U1", "Online safety essentials", ONLINE, 1, "e-learning", "1", 36, ELEARNING),
    CourseSpec("ONL-I1", "Online safety: a briefing for practitioners", ONLINE, 2, "briefing",
               "1.5", None, SCP, ONLINE_TRAINERS, ROOMS, 40, dt.time(15, 30)),
    CourseSpec("ONL-T1", "Online harms: sextortion and image-based abuse", ONLINE, 3, "virtual",
               "3", 36, SCP, ONLINE_TRAINERS, (ONLINE_ROOM,), 30),
)
# fmt: on
COURSE_BY_CODE = {course.code: course for course in COURSES}
# The course a role needing a topic at a tier rank takes; trades have their own CSE course.
AUDIENCE_COURSE = {("taxi", CSE, 2): "CSE-I2", ("hotel", CSE, 2): "CSE-I3"}
CHAMPION_COURSE = "CSE-CH"
STANDARD_COURSE = {
    (course.topic, course.tier): course.code
    for course in COURSES
    if course.code not in {*AUDIENCE_COURSE.values(), CHAMPION_COURSE}
}
UNIVERSAL_ELEARNING = {
    course.topic: course.code for course in COURSES if course.mode == "e-learning"
}
QA_STANDARDS = (
    ("Clear learning outcomes", "Outcomes are stated at the start and checked at the end."),
    ("Current local practice", "Content matches the partnership's procedures and pathways."),
    ("Voice of the child", "Children's experiences and words are central to the session."),
    ("Language that does not blame", "Trainer and materials avoid victim-blaming language."),
    ("Inclusive and accessible", "Materials and activities work for every participant."),
    ("Evaluation used", "Feedback from earlier sessions has shaped this one."),
)

# --- people and words ---------------------------------------------------------------------

# fmt: off
FIRST_NAMES = (
    "Aaron", "Abigail", "Adam", "Aisha", "Alan", "Alice", "Amanda", "Amy", "Andrew", "Angela",
    "Anna", "Anthony", "Asif", "Barry", "Bethany", "Bilal", "Carl", "Caroline", "Catherine",
    "Charlotte", "Chloe", "Chris", "Claire", "Craig", "Daniel", "Danielle", "David", "Dawn",
    "Deborah", "Declan", "Donna", "Eleanor", "Emily", "Emma", "Fatima", "Fiona", "Gareth",
    "Gemma", "Graham", "Hannah", "Harpreet", "Hayley", "Helen", "Ian", "Imran", "Jack", "Jade",
    "James", "Jamie", "Jane", "Jason", "Jennifer", "Joanne", "John", "Jonathan", "Julie",
    "Karen", "Katie", "Kelly", "Kevin", "Kirsty", "Laura", "Lauren", "Lee", "Leanne", "Lisa",
    "Liam", "Louise", "Lucy", "Mandeep", "Mark", "Martin", "Matthew", "Megan", "Michael",
    "Michelle", "Mohammed", "Natalie", "Neil", "Nicola", "Oliver", "Paul", "Peter", "Priya",
    "Rachel", "Rebecca", "Richard", "Robert", "Ryan", "Samantha", "Sarah", "Scott", "Shabana",
    "Sian", "Simon", "Sophie", "Stacey", "Stephen", "Steven", "Stuart", "Tariq", "Thomas",
    "Tom", "Tracey", "Vicky", "Wayne", "Zainab", "Zoe",
)
LAST_NAMES = (
    "Ahmed", "Akhtar", "Ali", "Allen", "Anderson", "Armstrong", "Ashworth", "Atkinson",
    "Bailey", "Baker", "Barker", "Barnes", "Bell", "Bennett", "Booth", "Bradley", "Brooks",
    "Brown", "Butler", "Campbell", "Carter", "Chapman", "Clarke", "Collins", "Cook", "Cooper",
    "Cox", "Davies", "Dawson", "Dixon", "Doherty", "Edwards", "Ellis", "Evans", "Fisher",
    "Fletcher", "Foster", "Fox", "Gibson", "Graham", "Gray", "Green", "Hall", "Hamilton",
    "Harris", "Harrison", "Hill", "Holmes", "Hughes", "Hussain", "Jackson", "James", "Jenkins",
    "Johnson", "Jones", "Kaur", "Kelly", "Kennedy", "Khan", "King", "Knight", "Kowalski",
    "Lawrence", "Lee", "Lewis", "Lloyd", "Marshall", "Martin", "Mason", "Matthews", "McDonald",
    "Miller", "Mills", "Mitchell", "Moore", "Morgan", "Morris", "Murphy", "Murray", "Nowak",
    "O'Brien", "O'Neill", "Okafor", "Owen", "Palmer", "Parker", "Patel", "Pearson", "Phillips",
    "Powell", "Price", "Rahman", "Reynolds", "Richards", "Richardson", "Roberts", "Robinson",
    "Rogers", "Rose", "Russell", "Scott", "Shah", "Sharma", "Shaw", "Simpson", "Singh", "Smith",
    "Spencer", "Stevens", "Stewart", "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Walsh",
    "Ward", "Watson", "Webb", "White", "Wilkinson", "Williams", "Wilson", "Wood", "Wright",
    "Young",
)
# fmt: on
REVIEWERS = ("Sarah Quinn, Partnership QA Officer", "Dr Paul Hennessy, Designated Doctor")
PRAISE = (
    "Really useful, especially the case studies.",
    "The trainer was knowledgeable and approachable.",
    "I now know who to contact in the exploitation hub.",
    "Good mix of discussion and input.",
    "The section on language changed how I write my case notes.",
    "Excellent - this should be mandatory for all front-line staff.",
    "Hearing a survivor's account was powerful.",
    "Clear, practical and relevant to my role.",
)
CRITIQUE = (
    "Would have liked more on local referral pathways.",
    "Too much content for the time available.",
    "More time for questions please.",
    "Some of the videos were hard to hear.",
    "The room was too cold.",
    "Felt aimed at social workers rather than my role.",
)
QA_OUTCOMES, QA_WEIGHTS = ("outstanding", "good", "requires improvement"), (2, 5, 2)
QA_ACTIONS = {
    "outstanding": "",
    "good": "Share the scenario exercise with the other trainers.",
    "requires improvement": "Update the referral pathway slide to the new MASH number; "
    "allow more time for the case study; re-observe within six months.",
}
QA_NOTES = (
    "Strong use of local data and case examples.",
    "Participants engaged well in the small-group work.",
    "Session overran; the final exercise was rushed.",
    "Clear links made between missing episodes and exploitation.",
)
MEETING_THEMES = (
    "Hotels and the night-time economy",
    "County lines and cuckooing",
    "Language that does not blame victims",
    "Return home interviews",
    "Online grooming and sextortion",
    "Disruption tactics and abduction notices",
    "The exploitation screening tool",
    "Transitions to adulthood",
)


@dataclass(frozen=True)
class Campaign:
    title: str
    event_type: str
    audience: str
    topic: int
    organiser: str | None  # an agency's name
    venues: tuple[str, ...]
    headcount: tuple[int, int]
    per_year: int
    notes: str = ""


SECONDARY_SCHOOLS = (
    "Kingsmead Academy",
    "St Aidan's Catholic High School",
    "Marlbury Community College",
    "Hollins Park Academy",
    "Marlbury Grammar School",
    "Fernlea High School",
)
COMMUNITY_VENUES = (
    "Eastfield Children's Centre",
    "Marlbury Library, Community Room",
    "Hollins Park Community Hub",
    "St Mark's Church Hall, Northgate",
)
# fmt: off
CAMPAIGNS = (
    Campaign("'Alice's Story' theatre production", "theatre production", "young people", CSE,
             None, SECONDARY_SCHOOLS, (90, 240), 8,
             "Performance for Years 8 and 9, then a workshop led by the school's DSL."),
    Campaign("'Running Lines' county lines drama", "theatre production", "young people",
             CRIMINAL, None, SECONDARY_SCHOOLS, (80, 200), 4),
    Campaign("Online safety roadshow", "school campaign", "young people", ONLINE,
             "Northshire Police", (*SECONDARY_SCHOOLS, "Riverside Primary School"), (150, 600),
             5, "Assemblies and tutor-time sessions."),
    Campaign("Parents Against Exploitation: four-week programme", "parent programme",
             "parents and carers", CSE, "Safe Haven Northshire", COMMUNITY_VENUES, (6, 24), 4),
    Campaign("Keeping your child safe online: parents' evening", "parent programme",
             "parents and carers", ONLINE, None, SECONDARY_SCHOOLS, (15, 80), 3),
    Campaign("CSE briefing for taxi and private hire drivers", "trade briefing",
             "taxi and private hire", CSE, "Northshire County Council Licensing",
             ("Marlbury Town Hall, Council Chamber",), (20, 75), 4,
             "Part of the licence renewal programme."),
    Campaign("Hotel Watch briefing", "trade briefing", "hotels and hospitality", CSE,
             "Northshire Police", ("The Riverside Hotel, Marlbury", "Northgate Inn Northshire",
                                   "Marlbury Travel Lodge"), (6, 25), 3),
    Campaign("Pubwatch: exploitation in licensed premises", "trade briefing",
             "licensed premises", CSE, "Northshire Community Safety Partnership",
             ("Marlbury Civic Centre, Room 2",), (10, 35), 2),
    Campaign("County lines community drop-in", "community event", "community", CRIMINAL,
             "Northshire Community Safety Partnership", COMMUNITY_VENUES, (25, 140), 3),
    Campaign("Missing children awareness stall", "community event", "community", MISSING, None,
             ("Marlbury Shopping Centre", "Northgate Market Square"), (60, 300), 1),
    Campaign("Northshire Exploitation Conference", "conference", "professionals", CSE, None,
             ("Marlbury Civic Centre, Main Hall",), (140, 260), 1),
)
# fmt: on

# --- how the years went -------------------------------------------------------------------

HISTORY_MONTHS = 36  # sessions run over the three years up to the day the demo is made for
ELEARNING_HISTORY_MONTHS = 54  # e-learning records go back further (imported from the old system)
OUTCOMES, OUTCOME_WEIGHTS = ("attended", "did not attend", "cancelled"), (84, 8, 8)
REBOOKED_SHARE = 0.75  # of those who missed a session, how many booked onto a later one
UPCOMING_FILL = 0.8  # bookings on upcoming sessions leave at least this much of them free
EVALUATED_SHARE = 0.55
ANONYMOUS_SHARE = 0.25
QA_OBSERVATIONS = 14
STEPS = (
    "Checking the database is empty",
    "Planning the partnership",
    "Writing agencies, roles and the catalogue",
    "Writing staff and their roles",
    "Writing sessions and attendance",
    "Writing champions and their meetings",
    "Writing evaluations, quality assurance and awareness events",
    "Saving",
)

# --- the plan -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    agency: int  # index into AGENCIES
    staff_ref: str
    first_name: str
    last_name: str
    email: str
    job_title: str
    front_line: bool
    older_children: bool
    start: dt.date | None
    leave: dt.date | None
    roles: tuple[tuple[str, dt.date], ...]  # role name and the day it took effect


class Demand(NamedTuple):
    """Someone due to take a course from about that day on (sorted by day)."""

    day: dt.date
    person: int
    course: str


@dataclass(frozen=True)
class SessionPlan:
    course: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str
    trainer: str
    capacity: int
    status: str

    @property
    def day(self) -> dt.date:
        return self.starts_at.date()


@dataclass(frozen=True)
class RecordPlan:
    person: int
    course: str
    session: int | None  # index into the sessions; None for an e-learning completion
    status: str
    completed_on: dt.date | None


@dataclass(frozen=True)
class ChampionPlan:
    person: int
    appointed_on: dt.date
    stood_down_on: dt.date | None
    trained_on: dt.date | None = None


@dataclass(frozen=True)
class MeetingPlan:
    held_on: dt.date
    venue: str
    notes: str
    present: tuple[tuple[int, bool], ...]  # champion index, present


@dataclass(frozen=True)
class EvaluationPlan:
    session: int
    person: int | None
    submitted_on: dt.date
    ratings: tuple[int, int, int]  # overall, content, trainer
    confidence: tuple[int, int]  # before, after
    comments: str


@dataclass(frozen=True)
class ObservationPlan:
    session: int
    reviewer: str
    observed_on: dt.date
    outcome: str
    actions: str
    notes: str
    standard: str  # the name of the standard observed against


@dataclass(frozen=True)
class EventPlan:
    campaign: Campaign
    held_on: dt.date
    venue: str
    headcount: int


@dataclass(frozen=True)
class DemoPlan:
    people: list[Person]
    sessions: list[SessionPlan]
    records: list[RecordPlan]
    champions: list[ChampionPlan]
    meetings: list[MeetingPlan]
    evaluations: list[EvaluationPlan]
    observations: list[ObservationPlan]
    course_qa: dict[str, tuple[str, dt.date | None]]
    events: list[EventPlan]


@dataclass(frozen=True)
class DemoSummary:
    sectors: int
    agencies: int
    roles: int
    topics: int
    courses: int
    staff: int
    leavers: int
    role_changes: int
    sessions: int
    upcoming_sessions: int
    attendances: int
    elearning_completions: int
    champions: int
    champion_meetings: int
    evaluations: int
    qa_observations: int
    awareness_events: int

    def __str__(self) -> str:
        return (
            f"{self.agencies} agencies in {self.sectors} sectors; {self.staff:,} staff "
            f"({self.leavers:,} leavers, {self.role_changes:,} role changes) in {self.roles} "
            f"roles; {self.topics} topics and {self.courses} courses; {self.sessions:,} sessions "
            f"({self.upcoming_sessions:,} upcoming); {self.attendances:,} attendance records "
            f"({self.elearning_completions:,} e-learning completions); {self.champions} "
            f"champions and {self.champion_meetings} champions' meetings; "
            f"{self.evaluations:,} evaluations; {self.qa_observations} QA observations; "
            f"{self.awareness_events} awareness events"
        )


# --- loading ------------------------------------------------------------------------------


@requires(Permission.EDIT_PROGRAMME)
def load_demo(
    uow: UnitOfWork,
    progress: Progress = no_progress,
    *,
    today: dt.date | None = None,
    seed: int = 2026,
) -> DemoSummary:
    """Fill an empty database with the Northshire partnership, as it stands on ``today``.

    The same ``seed`` and ``today`` always give the same partnership. Refuses a database that
    already holds agencies or topics; writes everything in one transaction.
    """
    today = today or dt.date.today()

    def step(done: int) -> None:
        progress(done, len(STEPS), STEPS[done] if done < len(STEPS) else "Demo loaded")

    with uow, storage_failures_as_user_errors("The demo partnership"):
        step(0)
        _refuse_unless_empty(uow)
        step(1)
        plan = plan_demo(random.Random(seed), today)
        step(2)
        ids = _write_catalogue(uow, plan)
        step(3)
        ids.staff = _write_staff(uow, plan.people, ids)
        step(4)
        ids.sessions = _write_training(uow, plan, ids)
        step(5)
        _write_champions(uow, plan, ids)
        step(6)
        _write_feedback_and_reach(uow, plan, ids)
        step(7)
        uow.refresh_statistics()
        uow.commit()
    step(len(STEPS))
    return _summarise(plan)


def _refuse_unless_empty(uow: UnitOfWork) -> None:
    if uow.agencies.count() or uow.topics.count():
        raise ValidationError(
            "The demo partnership",
            {"database": "already holds agencies or topics; load the demo into an empty one"},
            outcome="cannot be loaded",
        )


def _summarise(plan: DemoPlan) -> DemoSummary:
    return DemoSummary(
        sectors=len(SECTORS),
        agencies=len(AGENCIES),
        roles=len(ROLES),
        topics=len(TOPICS),
        courses=len(COURSES),
        staff=len(plan.people),
        leavers=sum(1 for p in plan.people if p.leave is not None),
        role_changes=sum(len(p.roles) - 1 for p in plan.people),
        sessions=len(plan.sessions),
        upcoming_sessions=sum(1 for s in plan.sessions if s.status == "scheduled"),
        attendances=len(plan.records),
        elearning_completions=sum(1 for r in plan.records if r.session is None),
        champions=len(plan.champions),
        champion_meetings=len(plan.meetings),
        evaluations=len(plan.evaluations),
        qa_observations=len(plan.observations),
        awareness_events=len(plan.events),
    )


# --- planning: plain Python, no database --------------------------------------------------


def plan_demo(rng: random.Random, today: dt.date) -> DemoPlan:
    """The whole partnership as plain data, from the random generator and the day."""
    people = _workforce(rng, today)
    champions = _appoint_champions(rng, people, today)
    demands = _training_demands(rng, people, today) + _champion_demands(rng, champions)
    sessions = _schedule_sessions(rng, demands, today)
    records = _allocate(rng, demands, sessions, people, today)
    champions = _champions_trained(champions, records)
    evaluations = _evaluations(rng, records, sessions, today)
    observations = _observations(rng, sessions)
    return DemoPlan(
        people=people,
        sessions=sessions,
        records=records,
        champions=champions,
        meetings=_meetings(rng, champions, today),
        evaluations=evaluations,
        observations=observations,
        course_qa=_course_qa(rng, observations, sessions, today),
        events=_awareness_events(rng, today),
    )


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def _weekday(day: dt.date) -> dt.date:
    """Saturday moves back to Friday, Sunday on to Monday."""
    shift = {5: -1, 6: 1}.get(day.weekday(), 0)
    return day + dt.timedelta(days=shift)


def _history_start(today: dt.date) -> dt.date:
    return add_months(today, -HISTORY_MONTHS)


# --- the workforce ------------------------------------------------------------------------


def _workforce(rng: random.Random, today: dt.date) -> list[Person]:
    emails: set[str] = set()
    people: list[Person] = []
    for index, agency in enumerate(AGENCIES):
        names, weights = zip(*agency.roles, strict=True)
        number = rng.randint(100, 4000)
        for _ in range(round(agency.size * rng.uniform(0.92, 1.08))):
            number += rng.randint(1, 9)
            role = ROLE_BY_NAME[rng.choices(names, weights)[0]]
            ref = f"{agency.ref_prefix}{number:05d}"
            people.append(_person(rng, index, ref, role, emails, today))
    return people


def _person(
    rng: random.Random, agency: int, ref: str, role: RoleSpec, emails: set[str], today: dt.date
) -> Person:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    start = _start_date(rng, today)
    leave = _leave_date(rng, start, today)
    roles = _role_history(rng, role, start, leave, today)
    current = ROLE_BY_NAME[roles[-1][0]]
    has_email = rng.random() < current.email_share
    return Person(
        agency=agency,
        staff_ref=ref,
        first_name=first,
        last_name=last,
        email=_email(first, last, AGENCIES[agency].domain, emails) if has_email else "",
        job_title=rng.choice(JOB_TITLES[current.name]),
        front_line=current.front_line,
        older_children=current.older_children,
        start=start,
        leave=leave,
        roles=roles,
    )


def _start_date(rng: random.Random, today: dt.date) -> dt.date | None:
    chance = rng.random()
    if chance < 0.03:
        return None  # nobody recorded when they started
    if chance < 0.22:
        return today - dt.timedelta(days=rng.randint(14, 3 * 365))
    return today - dt.timedelta(days=rng.randint(3 * 365, 25 * 365))


def _leave_date(rng: random.Random, start: dt.date | None, today: dt.date) -> dt.date | None:
    earliest = max(start or SINCE_ALWAYS, _history_start(today)) + dt.timedelta(days=60)
    chance = rng.random()
    if chance < 0.1 and earliest < today:
        return _day_between(rng, earliest, today - dt.timedelta(days=1))
    if chance < 0.115:
        return today + dt.timedelta(days=rng.randint(7, 60))  # working their notice
    return None


def _role_history(
    rng: random.Random,
    role: RoleSpec,
    start: dt.date | None,
    leave: dt.date | None,
    today: dt.date,
) -> tuple[tuple[str, dt.date], ...]:
    first = (role.name, start or SINCE_ALWAYS)
    promotion = PROMOTIONS.get(role.name)
    if promotion is None or rng.random() >= promotion[1]:
        return (first,)
    earliest = max(start or SINCE_ALWAYS, _history_start(today)) + dt.timedelta(days=90)
    latest = min(leave or today, today) - dt.timedelta(days=1)
    if earliest > latest:
        return (first,)
    return first, (promotion[0], _day_between(rng, earliest, latest))


def _email(first: str, last: str, domain: str, taken: set[str]) -> str:
    local = "".join(c for c in f"{first}.{last}".lower() if c.isalnum() or c == ".")
    email, number = f"{local}@{domain}", 1
    while email in taken:
        number += 1
        email = f"{local}{number}@{domain}"
    taken.add(email)
    return email


def _role_on(person: Person, day: dt.date) -> RoleSpec | None:
    held = [name for name, since in person.roles if since <= day]
    return ROLE_BY_NAME[held[-1]] if held else None


def _employed_on(person: Person, day: dt.date) -> bool:
    started = person.start is None or person.start <= day
    return started and (person.leave is None or person.leave > day)


# --- training needs -----------------------------------------------------------------------


def _training_demands(rng: random.Random, people: list[Person], today: dt.date) -> list[Demand]:
    demands: list[Demand] = []
    for index, person in enumerate(people):
        for topic in range(len(TOPICS)):
            demands += _topic_demands(rng, index, person, topic, today)
    return demands


def _course_for(role: RoleSpec, topic: int, rank: int) -> CourseSpec:
    code = AUDIENCE_COURSE.get((role.audience, topic, rank), STANDARD_COURSE[topic, rank])
    return COURSE_BY_CODE[code]


def _topic_demands(
    rng: random.Random, index: int, person: Person, topic: int, today: dt.date
) -> list[Demand]:
    """The courses of one topic the person sets out to take, spell by spell of their roles."""
    agency = AGENCIES[person.agency]
    demands: list[Demand] = []
    held = 0  # the highest rank the person has set out to train at so far
    for spell, (name, since) in enumerate(person.roles):
        role = ROLE_BY_NAME[name]
        rank = role.needs[topic]
        if rank <= held or rng.random() > agency.keen:
            continue
        held = rank
        last = _spell_end(person, spell, today)
        if rank > 1 and rng.random() < 0.35:  # the universal e-learning at induction as well
            elearning = COURSE_BY_CODE[UNIVERSAL_ELEARNING[topic]]
            first = max(since, add_months(today, -ELEARNING_HISTORY_MONTHS))
            if first <= last:
                demands.append(Demand(_day_between(rng, first, last), index, elearning.code))
        demands += _course_demands(rng, index, person, _course_for(role, topic, rank), since, today)
    return demands


def _spell_end(person: Person, spell: int, today: dt.date) -> dt.date:
    """The last day the spell of a role lasted, up to today."""
    ends = [today]
    if spell + 1 < len(person.roles):
        ends.append(person.roles[spell + 1][1] - dt.timedelta(days=1))
    if person.leave is not None:
        ends.append(person.leave - dt.timedelta(days=1))
    return min(ends)


def _course_demands(
    rng: random.Random,
    index: int,
    person: Person,
    course: CourseSpec,
    since: dt.date,
    today: dt.date,
) -> list[Demand]:
    """The first time on the course, then refreshers as each lapses (for the keen)."""
    agency = AGENCIES[person.agency]
    months = ELEARNING_HISTORY_MONTHS if course.mode == "e-learning" else HISTORY_MONTHS
    first = max(since, add_months(today, -months))
    last = min(today, (person.leave or today + dt.timedelta(days=1)) - dt.timedelta(days=1))
    if first > last:
        return []
    if course.validity is not None and rng.random() < agency.lapse:
        stale = add_months(today, -course.validity) - dt.timedelta(days=1)
        if first <= stale:  # done long ago and never refreshed
            return [Demand(_day_between(rng, first, min(last, stale)), index, course.code)]
    day = _day_between(rng, first, last)
    demands = [Demand(day, index, course.code)]
    horizon = last if course.mode == "e-learning" else last + dt.timedelta(days=90)
    while course.validity is not None:
        day = add_months(day, course.validity) - dt.timedelta(days=rng.randint(0, 60))
        if day > horizon or rng.random() > agency.keen:
            break
        demands.append(Demand(day, index, course.code))
    return demands


# --- champions ----------------------------------------------------------------------------


def _appoint_champions(
    rng: random.Random, people: list[Person], today: dt.date
) -> list[ChampionPlan]:
    """CSE champions for most agencies; as one stands down or leaves, another is appointed."""
    by_agency: dict[int, list[int]] = {}
    for number, person in enumerate(people):
        by_agency.setdefault(person.agency, []).append(number)
    champions: list[ChampionPlan] = []
    chosen: set[int] = set()
    for agency, spec in enumerate(AGENCIES):
        for _ in range(spec.champions):
            day = _history_start(today) + dt.timedelta(days=rng.randint(0, 240))
            while day <= today:
                index = _champion_candidate(rng, people, by_agency[agency], chosen, day)
                if index is None:
                    break
                chosen.add(index)
                ends = _stands_down(rng, people[index], day, today)
                champions.append(ChampionPlan(index, day, ends))
                if ends is None:
                    break
                day = ends + dt.timedelta(days=rng.randint(20, 120))
    return champions


def _champion_candidate(
    rng: random.Random, people: list[Person], staff: list[int], chosen: set[int], day: dt.date
) -> int | None:
    """Someone in post on the day, from those whose roles need the most CSE training."""
    candidates = []
    for index in staff:
        role = _role_on(people[index], day)
        if index not in chosen and role is not None and _employed_on(people[index], day):
            candidates.append((role.needs[CSE], index))
    if not candidates:
        return None
    candidates.sort(reverse=True)
    return rng.choice(candidates[: max(3, len(candidates) // 4)])[1]


def _stands_down(
    rng: random.Random, person: Person, appointed: dt.date, today: dt.date
) -> dt.date | None:
    if person.leave is not None and person.leave <= today:
        return person.leave
    if rng.random() < 0.15:
        day = appointed + dt.timedelta(days=rng.randint(120, 700))
        return day if day < today else None
    return None


def _champion_demands(rng: random.Random, champions: list[ChampionPlan]) -> list[Demand]:
    """Four champions in five set out to take the champions' course soon after appointment."""
    return [
        Demand(c.appointed_on + dt.timedelta(days=rng.randint(14, 150)), c.person, CHAMPION_COURSE)
        for c in champions
        if rng.random() < 0.8
    ]


def _champions_trained(
    champions: list[ChampionPlan], records: list[RecordPlan]
) -> list[ChampionPlan]:
    completed: dict[int, list[dt.date]] = {}
    for record in records:
        if record.course == CHAMPION_COURSE and record.completed_on is not None:
            completed.setdefault(record.person, []).append(record.completed_on)
    return [
        replace(c, trained_on=min(completed[c.person])) if c.person in completed else c
        for c in champions
    ]


def _meetings(
    rng: random.Random, champions: list[ChampionPlan], today: dt.date
) -> list[MeetingPlan]:
    """The champions' group meets on the second Wednesday of each month except August."""
    meetings: list[MeetingPlan] = []
    month = add_months(_history_start(today).replace(day=1), 1)
    while True:
        held = _second_wednesday(month)
        if held >= today:
            return meetings
        if month.month != 8:
            present = tuple(
                (n, rng.random() < (0.8 if c.trained_on and c.trained_on <= held else 0.55))
                for n, c in enumerate(champions)
                if c.appointed_on <= held and (c.stood_down_on is None or c.stood_down_on > held)
            )
            theme = MEETING_THEMES[len(meetings) % len(MEETING_THEMES)]
            venue = ONLINE_ROOM if len(meetings) % 3 == 2 else "Marlbury Civic Centre, Room 2"
            meetings.append(MeetingPlan(held, venue, f"Theme: {theme}.", present))
        month = add_months(month, 1)


def _second_wednesday(month: dt.date) -> dt.date:
    first_wednesday = month + dt.timedelta(days=(2 - month.weekday()) % 7)
    return first_wednesday + dt.timedelta(days=7)


# --- sessions and registers ---------------------------------------------------------------


def _schedule_sessions(
    rng: random.Random, demands: list[Demand], today: dt.date
) -> list[SessionPlan]:
    """Enough sessions of each course, spread over three years, to meet the demand for it."""
    wanted = Counter(d.course for d in demands if d.day <= today)
    sessions: list[SessionPlan] = []
    for course in COURSES:
        if course.mode == "e-learning":
            continue
        places = course.capacity * 0.8
        count = max(4, math.ceil(wanted[course.code] * (1 + REBOOKED_SHARE / 4) / places))
        sessions += _past_sessions(rng, course, count, today)
        for _ in range(rng.randint(1, 3)):
            day = _weekday(today + dt.timedelta(days=rng.randint(5, 110)))
            sessions.append(_session(rng, course, day, "scheduled"))
    return sorted(sessions, key=lambda s: (s.starts_at, s.course))


def _past_sessions(
    rng: random.Random, course: CourseSpec, count: int, today: dt.date
) -> list[SessionPlan]:
    first = _history_start(today) + dt.timedelta(days=7)
    step = (today - dt.timedelta(days=7) - first).days / count
    sessions = []
    for n in range(count):
        offset = step * (n + 0.5) + rng.uniform(-step / 4, step / 4)
        day = _weekday(first + dt.timedelta(days=int(offset)))
        status = "cancelled" if rng.random() < 0.03 else "delivered"
        sessions.append(_session(rng, course, day, status))
    return sessions


def _session(rng: random.Random, course: CourseSpec, day: dt.date, status: str) -> SessionPlan:
    starts = dt.datetime.combine(day, course.starts)
    hours = float(course.hours)
    if hours > 7:  # two days
        ends = starts + dt.timedelta(days=1, hours=hours / 2 + 1)
    else:
        ends = starts + dt.timedelta(hours=hours + (1 if hours >= 5 else 0))  # with lunch
    return SessionPlan(
        course=course.code,
        starts_at=starts,
        ends_at=ends,
        venue=rng.choice(course.venues),
        trainer=rng.choice(course.trainers),
        capacity=course.capacity,
        status=status,
    )


class _Places:
    """The sessions of each course in date order, with the places taken on each."""

    def __init__(self, sessions: list[SessionPlan], today: dt.date) -> None:
        self.sessions = sessions
        self.today = today
        self.taken = [0] * len(sessions)
        self.booked: set[tuple[int, int]] = set()  # person, session
        self.by_course: dict[str, list[int]] = {}
        for index, session in enumerate(sessions):
            self.by_course.setdefault(session.course, []).append(index)

    def first_free(
        self, course: str, person: int, day: dt.date, leave: dt.date | None
    ) -> int | None:
        """The first session of the course on or after the day with a place for the person."""
        indices = self.by_course[course]
        start = bisect.bisect_left(indices, day, key=lambda i: self.sessions[i].day)
        for index in indices[start:]:
            session = self.sessions[index]
            if leave is not None and session.day >= leave:
                return None
            free = self.taken[index] < self._limit(session)
            if free and session.status != "cancelled" and (person, index) not in self.booked:
                return index
        return None

    def _limit(self, session: SessionPlan) -> int:
        if session.day > self.today:
            return int(session.capacity * UPCOMING_FILL)
        return session.capacity

    def take(self, index: int, person: int, status: str) -> None:
        self.booked.add((person, index))
        if status != "cancelled":
            self.taken[index] += 1


def _allocate(
    rng: random.Random,
    demands: list[Demand],
    sessions: list[SessionPlan],
    people: list[Person],
    today: dt.date,
) -> list[RecordPlan]:
    """Attendance records: e-learning completions, and places on sessions in date order."""
    places = _Places(sessions, today)
    records: list[RecordPlan] = []
    for demand in sorted(demands):
        if COURSE_BY_CODE[demand.course].mode == "e-learning":
            records.append(RecordPlan(demand.person, demand.course, None, "attended", demand.day))
        else:
            records += _book(rng, places, demand, people[demand.person].leave)
    return records


def _book(
    rng: random.Random, places: _Places, demand: Demand, leave: dt.date | None
) -> list[RecordPlan]:
    """A place on a session; someone who missed it may be booked onto a later one."""
    records: list[RecordPlan] = []
    day = demand.day
    for _ in range(3):
        index = places.first_free(demand.course, demand.person, day, leave)
        if index is None:
            break
        session = places.sessions[index]
        status = "booked"
        if session.day <= places.today:
            status = rng.choices(OUTCOMES, OUTCOME_WEIGHTS)[0]
        places.take(index, demand.person, status)
        completed = session.ends_at.date() if status == "attended" else None
        records.append(RecordPlan(demand.person, demand.course, index, status, completed))
        if status in ("attended", "booked") or rng.random() > REBOOKED_SHARE:
            break
        day = session.day + dt.timedelta(days=14)
    return records


# --- feedback and quality -----------------------------------------------------------------


def _evaluations(
    rng: random.Random, records: list[RecordPlan], sessions: list[SessionPlan], today: dt.date
) -> list[EvaluationPlan]:
    """About half of those who attended say what they thought; a quarter of them anonymously."""
    trainers = sorted({s.trainer for s in sessions})
    quality = {trainer: rng.uniform(3.6, 4.6) for trainer in trainers}
    evaluations = []
    for record in records:
        if record.session is None or record.status != "attended":
            continue
        if rng.random() > EVALUATED_SHARE:
            continue
        session = sessions[record.session]
        mean = quality[session.trainer]
        evaluations.append(_evaluation(rng, record.session, record.person, session, mean, today))
    return evaluations


def _rating(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.7))))


def _evaluation(
    rng: random.Random,
    index: int,
    person: int,
    session: SessionPlan,
    mean: float,
    today: dt.date,
) -> EvaluationPlan:
    overall = _rating(rng, mean)
    before = rng.choices((1, 2, 3, 4, 5), (8, 27, 40, 20, 5))[0]
    after = max(1, min(5, before + rng.choices((-1, 0, 1, 2), (3, 20, 52, 25))[0]))
    comments = ""
    if rng.random() < 0.5:
        comments = rng.choice(PRAISE if overall >= 4 else CRITIQUE)
    submitted = min(today, session.ends_at.date() + dt.timedelta(days=rng.randint(0, 9)))
    return EvaluationPlan(
        session=index,
        person=None if rng.random() < ANONYMOUS_SHARE else person,
        submitted_on=submitted,
        ratings=(overall, _rating(rng, mean), _rating(rng, mean + 0.1)),
        confidence=(before, after),
        comments=comments,
    )


def _observations(rng: random.Random, sessions: list[SessionPlan]) -> list[ObservationPlan]:
    delivered = [n for n, s in enumerate(sessions) if s.status == "delivered"]
    chosen = sorted(rng.sample(delivered, min(QA_OBSERVATIONS, len(delivered))))
    observations = []
    for index in chosen:
        outcome = rng.choices(QA_OUTCOMES, QA_WEIGHTS)[0]
        observations.append(
            ObservationPlan(
                session=index,
                reviewer=rng.choice(REVIEWERS),
                observed_on=sessions[index].day,
                outcome=outcome,
                actions=QA_ACTIONS[outcome],
                notes=rng.choice(QA_NOTES),
                standard=QA_STANDARDS[index % len(QA_STANDARDS)][0],
            )
        )
    return observations


def _course_qa(
    rng: random.Random,
    observations: list[ObservationPlan],
    sessions: list[SessionPlan],
    today: dt.date,
) -> dict[str, tuple[str, dt.date | None]]:
    """Observed courses take their latest outcome; e-learning is assured by annual review."""
    qa: dict[str, tuple[str, dt.date | None]] = {}
    for course in COURSES:
        if course.mode == "e-learning":
            qa[course.code] = ("assured", add_months(today, -rng.randint(1, 11)))
    for observation in observations:  # in date order: the latest wins
        status = (
            "assured with actions" if observation.outcome == "requires improvement" else "assured"
        )
        qa[sessions[observation.session].course] = (status, observation.observed_on)
    return qa


def _awareness_events(rng: random.Random, today: dt.date) -> list[EventPlan]:
    events = []
    for years_ago in range(HISTORY_MONTHS // 12):
        last = today - dt.timedelta(days=365 * years_ago + 1)
        first = last - dt.timedelta(days=364)
        for campaign in CAMPAIGNS:
            for _ in range(campaign.per_year):
                events.append(
                    EventPlan(
                        campaign,
                        _weekday(_day_between(rng, first, last - dt.timedelta(days=2))),
                        rng.choice(campaign.venues),
                        rng.randint(*campaign.headcount),
                    )
                )
    return sorted(events, key=lambda e: (e.held_on, e.campaign.title))


# --- writing: one transaction -------------------------------------------------------------


@dataclass
class _Ids:
    """The ids the database gave each planned row, by the plan's indices or codes."""

    agencies: list[int]
    roles: dict[str, int]
    topics: list[int]
    courses: dict[str, int]
    staff: list[int] = field(default_factory=list)
    sessions: list[int] = field(default_factory=list)


def _write_catalogue(uow: UnitOfWork, plan: DemoPlan) -> _Ids:
    for key, value in SETTINGS:
        uow.settings.put(key, value)
    sector_rows = [{"name": name, "sort_order": n} for n, name in enumerate(SECTORS, 1)]
    sectors = dict(zip(SECTORS, uow.insert_returning_ids(m.Sector, sector_rows), strict=True))
    agencies = uow.insert_returning_ids(
        m.Agency, [_agency_row(spec, sectors[spec.sector]) for spec in AGENCIES]
    )
    role_rows = [{"name": role.name, "role_group": role.group} for role in ROLES]
    roles = dict(zip(ROLE_BY_NAME, uow.insert_returning_ids(m.Role, role_rows), strict=True))
    topic_rows = [{"name": name, "description": text} for name, text in TOPICS]
    topics = uow.insert_returning_ids(m.Topic, topic_rows)
    tier_rows = [
        {"name": name, "rank": n, "description": text} for n, (name, text) in enumerate(TIERS, 1)
    ]
    tiers = uow.insert_returning_ids(m.Tier, tier_rows)  # tiers[rank - 1]
    uow.bulk_insert(
        m.RoleRequirement,
        [
            {"role_id": roles[role.name], "topic_id": topics[topic], "tier_id": tiers[rank - 1]}
            for role in ROLES
            for topic, rank in enumerate(role.needs)
            if rank
        ],
    )
    course_rows = [_course_row(c, topics, tiers, plan.course_qa) for c in COURSES]
    courses = dict(
        zip(COURSE_BY_CODE, uow.insert_returning_ids(m.Course, course_rows), strict=True)
    )
    return _Ids(agencies, roles, topics, courses)


def _agency_row(spec: AgencySpec, sector_id: int) -> dict[str, Any]:
    first, last = spec.lead.split(" ", 1)
    return {
        "name": spec.name,
        "sector_id": sector_id,
        "lead_name": spec.lead,
        "lead_email": f"{first}.{last}@{spec.domain}".lower(),
        "active": True,
    }


def _course_row(
    course: CourseSpec,
    topics: list[int],
    tiers: list[int],
    qa: dict[str, tuple[str, dt.date | None]],
) -> dict[str, Any]:
    status, assured_on = qa.get(course.code, ("not assured", None))
    return {
        "code": course.code,
        "title": course.title,
        "topic_id": topics[course.topic],
        "tier_id": tiers[course.tier - 1],
        "delivery_mode": course.mode,
        "duration_hours": Decimal(course.hours),
        "validity_months": course.validity,
        "provider": course.provider,
        "qa_status": status,
        "last_assured_on": assured_on,
        "active": True,
    }


def _write_staff(uow: UnitOfWork, people: Sequence[Person], ids: _Ids) -> list[int]:
    rows = [
        {
            "agency_id": ids.agencies[p.agency],
            "staff_ref": p.staff_ref,
            "first_name": p.first_name,
            "last_name": p.last_name,
            "email": p.email,
            "job_title": p.job_title,
            "front_line": p.front_line,
            "works_with_children_10_plus": p.older_children,
            "start_date": p.start,
            "leave_date": p.leave,
        }
        for p in people
    ]
    staff = uow.insert_returning_ids(m.StaffMember, rows)
    uow.bulk_insert(
        m.StaffRole,
        [
            {"staff_id": staff_id, "role_id": ids.roles[name], "effective_from": since}
            for staff_id, person in zip(staff, people, strict=True)
            for name, since in person.roles
        ],
    )
    return staff


def _write_training(uow: UnitOfWork, plan: DemoPlan, ids: _Ids) -> list[int]:
    session_rows = [
        {
            "course_id": ids.courses[s.course],
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "venue": s.venue,
            "trainer": s.trainer,
            "capacity": s.capacity,
            "status": s.status,
        }
        for s in plan.sessions
    ]
    sessions = uow.insert_returning_ids(m.TrainingSession, session_rows)
    uow.bulk_insert(
        m.Attendance,
        [
            {
                "staff_id": ids.staff[r.person],
                "course_id": ids.courses[r.course],
                "session_id": None if r.session is None else sessions[r.session],
                "status": r.status,
                "completed_on": r.completed_on,
            }
            for r in plan.records
        ],
    )
    return sessions


def _write_champions(uow: UnitOfWork, plan: DemoPlan, ids: _Ids) -> None:
    champion_rows = [
        {
            "staff_id": ids.staff[c.person],
            "agency_id": ids.agencies[plan.people[c.person].agency],
            "topic_id": ids.topics[CSE],
            "appointed_on": c.appointed_on,
            "stood_down_on": c.stood_down_on,
            "trained_on": c.trained_on,
        }
        for c in plan.champions
    ]
    champions = uow.insert_returning_ids(m.Champion, champion_rows)
    meeting_rows = [
        {"held_on": meeting.held_on, "venue": meeting.venue, "notes": meeting.notes}
        for meeting in plan.meetings
    ]
    meetings = uow.insert_returning_ids(m.ChampionMeeting, meeting_rows)
    uow.bulk_insert(
        m.ChampionMeetingAttendance,
        [
            {"meeting_id": meeting_id, "champion_id": champions[champion], "present": present}
            for meeting_id, meeting in zip(meetings, plan.meetings, strict=True)
            for champion, present in meeting.present
        ],
    )


def _write_feedback_and_reach(uow: UnitOfWork, plan: DemoPlan, ids: _Ids) -> None:
    uow.bulk_insert(
        m.Evaluation,
        [
            {
                "session_id": ids.sessions[e.session],
                "staff_id": None if e.person is None else ids.staff[e.person],
                "submitted_on": e.submitted_on,
                "overall_rating": e.ratings[0],
                "content_rating": e.ratings[1],
                "trainer_rating": e.ratings[2],
                "confidence_before": e.confidence[0],
                "confidence_after": e.confidence[1],
                "comments": e.comments,
            }
            for e in plan.evaluations
        ],
    )
    standard_ids = uow.insert_returning_ids(
        m.QaStandard, [{"name": name, "description": text} for name, text in QA_STANDARDS]
    )
    standards = dict(zip((name for name, _ in QA_STANDARDS), standard_ids, strict=True))
    uow.bulk_insert(
        m.QaObservation,
        [
            {
                "session_id": ids.sessions[o.session],
                "reviewer": o.reviewer,
                "observed_on": o.observed_on,
                "outcome": o.outcome,
                "actions": o.actions,
                "notes": o.notes,
                "standard_id": standards[o.standard],
            }
            for o in plan.observations
        ],
    )
    uow.bulk_insert(m.AwarenessEvent, [_event_row(e, ids) for e in plan.events])


def _event_row(event: EventPlan, ids: _Ids) -> dict[str, Any]:
    campaign = event.campaign
    organiser = None if campaign.organiser is None else AGENCY_BY_NAME[campaign.organiser]
    return {
        "title": campaign.title,
        "event_type": campaign.event_type,
        "audience_type": campaign.audience,
        "held_on": event.held_on,
        "venue": event.venue,
        "topic_id": ids.topics[campaign.topic],
        "agency_id": None if organiser is None else ids.agencies[organiser],
        "headcount": event.headcount,
        "notes": campaign.notes,
    }
