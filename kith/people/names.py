"""Turning names into keys that survive typing mistakes.

Each name a person has is stored with four keys (NameKey):
- name: lower case, accents and punctuation removed ("Siân O'Neill" → "sian", "oneill");
- sound: its Metaphone code, so names that sound alike match ("Jones", "Jonas", "Jnoes" → JNS);
- letters: its letters sorted, so swapped letters match ("Smtih" and "Smith" → "himst");
- canonical: the full form of a common nickname ("Bill", "Billy", "Will" → "william").
Typed words get the same keys; people.search looks them up and ranks what it finds.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish

# Common English and Welsh short forms → the full name they come from. Both forms get the same
# canonical key, so a search for either finds the other.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "alexander": ("alex", "alec", "sandy", "xander"),
    "alexandra": ("alex", "lexi", "sandra", "sasha"),
    "alfred": ("alf", "alfie", "fred"),
    "andrew": ("andy", "drew"),
    "anthony": ("tony", "ant"),
    "benjamin": ("ben", "benji", "benny"),
    "catherine": ("cath", "cathy", "kate", "katie", "kat", "cat"),
    "charles": ("charlie", "chas", "chuck"),
    "charlotte": ("charlie", "lottie", "lotte"),
    "christopher": ("chris", "kit"),
    "daniel": ("dan", "danny"),
    "david": ("dave", "davy", "dai", "dafydd"),
    "deborah": ("debbie", "deb", "debs"),
    "edward": ("ed", "eddie", "ted", "teddy", "ned"),
    "elizabeth": ("liz", "lizzie", "beth", "betty", "libby", "eliza", "bess", "lisa"),
    "ellen": ("ellie", "nell", "nellie"),
    "eleanor": ("ellie", "nora", "nell"),
    "frederick": ("fred", "freddie", "freddy"),
    "gareth": ("gaz", "gary"),
    "harold": ("harry", "hal"),
    "henry": ("harry", "hal", "hank"),
    "isabella": ("bella", "izzy", "issy"),
    "isabelle": ("bella", "izzy", "issy"),
    "jacob": ("jake", "jay"),
    "james": ("jim", "jimmy", "jamie", "jay"),
    "jennifer": ("jen", "jenny"),
    "jessica": ("jess", "jessie"),
    "john": ("jack", "johnny", "jon", "ieuan"),
    "jonathan": ("jon", "jonny", "johnny"),
    "joseph": ("joe", "joey"),
    "katherine": ("kate", "katie", "kath", "kathy", "kat"),
    "kathryn": ("kate", "katie", "kath", "kathy"),
    "lawrence": ("larry", "laurie"),
    "margaret": ("maggie", "meg", "peggy", "marge", "megan"),
    "matthew": ("matt", "matty"),
    "michael": ("mike", "mikey", "mick", "micky"),
    "nathan": ("nate", "nat"),
    "nicholas": ("nick", "nicky"),
    "oliver": ("olly", "ollie"),
    "patricia": ("pat", "patty", "tricia", "trish"),
    "patrick": ("pat", "paddy"),
    "rebecca": ("becky", "becca", "bex"),
    "richard": ("rich", "richie", "rick", "dick"),
    "robert": ("rob", "robbie", "bob", "bobby", "bert"),
    "samantha": ("sam", "sammy"),
    "samuel": ("sam", "sammy"),
    "sarah": ("sally", "sadie"),
    "stephen": ("steve", "stevie"),
    "steven": ("steve", "stevie"),
    "susan": ("sue", "susie", "suzy"),
    "thomas": ("tom", "tommy", "tomos"),
    "victoria": ("vicky", "vic", "tori"),
    "william": ("will", "bill", "billy", "liam", "willie", "wil"),
    "zachary": ("zach", "zack"),
}
CANONICAL: dict[str, str] = {}
for full, short_forms in NICKNAMES.items():
    CANONICAL.setdefault(full, full)
    for short in short_forms:
        CANONICAL.setdefault(short, full)


def normalise(name: str) -> str:
    """Lower case, accents removed, only letters: "Siân O'Neill-Jones" → "sianoneilljones".
    Letters of any script are kept ("Søren" → "søren", "محمد" stays), so every name has keys."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in plain.lower() if c.isalpha())[:100]


def words(text: str) -> list[str]:
    """The separate names in what was typed or stored ("Mary-Jane Smith" → mary, jane, smith)."""
    return [w for w in (normalise(part) for part in re.split(r"[\s\-]+", text)) if w]


def sound(name: str) -> str:
    """Metaphone works on English spellings; other scripts are matched by their letters."""
    if not name or not name.isascii():
        return ""
    return jellyfish.metaphone(name)[:20]


def letters(name: str) -> str:
    return "".join(sorted(name))


def canonical(name: str) -> str:
    return CANONICAL.get(name, "")


def other_form(a: str, b: str) -> bool:
    """Whether one name is a short form of the other, or both of one full name ("Ellie" is a
    short form of Eleanor and of Ellen alike)."""
    return (
        (bool(canonical(a)) and canonical(a) == canonical(b))
        or a in NICKNAMES.get(b, ())
        or b in NICKNAMES.get(a, ())
    )


@lru_cache(maxsize=50_000)
def keys(name: str) -> dict[str, str]:
    """The four keys of one normalised name (names repeat a great deal, hence the cache;
    callers must not change the dict)."""
    return {
        "name": name,
        "sound": sound(name),
        "letters": letters(name),
        "canonical": canonical(name),
    }


def similarity(a: str, b: str) -> float:
    """How alike two normalised names are, 0 to 1 (Jaro-Winkler)."""
    return jellyfish.jaro_winkler_similarity(a, b)


def typo_distance(a: str, b: str) -> int:
    """Edits between two names, counting a swap of two letters as one."""
    return jellyfish.damerau_levenshtein_distance(a, b)
