"""People in a real browser: find a person as you type (with typos), add a person and be
warned of a likely match, change a record, add a relationship, see the family network, and a
data officer's merge and undo."""

from datetime import date

from playwright.sync_api import Page, expect

from e2e.conftest import check_page, sign_in
from kith.accounts.roles import Role
from kith.people.models import Person, Relationship
from kith.test import make_home, make_person


def family():
    mum = make_person(first_name="Kerry", family_name="Jones", date_of_birth=date(1988, 6, 1))
    ellie = make_person(first_name="Ellie", family_name="Jones", nhs_number="9434765919")
    make_home(ellie)
    Relationship.objects.create(
        first=mum, second=ellie, kind="mother", has_parental_responsibility=True
    )
    return mum, ellie


def test_find_a_person_as_you_type_with_a_typo_and_open_them(page: Page, persona):
    family()
    make_person(first_name="Mo", family_name="Khan")
    sign_in(page, persona[Role.SOCIAL_WORKER].username)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Find a person").click()
    page.get_by_label("Name, date of birth, NHS number or UPN").press_sequentially("elie jnoes")
    expect(page.get_by_role("link", name="Ellie Jones")).to_be_visible()
    expect(page.get_by_text("Family name sounds like Jnoes")).to_be_visible()
    expect(page.get_by_text("Mo Khan")).to_have_count(0)
    check_page(page, "find-a-person")

    page.get_by_role("link", name="Ellie Jones").click()
    # A child's search result opens their summary; the full record is a click away.
    expect(page.get_by_role("heading", name="Ellie Jones")).to_be_visible()
    expect(page.get_by_test_id("summary-status")).to_have_text("Not known to children's services")
    page.get_by_role("link", name="Full details").click()
    expect(page.get_by_text("Missing details that matter")).to_be_visible()
    expect(page.get_by_role("link", name="Kerry Jones", exact=True)).to_be_visible()
    check_page(page, "person")


def test_the_header_search_box_finds_a_person(page: Page, persona):
    family()
    sign_in(page, persona[Role.FRONT_DOOR].username)
    page.get_by_role("searchbox", name="Find a person").fill("Ellie 14/03/2015")
    page.get_by_role("button", name="Find a person").click()
    expect(page.get_by_role("link", name="Ellie Jones")).to_be_visible()


def add_a_girl_born_14_march_2015(page: Page, first_name: str) -> None:
    page.goto("/people/new/")
    page.get_by_label("First name").fill(first_name)
    page.get_by_label("Family name").fill("Jones")
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2015")
    page.get_by_label("Female").check()
    page.get_by_role("button", name="Continue").click()


def test_adding_someone_we_already_know_warns_first(page: Page, persona):
    family()
    sign_in(page, persona[Role.FRONT_DOOR].username)
    add_a_girl_born_14_march_2015(page, "Ellie")
    expect(page.get_by_role("heading", name="Is this someone we already know?")).to_be_visible()
    expect(page.get_by_text("Same date of birth")).to_be_visible()
    check_page(page, "new-person-likely-match")
    page.get_by_role("button", name="None of these: add a new person").click()
    expect(page.get_by_text("has been added as")).to_be_visible()
    assert Person.objects.filter(first_name="Ellie").count() == 2


def test_a_name_with_a_slip_and_no_date_finds_the_child(page: Page, persona):
    family()
    sign_in(page, persona[Role.FRONT_DOOR].username)
    page.get_by_role("searchbox", name="Find a person").fill("Elie Jnoes")
    page.get_by_role("button", name="Find a person").click()
    expect(page.get_by_role("link", name="Ellie Jones")).to_be_visible()
    expect(page.get_by_text("First name sounds like Elie")).to_be_visible()


def test_adding_a_twin_says_possibly_a_twin(page: Page, persona):
    family()
    sign_in(page, persona[Role.FRONT_DOOR].username)
    add_a_girl_born_14_march_2015(page, "Megan")
    expect(page.get_by_text("Possibly a twin")).to_be_visible()
    expect(page.get_by_text("Different first names")).to_be_visible()
    check_page(page, "new-person-possibly-a-twin")


def test_bad_input_keeps_what_was_typed(page: Page, persona):
    sign_in(page, persona[Role.SOCIAL_WORKER].username)
    page.goto("/people/new/")
    page.get_by_label("First name").fill("Maisie")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2015")
    page.get_by_role("button", name="Continue").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter family name")
    expect(summary).to_contain_text("Date of birth must be a real date")
    expect(summary).to_contain_text("Select sex")
    expect(page.get_by_label("First name")).to_have_value("Maisie")
    expect(page.get_by_label("Day")).to_have_value("31")
    check_page(page, "new-person-errors")


def test_changing_a_record_and_adding_a_relationship(page: Page, persona):
    mum, ellie = family()
    gran = make_person(first_name="Ann", family_name="Pritchard", date_of_birth=date(1960, 2, 2))
    sign_in(page, persona[Role.SOCIAL_WORKER].username)
    page.goto(f"/people/{ellie.pk}/")
    page.get_by_role("link", name="Change known-as name").click()
    page.get_by_label("Known as").fill("Nell")
    check_page(page, "change-identity")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()

    page.get_by_role("link", name="Add a relationship").click()
    page.get_by_label("Find the other person").fill("ann pritchard")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Ann Pritchard").click()
    page.get_by_label("Relationship").select_option("grandparent")
    check_page(page, "add-relationship")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name="Grandmother")).to_be_visible()

    page.get_by_role("link", name="Family network").first.click()
    expect(page.get_by_role("heading", name="Family network")).to_be_visible()
    expect(page.get_by_role("img")).to_be_visible()
    check_page(page, "family-network")
    assert gran.pk and mum.pk


def test_a_data_officer_merges_two_records_and_undoes_it(page: Page, persona):
    _, ellie = family()
    copy = make_person(first_name="Elly", family_name="Jones")
    sign_in(page, persona[Role.DATA_OFFICER].username)
    page.goto(f"/people/{ellie.pk}/")
    page.get_by_role("link", name="Merge another record into this one").click()
    page.get_by_label("Person number of the other record").fill(copy.person_number)
    page.get_by_label("Why these are the same person").fill("Same child: the school confirmed")
    page.get_by_role("button", name="Compare the two records").click()
    check_page(page, "merge-compare")
    page.get_by_role(
        "button", name=f"Merge {copy.person_number} into {ellie.person_number}"
    ).click()
    expect(page.get_by_text("has been merged into")).to_be_visible()
    page.get_by_role("button", name="Undo this merge").click()
    expect(page.get_by_text("is a separate record again")).to_be_visible()


def test_a_data_officer_prepares_a_subject_access_bundle(page: Page, persona):
    _, ellie = family()
    sign_in(page, persona[Role.DATA_OFFICER].username)
    page.goto(f"/people/{ellie.pk}/")
    page.get_by_role("link", name="Subject access request").click()
    expect(page.get_by_role("heading", name="Subject access request")).to_be_visible()
    expect(page.get_by_text("1 to review")).to_be_visible()
    check_page(page, "subject-access")
    page.get_by_role("button", name="Make the bundle (PDF)").click()  # a job, made at once here
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the bundle (PDF)").click()
    assert download.value.suggested_filename == f"subject-access-{ellie.person_number}.pdf"


def test_a_head_of_service_restricts_a_record(page: Page, persona):
    _, ellie = family()
    sign_in(page, persona[Role.HEAD_OF_SERVICE].username)
    page.goto(f"/people/{ellie.pk}/")
    page.get_by_role("link", name="Restrict this record").click()
    page.get_by_label("Why").fill("Adoption order made by the court")
    page.get_by_role("button", name="Restrict the record").click()
    expect(page.get_by_role("heading", name="Who can open this restricted record")).to_be_visible()
    check_page(page, "restricted-record")
    page.get_by_label("Name someone else by their sign-in name").fill("nobody")
    page.get_by_role("button", name="Name them on the record").click()
    expect(page.get_by_role("alert")).to_contain_text("There is nobody with that sign-in name")
