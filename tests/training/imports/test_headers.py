from training.imports.headers import Field, find_header, header_key, match_columns


def numbered(*rows):
    return list(enumerate(rows, start=1))


def test_synonyms_match_the_ways_people_name_columns():
    columns = match_columns(["Payroll No", "Family name", "Forename", "E-mail Address", "Date"])
    assert columns == {
        Field.STAFF_REF: 0,
        Field.LAST_NAME: 1,
        Field.FIRST_NAME: 2,
        Field.EMAIL: 3,
        Field.DATE: 4,
    }


def test_header_keys_ignore_case_spacing_and_punctuation():
    assert header_key("  STAFF_ID ") == header_key("Staff-ID") == "staff id"


def test_the_header_is_found_under_title_rows_and_merged_banners():
    rows = numbered(
        ("Northshire Police – CSE awareness sign-in sheet",),
        (),
        ("Date: 03/03/2025", None, "Venue: HQ"),
        ("Surname", "First name", "Collar number", "Signature"),
        ("Lee", "Sam", "4411", None),
    )
    header, rest = find_header(rows)
    assert header.header_row == 4
    assert header.columns == {Field.LAST_NAME: 0, Field.FIRST_NAME: 1, Field.STAFF_REF: 2}
    assert header.unmatched() == ["Signature"]
    assert rest == [(5, ("Lee", "Sam", "4411", None))]


def test_a_saved_agency_mapping_is_used_first():
    header, _ = find_header(
        numbered(("Officer", "Pers. No."), ("Sam Lee", "4411")),
        saved={"Officer": Field.FULL_NAME, "Pers. No.": Field.STAFF_REF},
    )
    assert header.columns == {Field.FULL_NAME: 0, Field.STAFF_REF: 1}


def test_no_header_at_all():
    header, seen = find_header(numbered((1, 2, 3), ("a", "b")))
    assert header is None
    assert len(seen) == 2


def test_abbreviations_and_bracketed_hints():
    columns = match_columns(["Collar No.", "Forename(s)", "Surname", "Attended (Y/N)", "Pay #"])
    assert columns == {Field.STAFF_REF: 0, Field.FIRST_NAME: 1, Field.LAST_NAME: 2, Field.STATUS: 3}


def test_what_agencies_actually_call_their_columns():
    columns = match_columns(
        ["Driver Name", "Pay No", "Attendee Email", "Date of completion", "Signed in"]
    )
    assert columns == {
        Field.FULL_NAME: 0,
        Field.STAFF_REF: 1,
        Field.EMAIL: 2,
        Field.DATE: 3,
        Field.STATUS: 4,
    }


def test_the_users_mapping_takes_a_field_from_an_earlier_column_the_synonyms_match():
    columns = match_columns(
        ["Date", "Surname", "Date attended"], saved={"Date attended": Field.DATE}
    )
    assert columns == {Field.LAST_NAME: 1, Field.DATE: 2}


def test_a_column_mapped_to_nothing_is_not_read():
    columns = match_columns(["Title", "Surname", "Email"], saved={"Title": None})
    assert columns == {Field.LAST_NAME: 1, Field.EMAIL: 2}
    unread = {"Title": None, "Email": None}
    header, _ = find_header(numbered(("Title", "Surname", "Email")), saved=unread)
    assert header is None  # one field is too few to be a header row
