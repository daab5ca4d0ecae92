"""Country names in both interface languages.

django-countries' Swedish catalogue leaves some names in English ("Brazil", "Canada") and
keeps an old one ("Makedonien"). These names come from the Swedish ISO 3166 translations
(Debian iso-codes) and the Swedish government's current usage. A name is a lazy string, so a
form, a list, an export and open data each get the name of the language active when they
render it.
"""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import get_language

# code: (English, Swedish)
NAMES: dict[str, tuple[str, str]] = {
    "AL": ("Albania", "Albanien"),
    "AS": ("American Samoa", "Amerikanska Samoa"),
    "AU": ("Australia", "Australien"),
    "BR": ("Brazil", "Brasilien"),
    "BV": ("Bouvet Island", "Bouvetön"),
    "BY": ("Belarus", "Belarus"),
    "CA": ("Canada", "Kanada"),
    "CC": ("Cocos (Keeling) Islands", "Kokosöarna"),
    "CU": ("Cuba", "Kuba"),
    "CV": ("Cabo Verde", "Kap Verde"),
    "EG": ("Egypt", "Egypten"),
    "GE": ("Georgia", "Georgien"),
    "HK": ("Hong Kong", "Hongkong"),
    "ID": ("Indonesia", "Indonesien"),
    "IN": ("India", "Indien"),
    "JO": ("Jordan", "Jordanien"),
    "KH": ("Cambodia", "Kambodja"),
    "LB": ("Lebanon", "Libanon"),
    "MK": ("North Macedonia", "Nordmakedonien"),
    "NF": ("Norfolk Island", "Norfolkön"),
    "PH": ("Philippines", "Filippinerna"),
    "PS": ("Palestine, State of", "Palestina"),
    "SS": ("South Sudan", "Sydsudan"),
    "TD": ("Chad", "Tchad"),
}


def _name(english: str, swedish: str) -> str:
    return swedish if (get_language() or "sv").startswith("sv") else english


_lazy_name = lazy(_name, str)

# settings.COUNTRIES_OVERRIDE
OVERRIDES = {code: _lazy_name(english, swedish) for code, (english, swedish) in NAMES.items()}
