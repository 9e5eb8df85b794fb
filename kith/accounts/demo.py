"""The demo authority's service areas, teams and staff, with one named sign-in per role."""

from __future__ import annotations

from kith.accounts.models import ServiceArea, Team, User
from kith.accounts.roles import Role
from kith.demo.builder import Demo

# The sign-ins printed for a demo: one per role, with a name a trainer can say out loud.
NAMED_USERS = [
    ("social.worker", "Sam", "Patel", Role.SOCIAL_WORKER, "Social worker"),
    ("team.manager", "Rhian", "Evans", Role.TEAM_MANAGER, "Team manager"),
    ("head.of.service", "Jo", "Adeyemi", Role.HEAD_OF_SERVICE, "Head of safeguarding"),
    ("front.door", "Chris", "Morgan", Role.FRONT_DOOR, "MASH social worker"),
    ("chair", "Priya", "Shah", Role.CHAIR, "Independent reviewing officer"),
    ("data.officer", "Dylan", "Hughes", Role.DATA_OFFICER, "Performance and data officer"),
    ("virtual.school", "Ffion", "Lloyd", Role.VIRTUAL_SCHOOL, "Virtual school head"),
    ("personal.adviser", "Jordan", "Reid", Role.PERSONAL_ADVISER, "Personal adviser"),
    ("business.support", "Megan", "Price", Role.BUSINESS_SUPPORT, "Business support officer"),
    ("partner", "Tom", "Fletcher", Role.PARTNER, "Detective constable, public protection"),
    ("admin", "Alex", "Kaur", Role.ADMINISTRATOR, "Kith administrator"),
]

JOB_TITLES = {
    Role.SOCIAL_WORKER: ["Social worker", "Senior social worker", "Advanced practitioner"],
    Role.TEAM_MANAGER: ["Team manager"],
    Role.FRONT_DOOR: ["MASH social worker", "MASH practitioner"],
    Role.CHAIR: ["Independent reviewing officer", "Child protection chair"],
    Role.DATA_OFFICER: ["Performance and data officer"],
    Role.VIRTUAL_SCHOOL: ["Virtual school head"],
    Role.PERSONAL_ADVISER: ["Personal adviser"],
    Role.BUSINESS_SUPPORT: ["Business support officer"],
    Role.ADMINISTRATOR: ["Systems administrator"],
    Role.HEAD_OF_SERVICE: ["Head of service"],
    Role.PARTNER: ["Partner agency practitioner"],
}

WORKERS_PER_TEAM = 6


def build(demo: Demo) -> None:
    """Service areas and teams sized to the authority: one social work team per 1,500 children
    (at least 3, at most 40), each with a manager and six social workers."""
    social_work_teams = max(3, min(40, demo.children // 1500))
    areas = {
        key: ServiceArea.objects.create(name=name, is_partner_agency=partner)
        for key, name, partner in [
            ("front", "Front door and assessment", False),
            ("safeguarding", "Safeguarding and children in need", False),
            ("quality", "Quality assurance and reviewing", False),
            ("performance", "Performance and business support", False),
            ("partners", "Partner agencies", True),
        ]
    }
    teams: dict[str, Team] = {
        "front": Team.objects.create(name="Front Door (MASH)", service_area=areas["front"]),
        "chairs": Team.objects.create(
            name="Independent Reviewing and Conference Chairs", service_area=areas["quality"]
        ),
        "data": Team.objects.create(name="Performance and Data", service_area=areas["performance"]),
        "support": Team.objects.create(name="Business Support", service_area=areas["performance"]),
        "systems": Team.objects.create(name="Kith Systems", service_area=areas["performance"]),
        "virtual school": Team.objects.create(name="Virtual School", service_area=areas["quality"]),
        "police": Team.objects.create(
            name="Police – Public Protection Unit", service_area=areas["partners"]
        ),
        "health": Team.objects.create(
            name="Health – Safeguarding Children Team", service_area=areas["partners"]
        ),
        "schools": Team.objects.create(
            name="Schools – Designated Safeguarding Leads", service_area=areas["partners"]
        ),
    }
    social_work = [
        Team.objects.create(
            name=f"{'Assessment' if i % 3 == 0 else 'Safeguarding'} Team {i + 1}",
            service_area=areas["front"] if i % 3 == 0 else areas["safeguarding"],
        )
        for i in range(social_work_teams)
    ]

    usernames: set[str] = set()
    users: list[User] = []

    def add(
        username: str, first: str, last: str, role: Role, team: Team | None, title: str
    ) -> User:
        usernames.add(username)
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.org",
            role=role,
            team=team,
            job_title=title,
            password=demo.password_hash,
            is_staff=role == Role.ADMINISTRATOR,
            is_superuser=role == Role.ADMINISTRATOR,
        )
        users.append(user)
        return user

    def add_generated(role: Role, team: Team) -> User:
        female = demo.rng.random() < 0.8  # most of the children's workforce are women
        first = demo.rng.choice(demo.first_names_female if female else demo.first_names_male)
        last = demo.rng.choice(demo.family_names)
        base = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
        username, n = base, 1
        while username in usernames:
            n += 1
            username = f"{base}{n}"
        return add(username, first, last, role, team, demo.rng.choice(JOB_TITLES[role]))

    named_team = {
        Role.SOCIAL_WORKER: social_work[1],
        Role.TEAM_MANAGER: social_work[1],
        Role.HEAD_OF_SERVICE: social_work[1],
        Role.FRONT_DOOR: teams["front"],
        Role.CHAIR: teams["chairs"],
        Role.DATA_OFFICER: teams["data"],
        Role.VIRTUAL_SCHOOL: teams["virtual school"],
        Role.PERSONAL_ADVISER: None,  # sees only the young people they advise, not a team's
        Role.BUSINESS_SUPPORT: teams["support"],
        Role.PARTNER: teams["police"],
        Role.ADMINISTRATOR: teams["systems"],
    }
    for username, first, last, role, title in NAMED_USERS:
        demo.named_users[str(role)] = add(username, first, last, role, named_team[role], title)

    managers: dict[str, User] = {}
    for team in [*social_work, teams["front"], teams["chairs"]]:
        if team == named_team[Role.TEAM_MANAGER]:
            managers[team.name] = demo.named_users[Role.TEAM_MANAGER]
        else:
            managers[team.name] = add_generated(Role.TEAM_MANAGER, team)
    for team in social_work:
        named_worker = team == named_team[Role.SOCIAL_WORKER]
        for _ in range(WORKERS_PER_TEAM - (1 if named_worker else 0)):
            add_generated(Role.SOCIAL_WORKER, team)
    for _ in range(5):
        add_generated(Role.FRONT_DOOR, teams["front"])
    for _ in range(max(2, social_work_teams // 3)):
        add_generated(Role.CHAIR, teams["chairs"])
    add_generated(Role.DATA_OFFICER, teams["data"])
    for _ in range(2):
        add_generated(Role.BUSINESS_SUPPORT, teams["support"])
    add_generated(Role.PARTNER, teams["health"])
    add_generated(Role.PARTNER, teams["schools"])
    other_head = add_generated(Role.HEAD_OF_SERVICE, teams["front"])
    quality_head = add_generated(Role.HEAD_OF_SERVICE, teams["chairs"])

    User.objects.bulk_create(users, batch_size=500)
    for team in [*social_work, teams["front"], teams["chairs"]]:
        team.manager = managers[team.name]
    Team.objects.bulk_update([*social_work, teams["front"], teams["chairs"]], ["manager"])
    areas["safeguarding"].head = demo.named_users[Role.HEAD_OF_SERVICE]
    areas["front"].head = other_head
    areas["quality"].head = quality_head
    areas["performance"].head = quality_head
    ServiceArea.objects.bulk_update(list(areas.values()), ["head"])

    demo.built["social_work_teams"] = social_work
    demo.built["social_workers"] = [u for u in users if u.role == Role.SOCIAL_WORKER]
    demo.count("service areas", len(areas))
    demo.count("teams", len(teams) + len(social_work))
    demo.count("staff", len(users))
