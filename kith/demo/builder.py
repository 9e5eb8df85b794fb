"""What every app's demo step shares: the seeded random source, pools of names, and what
earlier steps built."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import import_module
from typing import Any

from django.apps import apps
from django.utils.module_loading import module_has_submodule
from faker import Faker

# Faker has no Welsh locale; a family in Wales or the borders often has names like these.
WELSH_FIRST_NAMES_FEMALE = [
    "Angharad",
    "Bethan",
    "Carys",
    "Cerys",
    "Eleri",
    "Ffion",
    "Gwen",
    "Lowri",
    "Mali",
    "Manon",
    "Megan",
    "Nia",
    "Rhian",
    "Seren",
    "Siân",
    "Tegan",
    "Elin",
    "Alaw",
    "Efa",
    "Non",
]
WELSH_FIRST_NAMES_MALE = [
    "Aled",
    "Bryn",
    "Cai",
    "Dafydd",
    "Dylan",
    "Emrys",
    "Gareth",
    "Geraint",
    "Gethin",
    "Huw",
    "Iestyn",
    "Ioan",
    "Macsen",
    "Osian",
    "Owain",
    "Rhodri",
    "Rhys",
    "Tomos",
    "Gruffydd",
    "Elis",
]
WELSH_FAMILY_NAMES = [
    "Jones",
    "Williams",
    "Davies",
    "Evans",
    "Thomas",
    "Roberts",
    "Hughes",
    "Lewis",
    "Morgan",
    "Griffiths",
    "Owen",
    "Price",
    "Jenkins",
    "Rees",
    "Pritchard",
    "Llewellyn",
    "Powell",
    "Parry",
    "Bowen",
    "Vaughan",
    "Probert",
    "Prosser",
    "Pugh",
    "Lloyd",
    "ap Rhys",
]
STREET_ENDINGS = [
    "Road",
    "Street",
    "Close",
    "Avenue",
    "Lane",
    "Way",
    "Crescent",
    "Drive",
    "Gardens",
    "Terrace",
    "Grove",
    "Court",
    "Place",
    "Walk",
    "Rise",
]
WELSH_STREET_STARTS = ["Heol", "Ffordd", "Stryd", "Lôn", "Maes"]
# The demo authority's towns: invented, so that no family is placed in a real one.
TOWNS = ["Westholm", "Caerwen", "Abermerin", "Ashby Vale", "Brynllan", "Kingsmere", "Oakridge"]

# The demo authority's DfE local authority number: a real, valid one is needed for the UPN
# check letter (python-stdnum knows every LA number); the UPNs themselves use a school range
# that is never issued (see people/identifiers.py).
DEMO_LA_NUMBER = "938"

DEFAULT_PASSWORD = "kith-demo-password"  # noqa: S105 (printed for the demo on purpose)


@dataclass
class Demo:
    """The state of one build of the demo authority."""

    seed: int
    children: int
    today: date
    password_hash: str
    rng: random.Random = field(init=False)
    faker: Faker = field(init=False)
    # Filled by the apps' steps, for later steps to use.
    named_users: dict[str, Any] = field(default_factory=dict)
    built: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.faker = Faker("en_GB")
        self.faker.seed_instance(self.seed)
        self.la_number = DEMO_LA_NUMBER
        # Pools drawn once from Faker: drawing per person would be slow at 50,000 children.
        fake = self.faker
        self.first_names_female = sorted({fake.first_name_female() for _ in range(600)})
        self.first_names_male = sorted({fake.first_name_male() for _ in range(600)})
        self.family_names = sorted({fake.last_name() for _ in range(900)})
        self.street_names = sorted({fake.last_name() for _ in range(400)})
        self.postcode_districts = {
            town: [f"{fake.postcode().split()[0]}" for _ in range(4)] for town in TOWNS
        }

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def date_between(self, earliest: date, latest: date) -> date:
        span = (latest - earliest).days
        return earliest + timedelta(days=self.rng.randint(0, max(span, 0)))

    def years_ago(self, years: float) -> date:
        return self.today - timedelta(days=round(years * 365.25))


def run_steps(demo: Demo) -> list[str]:
    """Run every app's demo step in INSTALLED_APPS order. Returns the apps that ran."""
    ran = []
    for config in apps.get_app_configs():
        if config.name.startswith("kith.") and module_has_submodule(config.module, "demo"):
            module = import_module(f"{config.name}.demo")
            if hasattr(module, "build"):
                module.build(demo)
                ran.append(config.label)
    return ran
