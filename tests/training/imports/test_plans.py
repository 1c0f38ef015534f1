import datetime as dt

from training.imports.candidates import Candidate
from training.imports.plans import Plan, Plans

PERSON = Candidate(5, "P9", "Ann", "Bell", "ann@police.example")
PLANS = [
    Plan(2, 17, 3, None, dt.date(2026, 5, 1), "attended"),
    Plan(3, 18, 3, 44, None, "did not attend"),
    Plan(5, None, 3, None, dt.date(2026, 5, 1), "attended", person=PERSON),
    Plan(6, 19, role_id=2),
]


def test_plans_read_back_as_they_were_appended():
    store = Plans()
    for plan in PLANS:
        store.append(plan)
    assert len(store) == 4
    assert list(store) == PLANS
    assert list(store) == PLANS  # and again: reading does not use them up
