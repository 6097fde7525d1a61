#!/usr/bin/env python3
"""Extract the bundled fixture lists from the real official sanctions list files.

Reads the official EU, OFAC SDN and UN files in ``../shared/data/lists/`` (never copied into
the repository), picks the entities named in the selection tables below by their native
reference id and writes one native list file per list (``sanctionmatch-list`` format 1) to
``sanctionmatch/data/lists/``: ``eu.json``, ``ofac_sdn.json`` and ``un.json``.

Every value comes from the official file: names exactly as spelled there (runs of whitespace
collapsed to one space), nothing dropped. Each file is validated against
``sanctionmatch.models.ListFile`` before it is written. The output is deterministic: entities
come in the order of the selection tables and nothing depends on time or dict iteration order
of the input.

Usage (from the repository root)::

    python3 scripts/extract_fixtures.py [--data ../shared/data] [--out sanctionmatch/data/lists]

The script stops with a message (exit status 1) when the data folder or a list file is
missing, when an id of a table is not in its file (or is there twice), when a country name has
no entry in :data:`COUNTRY_CODES`, or when a date has a shape it does not know. It never skips
a selected entity or a value silently.

Only the standard library is used, plus the package's models for validation. The official
files are trusted, so ``xml.etree.ElementTree`` is fine.
"""

# The selection tables quote names in Cyrillic and Greek on purpose.

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT = REPO_ROOT / "sanctionmatch" / "data" / "lists"

EU_FILE = "lists/eu/20240513-FULL-1_1.xml"
OFAC_SDN_FILE = "lists/ofac/SDN_2024-05-07.xml"
UN_FILE = "lists/un/consolidated_2026-02-27.xml"

# ---------------------------------------------------------------------------------------------
# Selection tables: native id -> why the entity is in the fixture.
# The order of each table is the order of the entities in the output file.
# Facts in the comments were checked against the files themselves.
# ---------------------------------------------------------------------------------------------

#: EU: ``logicalId`` of the ``sanctionEntity``. "listed" is the entity's designationDate.
EU_SELECTION: dict[str, str] = {
    # Seed people of the March 2022 story, listed 2022-02-25 by Regulation 2022/332.
    "135909": "Vladimir PUTIN, President; listed 2022-02-25; Cyrillic name with stress accents",
    "135913": "Sergey LAVROV, foreign minister; listed 2022-02-25",
    # Every entity designated on 2022-02-28 under UKR (Regulation 2022/336): 26 persons + SOGAZ.
    "136043": "Igor SECHIN, CEO of Rosneft; 2022-02-28 listing",
    "136047": "Nikolay TOKAREV, CEO of Transneft; 2022-02-28 listing (its regulation element is "
    "the 2024/849 amendment; the 2022/336 listing survives in the name summaries)",
    "136051": "Alisher USMANOV; 2022-02-28 listing",
    "136056": "Petr AVEN; 2022-02-28 listing",
    "136060": "Mikhail FRIDMAN; 2022-02-28 listing",
    "136064": "Sergei ROLDUGIN, cellist; 2022-02-28 listing",
    "136072": "Dmitry PESKOV, Kremlin press secretary; 2022-02-28 listing",
    "136080": "Dmitry CHERNYSHENKO, deputy prime minister; 2022-02-28 listing",
    "136084": "Irek FAIZULLIN; 2022-02-28 listing",
    "136088": "Vitaly SAVELYEV; 2022-02-28 listing",
    "136092": "Andrey TURCHAK; 2022-02-28 listing",
    "136096": "Tigran KEOSAYAN; 2022-02-28 listing",
    "136100": "Olga SKABEYEVA; 2022-02-28 listing",
    "136104": "Modest KOLEROV; 2022-02-28 listing",
    "136108": "Roman BABAYAN; 2022-02-28 listing",
    "136112": "Yevgeniy PRILEPIN (also LAVLINSKIY); 2022-02-28 listing",
    "136120": "Anton KRASOVSKY (KUZNETSOV-KRASOVSKY); 2022-02-28 listing",
    "136126": "Arkady MAMONTOV; 2022-02-28 listing",
    "136130": "Sergei PINCHUK, Black Sea Fleet; 2022-02-28 listing",
    "136134": "Alexey AVDEEV, Southern Military District; 2022-02-28 listing",
    "136138": "Rustam MURADOV; 2022-02-28 listing",
    "136142": "Andrey SYCHEVOY; 2022-02-28 listing",
    "136146": "Gennady TIMCHENKO; 2022-02-28 listing",
    "136153": "Alexey MORDASHOV; 2022-02-28 listing",
    "136166": "Petr FRADKOV, Promsvyazbank; 2022-02-28 listing",
    "136170": "SOGAZ insurance (joint stock company); the one organisation listed 2022-02-28",
    "136181": "Alexander PONOMARENKO; 2022-02-28 listing",
    # Relatives of the seed people.
    "140509": "Elizaveta PESKOVA; remark: Dmitriy Peskov (father); listed 2022-06-03",
    "141338": "Nikolay PESKOV (also CHOULZ, CHOLES); remark: Dmitry Peskov (father)",
    "140525": "Tatiana NAVKA, listed 2022-06-03 with Peskov's children; the EU entry states "
    "no relation",
    "142653": "Maya TOKAREVA / BOLOTOVA; remark: daughter of Nikolay Tokarev; 11 names",
    "138069": "Maria VORONTSOVA, alias Marija Vladimirovna PUTINA: near match for Putin",
    "138119": "Katerina TIKHONOVA; remark: Vladimir Putin (father)",
    "159677": "Anna TSIVILYOVA, alias Anna Putina-TSIVILYOVA: near match for Putin",
    # A sample of the 2022-03-09 listing (all persons: no organisation was listed that day).
    "136515": "Alexander PUMPYANSKY; 2022-03-09 listing",
    "136530": "Andrey MELNICHENKO; 2022-03-09 listing",
    "136559": "Dmitry MAZEPIN; 2022-03-09 listing",
    "136870": "Nikita MAZEPIN, his son; 2022-03-09 listing",
    "136820": "Vladimir KIRIYENKO, CEO of VK; 2022-03-09 listing",
    "136804": "Konstantin KOSACHEV; 2022-03-09 listing",
    "136609": "Bair ZHAMSUYEV; Cyrillic name without nameLanguage first; 2022-03-09 listing",
    "137091": "Anna OTKE; only two names (EN, RU); 2022-03-09 listing",
    "136858": "Dmitry KONOV; 8 names incl. ES; 2022-03-09 listing",
    # A sample of the 2022-03-15 listing, persons and organisations.
    "137652": "Roman ABRAMOVICH; 2022-03-15 listing (not on the OFAC SDN file)",
    "137656": "German KHAN; 2022-03-15 listing",
    "137693": "Konstantin ERNST, Channel One; 2022-03-15 listing",
    "137697": "Marina SECHINA; 2022-03-15 listing",
    "137701": "Suleyman KERIMOV; 2022-03-15 listing",
    "137709": "Vladimir RASHEVSKY; 2022-03-15 listing",
    "137714": "RN AERO / ROSNEFT AERO; organisation, 2022-03-15 listing",
    "137718": "JSC ROSOBORONEXPORT (AO Рособоронэкспорт); 2022-03-15 listing",
    "137727": "JSC Russian Helicopters (AO Вертолеты России); 2022-03-15 listing",
    "137730": "PJSC United Aircraft Corporation (ПАО); 2022-03-15 listing",
    # Organisations with legal forms (OOO, AO, PAO, ZAO, JSC) and Cyrillic-script names.
    "117789": "Stroygazmontazh-Most OOO / ООО СГМ-Мост",
    "117767": "PJSC Mostotrest / ПАО Мостотрест",
    "113801": "CJSC / ZAO Interavtomatika (ЗАО)",
    "135342": 'PROMSVYAZBANK, ПАО “Промсвязьбанк"',
    "140443": "OOO УК Татнефть-Нефтехим (mixed Latin legal form, Cyrillic name)",
    "139876": "JSC Kalashnikov Concern; has a Greek-script name (Όμιλος JSC Kalashnikov)",
    "140455": "JSC KRONSHTADT TEKHNOLOGII; Greek-script name (Όμιλος Εταιρειών ...)",
    "147064": "Far Eastern Bank, АО «ДАЛЬНЕВОСТОЧНЫЙ БАНК»",
    "139141": "JSC Russian Machines, ООО “Русские машины”",
    # Persons with Greek-script names (only four persons in the file have one).
    "3187": "Sylvestre MUDACUMURA (COD); Greek-script names with ranks",
    "3189": "Jules MUTEBUTSI (COD); Greek-script name with rank",
    "7341": "Igor BEZLER (UKR, 2014); 30 names incl. Greek 'Bes (διάβολος)' and Ukrainian",
    "142662": "Alexander ZALDOSTANOV 'The Surgeon'; Greek 'Ο χειρουργός'",
    # Arabic-script names (Syria, Al-Qaida/ISIL, Iraq).
    "6400": "Bashar AL-ASSAD (SYR); Arabic name",
    "6303": "Maher AL-ASSAD (SYR); Arabic name",
    "6310": "Rami MAKHLOUF (SYR); Arabic name",
    "6304": "Ali MAMLUK (SYR); several Latin and Arabic spellings",
    "6177": "Ibrahim al-ASIRI (TAQA, AQAP bomb maker); 15 names",
    "4000": "Abdelmalek DROUKDEL (TAQA, AQIM)",
    "1964": "Kamel DJERMANE (TAQA); Arabic written in presentation forms (U+FExx)",
    "642": "Makhtab Al-Khidamat / Afghan Service Bureau (TAQA organisation)",
    "13": "Saddam HUSSEIN AL-TIKRITI (IRQ)",
    "69": "Abd-al-Tawwab Mullah HUWAYSH (IRQ); circa and exact birth dates",
    "521": "Ahmed Jan Akhundzada WAZIR (AFG); birth year range 1953-1958",
    # Belarus (BLR).
    "126365": "Alexander LUKASHENKO (BLR); Belarusian and Russian romanisations",
    "126233": "Viktor LUKASHENKO (BLR)",
    "130103": "Dmitry LUKASHENKO (BLR)",
    "125276": "Aliaksandr BARSUKOU / Alexander BARSUKOV (BLR)",
    "125532": "Volga DARASHENKA / Olga DOROSHENKO (BLR)",
    "6165": "Yuri SIVAKOU (BLR, listed 2004)",
    # Other scripts: Korean, Chinese, Persian, Ukrainian, Hebrew.
    "6847": "KIM Yong Chol (PRK); Korean 김영철",
    "128231": "WANG Junzheng (HR); Chinese 王君正",
    "3780": "Fereydoun ABBASI-DAVANI (IRN); Persian name",
    "7282": "Volodymyr KONSTANTINOV (UKR, Crimea); Ukrainian-language name",
    "7332": "Denis PUSHILIN (UKR); Ukrainian-language name",
    "165096": "Meir ETTINGER (HR); Hebrew name",
}

#: OFAC SDN: ``uid`` of the ``sdnEntry``.
OFAC_SDN_SELECTION: dict[str, str] = {
    # Seed people and their relatives (RUSSIA-EO14024).
    "35096": "Vladimir PUTIN",
    "35233": "Sergei LAVROV",
    "35320": "Dmitriy PESKOV; six a.k.a. spellings",
    "35768": "Elizaveta PESKOVA; Linked To: PESKOV; alias 'Liza PESKOV'",
    "35767": "Nikolay PESKOV; Linked To: PESKOV; aliases CHOLES, CHOULZ",
    "35766": "Tatiana NAVKA; Linked To: PESKOV",
    "35084": "Nikolay TOKAREV",
    "35071": "Maiya TOKAREVA; former names BOLOTOVA (f.k.a.)",
    "35074": "Galina TOKAREVA; same surname as Tokarev, the entry states no relation",
    "39363": "Dmitriy CHERNYSHENKO",
    "36236": "Katerina TIKHONOVA; alias Yekaterina PUTINA",
    "36420": "Maria VORONTSOVA; alias Maria PUTINA",
    # Other RUSSIA-EO14024 persons.
    "16692": "Igor SECHIN",
    "35283": "Alisher USMANOV",
    "16666": "Gennady TIMCHENKO; three nationalities",
    "24325": "Suleiman KERIMOV",
    "37499": "Alexey MORDASHOV",
    "35173": "Sergei SHOIGU",
    "41001": "Olga SKABEYEVA; Ukrainian-style patronymic spellings",
    "31123": "Sergei KIRIYENKO; f.k.a. IZRAITEL",
    "34596": "Vladimir KIRIYENKO, his son",
    "36407": "Dmitry MEDVEDEV",
    "35957": "Ksenia FRANK; former names TIMCHENKO",
    # Vessels and aircraft.
    "35301": "vessel DILBAR (yacht); Linked To: USMANOV",
    "34941": "vessel LINDA (crude oil tanker); weak former name LADY D",
    "34942": "vessel PEGAS (crude oil tanker); weak former name PERUN",
    "15036": "vessel ARTAVIL (IRAN); several former names",
    "17084": "vessel AM NOK GANG (DPRK)",
    "35302": "aircraft M-IABU; alias BOURKHAN; Linked To: USMANOV",
    "35280": "aircraft P4-MIS; Linked To: VEKSELBERG",
    # SDGT persons with Arabic names.
    "2676": "Ayman AL ZAWAHIRI; 'Dr.' inside the first name",
    "6365": "Usama BIN LADIN; day and year-only birth dates",
    "12926": "Ibrahim AL-BADRI; weak alias ABU BAKR AL-BAGHDADI",
    "21286": "Hamza BIN LADEN; birth date range 1989",
    "2686": "Hasan NASRALLAH; four birth dates",
    "8175": "Abd-al-Majid AL-ZINDANI; birth date 'circa 1950'",
    # Chinese persons and companies (HK-EO13936, NPWMD).
    "29249": "Carrie LAM; aliases Yuet-ngor LAM CHENG",
    "29250": "John LEE Ka-chiu; weak alias 'LI, Jiachao' (Mandarin)",
    "29246": "Erick TSANG; Mandarin aliases Guowei ZENG/CENG",
    "29262": "XIA Baolong; birth date range within December 1952",
    "30344": "DENG Zhonghua; month-only birth date",
    "9753": "China National Precision Machinery Import/Export Corp.; pinyin alias",
    "9750": "Beijing Alite Technologies Co., Ltd.; pinyin alias",
    # DPRK, Iran, Belarus.
    "20157": "KIM Jong Un (DPRK3)",
    "9345": "Korea Mining Development Trading Corporation (KOMID)",
    "10481": "Qasem SOLEIMANI; six spellings",
    "26945": "Ali KHAMENEI",
    "11619": "Iran Petrochemical Commercial Company; Persian transliterations",
    "9760": "Alyaksandr LUKASHENKA",
    # Cuba and Venezuela (Spanish two-surname names).
    "22790": "Nicolas MADURO MOROS",
    "24424": "Diosdado CABELLO RONDON",
    "25079": "Cilia FLORES DE MADURO",
    "30042": "Luis Alberto RODRIGUEZ LOPEZ-CALLEJA (CUBA)",
    "306": "Banco Nacional de Cuba; weak alias BNC",
}

#: UN: ``REFERENCE_NUMBER`` (leading/trailing whitespace in the file is ignored).
UN_SELECTION: dict[str, str] = {
    # Iraq.
    "IQi.001": "Saddam HUSSEIN AL-TIKRITI; Arabic original script, Low alias",
    "IQi.004": "Abid Hamid MAHMUD AL-TIKRITI; APPROXIMATELY 1957",
    # Al-Qaida / ISIL.
    "QDi.006": "Aiman AL-ZAWAHIRI; Arabic original script",
    "QDi.299": "Ibrahim AL-BADRI (Abu Bakr al-Baghdadi); Arabic-script Low aliases",
    "QDi.314": "Abderrahmane OULD EL AMAR; BETWEEN 1977 and 1982",
    "QDi.290": "Doku UMAROV; Cyrillic original script",
    "QDi.365": "Akhmed CHATAEV; Cyrillic original script; alias 'David Mayer'",
    "QDe.004": "AL-QAIDA; Arabic original script",
    "QDe.137": "Al-Nusrah Front / HTS; long aliases mixing Arabic and Latin",
    "QDe.165": "ISIL - Libya; Arabic original script",
    "QDe.131": "EMARAT KAVKAZ; Cyrillic original script",
    "QDe.168": "Khatiba al-Tawhid wal-Jihad (KTJ); Cyrillic; an f.k.a. alias",
    # Taliban.
    "TAi.002": "Mohammad Hassan AKHUND; two BETWEEN birth ranges; Arabic-script Pashto/Dari",
    "TAi.024": "Abdul Ghani BARADAR; APPROXIMATELY 1968",
    "TAi.144": "Sirajuddin HAQQANI; BETWEEN 1977 and 1978",
    "TAi.026": "Amir Khan MOTAQI",
    "TAi.149": "Saleh Mohammad KAKAR; original script partly in Arabic presentation forms",
    "TAe.012": "HAQQANI NETWORK (HQN); organisation",
    "TAe.014": "Haji Basir and Zarjmil Company Hawala; LISTED_ON carries a time zone",
    # Libya and Yemen.
    "LYi.013": "Muammar QADHAFI; four name parts, no original script",
    "LYi.017": "Saif al-Islam QADHAFI",
    "LYi.029": "Osama Al Kuni IBRAHIM; mixed-case name, Arabic original script",
    "YEi.001": "Abd al-Khaliq AL-HOUTHI",
    "YEi.002": "Abdullah Yahya AL HAKIM; APPROXIMATELY and BETWEEN dates; gender",
    # DPRK (the UN file has no Hangul; Han appears only in a few aliases).
    "KPi.024": "KIM YONG CHOL; family name in FIRST_NAME",
    "KPi.035": "KIM CHOL SAM; alias 'Jin Tiesan (金铁三)'",
    "KPi.019": "KANG MUN KIL; Mandarin aliases Jiang Wen-ji, Jian Wenji",
    "KPi.066": "KIM JONG SIK; BETWEEN 1967 and 1969",
    "KPe.016": "Korea Ryonha Machinery JV Corp.; Chinese alias 朝鲜联合机械贸易会社",
    "KPe.055": "Chang An Shipping & Technology; Han alias; reference has a trailing space",
    "KPe.059": "Huaxin Shipping Hongkong Ltd; Han alias",
    "KPe.073": "Shen Zhong International Shipping; Han alias",
    # Iran.
    "IRe.036": "Khatam al-Anbiya Construction Headquarters (KAA)",
}

#: Country names of the OFAC and UN files -> ISO 3166-1 alpha-2 (lower case), covering the
#: selection. An unmapped name stops the script: add it here rather than drop it.
COUNTRY_CODES: dict[str, str] = {
    "Afghanistan": "af",
    "Armenia": "am",
    "Belarus": "by",
    "China": "cn",
    "Cuba": "cu",
    "Democratic People's Republic of Korea": "kp",
    "Egypt": "eg",
    "Finland": "fi",
    "Hong Kong": "hk",
    "Iran": "ir",
    "Iraq": "iq",
    "Libya": "ly",
    "Mali": "ml",
    "Russia": "ru",
    "Russian Federation": "ru",
    "Saudi Arabia": "sa",
    "Venezuela": "ve",
    "Yemen": "ye",
}

#: Nationality values that name no current country: skipped on purpose, with the reason.
NOT_COUNTRIES: dict[str, str] = {
    # UN QDi.290 gives "Russian Federation" and "former Soviet Union"; SU has no current
    # ISO 3166-1 alpha-2 code, so only the first becomes a nationality.
    "former Soviet Union": "dissolved state without a current ISO 3166-1 code",
}

#: Unlisted people who must never appear as an entity (negative controls of the tests).
NEGATIVE_CONTROLS = (
    "Volodymyr Zelensky",
    "Emmanuel Macron",
    "Olaf Scholz",
    "Max Seddon",
    "Mykhailo Podolyak",
)

NOTE_PART_MAX = 160
NOTE_MAX = 240


class ExtractionError(Exception):
    """A problem with the input that must stop the extraction."""


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

_WS = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """``text`` with runs of whitespace collapsed to one space and the ends stripped."""
    return _WS.sub(" ", text or "").strip()


def local(tag: str) -> str:
    """An element tag without its ``{namespace}``."""
    return tag.rsplit("}", 1)[-1]


def child(el: ET.Element, name: str) -> ET.Element | None:
    """The first child of ``el`` with local name ``name``."""
    for sub in el:
        if local(sub.tag) == name:
            return sub
    return None


def children(el: ET.Element, name: str) -> list[ET.Element]:
    """The children of ``el`` with local name ``name``, in document order."""
    return [sub for sub in el if local(sub.tag) == name]


def text_of(el: ET.Element, name: str) -> str:
    """The cleaned text of the first child ``name`` of ``el``, or ``""``."""
    sub = child(el, name)
    return clean(sub.text) if sub is not None else ""


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters (with an ellipsis)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


def make_notes(parts: Iterable[str]) -> str | None:
    """Distinct non-empty parts, each shortened, joined with '; ' and shortened again."""
    seen: list[str] = []
    for part in parts:
        part = shorten(clean(part), NOTE_PART_MAX)
        if part and part not in seen:
            seen.append(part)
    return shorten("; ".join(seen), NOTE_MAX) if seen else None


def scripts_of(text: str) -> set[str]:
    """The Unicode scripts (first word of the character names) of the letters of ``text``."""
    found = set()
    for ch in text:
        if ch.isalpha():
            found.add(unicodedata.name(ch, "UNKNOWN").split()[0])
    return found


def is_latin(text: str) -> bool:
    """True when every letter of ``text`` is a Latin letter."""
    return scripts_of(text) <= {"LATIN"}


# Letters of the Arabic script that Arabic itself does not use (Persian, Pashto, Urdu...).
_NON_ARABIC_LETTERS = set("پچژگکیۀہےټځڅډړږښګڼۍې")
_SCRIPT_LANGUAGE = {"CJK": "zh", "HANGUL": "ko", "CYRILLIC": "ru"}


def language_of_script(text: str) -> str | None:
    """The language a name's script tells, or None when it cannot be told.

    Only names written wholly in one non-Latin script get a language: Han -> zh,
    Hangul -> ko, Cyrillic -> ru, Arabic -> ar. Arabic-script names with letters that Arabic
    does not use (Persian/Dari, Pashto, Urdu: e.g. ی, ک, پ, گ) get none, since the script
    cannot tell which of those languages it is. Mixed-script names get none.
    """
    found = scripts_of(text)
    if len(found) != 1:
        return None
    (script,) = found
    if script == "ARABIC":
        folded = unicodedata.normalize("NFKC", text)
        return None if any(ch in _NON_ARABIC_LETTERS for ch in folded) else "ar"
    return _SCRIPT_LANGUAGE.get(script)


def name_dict(
    full: str,
    kind: str,
    *,
    language: str | None = None,
    given: str = "",
    middle: str = "",
    family: str = "",
) -> dict[str, Any]:
    """A ``Name`` as a plain dict; optional fields only when set."""
    out: dict[str, Any] = {"full": full, "kind": kind}
    if language:
        out["language"] = language
    if given:
        out["given"] = given
    if middle:
        out["middle"] = middle
    if family:
        out["family"] = family
    return out


def unique(values: Iterable[Any]) -> list[Any]:
    """``values`` without repeats, first occurrence kept."""
    out: list[Any] = []
    for value in values:
        if value not in out:
            out.append(value)
    return out


def country_code(name: str, where: str) -> str | None:
    """The ISO alpha-2 code of a country name; None for a deliberately skipped value."""
    name = clean(name)
    if name in COUNTRY_CODES:
        return COUNTRY_CODES[name]
    if name in NOT_COUNTRIES:
        return None
    raise ExtractionError(
        f"{where}: country {name!r} has no entry in COUNTRY_CODES of {Path(__file__).name}; "
        "add its ISO 3166-1 alpha-2 code"
    )


def pick(found: Mapping[str, list[Any]], selection: dict[str, str], label: str) -> None:
    """Stop unless every id of ``selection`` was found exactly once."""
    missing = [key for key in selection if not found.get(key)]
    twice = [key for key in selection if len(found.get(key, [])) > 1]
    problems = []
    if missing:
        problems.append(f"ids not found in the {label} file: {', '.join(missing)}")
    if twice:
        problems.append(f"ids found more than once in the {label} file: {', '.join(twice)}")
    if problems:
        raise ExtractionError("; ".join(problems))


# ---------------------------------------------------------------------------------------------
# EU consolidated list (XML schema 1.1)
# ---------------------------------------------------------------------------------------------

EU_SCHEMAS = {"person": "Person", "enterprise": "Organization"}


def eu_birth_dates(entity: ET.Element, where: str) -> list[dict[str, Any]]:
    out = []
    elements = children(entity, "birthdate")
    gregorian = [bd for bd in elements if (bd.get("calendarType") or "GREGORIAN") == "GREGORIAN"]
    for bd in elements:
        calendar = bd.get("calendarType") or "GREGORIAN"
        if calendar != "GREGORIAN" and not bd.get("birthdate"):
            # A bare year/month/day in another calendar (the file has ISLAMIC years such as
            # 1343) is not converted. Every such entry in the file also lists the Gregorian
            # equivalents as separate elements; stop if one ever does not.
            if not gregorian:
                raise ExtractionError(f"{where}: only a {calendar} birth date, no Gregorian one")
            continue
        # With another calendar, the `birthdate` attribute holds the Gregorian equivalent
        # (logicalId 6177: ISLAMIC 1402-06-24 given as birthdate="1982-04-19").
        circa = bd.get("circa") == "true"
        if bd.get("birthdate"):
            value = bd.get("birthdate", "")
        elif bd.get("year"):
            value = bd.get("year", "")
            if bd.get("monthOfYear"):
                value += f"-{int(bd.get('monthOfYear', '')):02d}"
                if bd.get("dayOfMonth"):
                    value += f"-{int(bd.get('dayOfMonth', '')):02d}"
        elif bd.get("yearRangeFrom") or bd.get("yearRangeTo"):
            # A range becomes its first year, approximate.
            value = bd.get("yearRangeFrom") or bd.get("yearRangeTo") or ""
            circa = True
        else:
            continue  # the element gives only a place of birth
        out.append({"value": value, "circa": circa})
    return unique(out)


def eu_entity(entity: ET.Element, source_file: str) -> dict[str, Any]:
    native = entity.get("logicalId", "")
    where = f"EU logicalId {native}"
    subject = child(entity, "subjectType")
    code = subject.get("code", "") if subject is not None else ""
    if code not in EU_SCHEMAS:
        raise ExtractionError(f"{where}: unknown subjectType {code!r}")

    aliases = children(entity, "nameAlias")
    # The primary name: the first strong alias with no or an EN nameLanguage, preferring one in
    # Latin script (the file gives many Cyrillic names without a nameLanguage, often first).
    candidates = [
        i
        for i, alias in enumerate(aliases)
        if alias.get("strong") != "false" and alias.get("nameLanguage", "") in ("", "EN")
    ]
    latin = [i for i in candidates if is_latin(clean(aliases[i].get("wholeName")))]
    strong = [i for i, alias in enumerate(aliases) if alias.get("strong") != "false"]
    # Without such a name, the first strong name of any language (none in the selection).
    fallback = latin or candidates or strong
    primary_index: int | None = fallback[0] if fallback else None

    names = []
    for i, alias in enumerate(aliases):
        full = clean(alias.get("wholeName"))
        if not full:
            raise ExtractionError(f"{where}: nameAlias {alias.get('logicalId')} has no wholeName")
        if i == primary_index:
            kind = "primary"
        elif alias.get("strong") == "false":
            kind = "weak-alias"
        else:
            kind = "alias"
        names.append(
            name_dict(
                full,
                kind,
                language=alias.get("nameLanguage", "").lower() or None,
                given=clean(alias.get("firstName")),
                middle=clean(alias.get("middleName")),
                family=clean(alias.get("lastName")),
            )
        )

    # Regulations: the entity's `regulation` element (in this file usually the latest
    # amendment) and every `regulationSummary` cited by its names, dates and other parts.
    regulations = [
        (r.get("publicationDate", ""), clean(r.get("numberTitle")))
        for r in entity.iter()
        if local(r.tag) in ("regulation", "regulationSummary") and r.get("publicationDate")
    ]
    earliest = min(regulations, key=lambda item: item[0]) if regulations else None
    programmes = unique(
        r.get("programme", "") for r in children(entity, "regulation") if r.get("programme")
    )
    listing = {
        "source": "eu",
        "programmes": programmes,
        # designationDate is the file's own listing date; without it the earliest regulation.
        "listed_on": entity.get("designationDate") or (earliest[0] if earliest else None),
        "reference": entity.get("euReferenceNumber") or None,
        "regulation": earliest[1] if earliest else None,
    }

    nationalities = []
    for cit in children(entity, "citizenship"):
        iso = cit.get("countryIso2Code", "")
        if iso and iso != "00":  # 00 is the file's code for UNKNOWN
            nationalities.append(iso.lower())

    ordered = aliases if primary_index is None else [aliases[primary_index], *aliases]
    # The gender of the primary name, else of the first name that gives one (the file is not
    # always consistent: one Slovak spelling of Maya TOKAREVA says M).
    genders = [a.get("gender", "") for a in ordered if a.get("gender") in ("M", "F")]
    gender = {"M": "male", "F": "female"}[genders[0]] if genders else None

    functions = [clean(a.get("function")) for a in ordered if clean(a.get("function"))]
    remarks = [clean(r.text) for r in children(entity, "remark")]
    for alias in aliases:
        # Remarks on a name longer than a short annotation ("good quality alias", "Czech
        # version", "born TOKAREVA") say something about the person, e.g. a relative.
        remarks += [clean(r.text) for r in children(alias, "remark") if len(clean(r.text)) >= 30]

    return {
        "id": f"eu:{native}",
        "schema": EU_SCHEMAS[code],
        "names": names,
        "listings": [listing],
        "birth_dates": eu_birth_dates(entity, where),
        "nationalities": unique(nationalities),
        "gender": gender,
        "source_file": source_file,
        "notes": make_notes(functions[:1] + remarks),
    }


def extract_eu(data: Path) -> dict[str, Any]:
    path = data / EU_FILE
    found: dict[str, list[ET.Element]] = {}
    generated = ""
    for _event, el in ET.iterparse(path, events=("start", "end")):
        if _event == "start":
            if local(el.tag) == "export":
                generated = el.get("generationDate", "")
            continue
        if local(el.tag) == "sanctionEntity":
            native = el.get("logicalId", "")
            if native in EU_SELECTION:
                found.setdefault(native, []).append(el)  # kept: not cleared
            else:
                el.clear()
    pick(found, EU_SELECTION, "EU")
    entities = [eu_entity(found[key][0], EU_FILE) for key in EU_SELECTION]
    return list_file(
        "eu",
        "EU consolidated financial sanctions list",
        generated[:10],
        EU_FILE,
        entities,
    )


# ---------------------------------------------------------------------------------------------
# OFAC SDN list (classic XML)
# ---------------------------------------------------------------------------------------------

OFAC_SCHEMAS = {
    "Individual": "Person",
    "Entity": "Organization",
    "Vessel": "Vessel",
    "Aircraft": "Aircraft",
}
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
_OFAC_DAY = re.compile(r"^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$")
_OFAC_MONTH = re.compile(r"^([A-Z][a-z]{2}) (\d{4})$")
_OFAC_YEAR = re.compile(r"^(\d{4})$")


def ofac_single_date(text: str, where: str) -> str:
    """``17 Oct 1967`` -> 1967-10-17, ``Oct 1967`` -> 1967-10, ``1967`` -> 1967."""
    if m := _OFAC_DAY.match(text):
        day, month, year = m.groups()
        if month in _MONTHS:
            return f"{year}-{_MONTHS[month]:02d}-{int(day):02d}"
    elif m := _OFAC_MONTH.match(text):
        month, year = m.groups()
        if month in _MONTHS:
            return f"{year}-{_MONTHS[month]:02d}"
    elif m := _OFAC_YEAR.match(text):
        return m.group(1)
    raise ExtractionError(f"{where}: unknown date of birth format {text!r}")


def ofac_birth_date(text: str, where: str) -> dict[str, Any]:
    text = clean(text)
    if " to " in text:
        # A range becomes its first year, approximate.
        first = ofac_single_date(text.split(" to ", 1)[0], where)
        return {"value": first[:4], "circa": True}
    if text.lower().startswith("circa "):
        return {"value": ofac_single_date(text[6:].strip(), where), "circa": True}
    return {"value": ofac_single_date(text, where), "circa": False}


def ofac_full(first: str, last: str) -> str:
    return clean(f"{first} {last}")


def ofac_entity(entry: ET.Element, source_file: str) -> dict[str, Any]:
    native = text_of(entry, "uid")
    where = f"OFAC SDN uid {native}"
    sdn_type = text_of(entry, "sdnType")
    if sdn_type not in OFAC_SCHEMAS:
        raise ExtractionError(f"{where}: unknown sdnType {sdn_type!r}")
    first, last = text_of(entry, "firstName"), text_of(entry, "lastName")
    if sdn_type == "Individual":
        names = [name_dict(ofac_full(first, last), "primary", given=first, family=last)]
    else:
        if first:
            raise ExtractionError(f"{where}: a {sdn_type} with a firstName")
        names = [name_dict(last, "primary")]

    aka_list = child(entry, "akaList")
    for aka in children(aka_list, "aka") if aka_list is not None else []:
        aka_type, category = text_of(aka, "type"), text_of(aka, "category")
        if aka_type == "f.k.a.":
            kind = "former"
        elif aka_type in ("a.k.a.", "n.k.a.") and category in ("strong", "weak"):
            kind = "alias" if category == "strong" else "weak-alias"
        else:
            raise ExtractionError(f"{where}: unknown aka type/category {aka_type!r}/{category!r}")
        a_first, a_last = text_of(aka, "firstName"), text_of(aka, "lastName")
        names.append(name_dict(ofac_full(a_first, a_last), kind, given=a_first, family=a_last))

    program_list = child(entry, "programList")
    programmes = (
        unique(clean(p.text) for p in children(program_list, "program") if clean(p.text))
        if program_list is not None
        else []
    )

    birth_dates = []
    dob_list = child(entry, "dateOfBirthList")
    for item in children(dob_list, "dateOfBirthItem") if dob_list is not None else []:
        birth_dates.append(ofac_birth_date(text_of(item, "dateOfBirth"), where))

    nationalities = []
    for list_name, item_name in (
        ("nationalityList", "nationality"),
        ("citizenshipList", "citizenship"),
    ):
        holder = child(entry, list_name)
        for item in children(holder, item_name) if holder is not None else []:
            code = country_code(text_of(item, "country"), where)
            if code:
                nationalities.append(code)

    gender = None
    id_list = child(entry, "idList")
    for ident in children(id_list, "id") if id_list is not None else []:
        if text_of(ident, "idType") == "Gender":
            value = text_of(ident, "idNumber").lower()
            if value not in ("male", "female"):
                raise ExtractionError(f"{where}: unknown gender {value!r}")
            gender = value
            break

    note_parts = [text_of(entry, "title")]
    vessel = child(entry, "vesselInfo")
    if vessel is not None:
        vessel_type, flag = text_of(vessel, "vesselType"), text_of(vessel, "vesselFlag")
        note_parts.append(", ".join(p for p in (vessel_type, f"flag {flag}" if flag else "") if p))
    note_parts.append(text_of(entry, "remarks").strip("()"))

    return {
        "id": f"ofac-sdn:{native}",
        "schema": OFAC_SCHEMAS[sdn_type],
        "names": names,
        "listings": [
            {
                "source": "ofac-sdn",
                "programmes": programmes,
                "listed_on": None,  # the SDN file gives no listing date
                "reference": native,
                "regulation": None,
            }
        ],
        "birth_dates": unique(birth_dates),
        "nationalities": unique(nationalities),
        "gender": gender,
        "source_file": source_file,
        "notes": make_notes(note_parts),
    }


def extract_ofac_sdn(data: Path) -> dict[str, Any]:
    path = data / OFAC_SDN_FILE
    found: dict[str, list[dict[str, Any]]] = {}
    published = ""
    for _event, el in ET.iterparse(path, events=("end",)):
        tag = local(el.tag)
        if tag == "Publish_Date":
            published = datetime.strptime(clean(el.text), "%m/%d/%Y").date().isoformat()
        elif tag == "sdnEntry":
            native = text_of(el, "uid")
            if native in OFAC_SDN_SELECTION:
                found.setdefault(native, []).append(ofac_entity(el, OFAC_SDN_FILE))
            el.clear()
    pick(found, OFAC_SDN_SELECTION, "OFAC SDN")
    entities = [found[key][0] for key in OFAC_SDN_SELECTION]
    return list_file(
        "ofac-sdn",
        "OFAC Specially Designated Nationals (SDN) list",
        published,
        OFAC_SDN_FILE,
        entities,
    )


# ---------------------------------------------------------------------------------------------
# UN Security Council consolidated list
# ---------------------------------------------------------------------------------------------

UN_ALIAS_KINDS = {"Good": "alias", "a.k.a.": "alias", "Low": "weak-alias", "f.k.a.": "former"}


def un_birth_dates(person: ET.Element, where: str) -> list[dict[str, Any]]:
    out = []
    for dob in children(person, "INDIVIDUAL_DATE_OF_BIRTH"):
        kind = text_of(dob, "TYPE_OF_DATE")
        date, year, from_year = (
            text_of(dob, "DATE"),
            text_of(dob, "YEAR"),
            text_of(dob, "FROM_YEAR"),
        )
        if kind in ("EXACT", "APPROXIMATELY") and (date or year):
            out.append({"value": date or year, "circa": kind == "APPROXIMATELY"})
        elif kind == "BETWEEN" and from_year:
            out.append({"value": from_year, "circa": True})
        elif not (date or year or from_year):
            continue  # an empty element, or only a NOTE such as "30-35 years old"
        else:
            raise ExtractionError(
                f"{where}: unknown date of birth {kind!r} {date or year or from_year}"
            )
    return unique(out)


def un_entity(el: ET.Element, source_file: str) -> dict[str, Any]:
    native = text_of(el, "REFERENCE_NUMBER")
    where = f"UN {native}"
    is_person = local(el.tag) == "INDIVIDUAL"
    # The UN name parts are ordered parts, not given/family roles (Korean entries give the
    # family name in FIRST_NAME), so only the joined name is kept.
    parts = [text_of(el, f) for f in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    names = [name_dict(clean(" ".join(parts)), "primary")]
    original = text_of(el, "NAME_ORIGINAL_SCRIPT")
    if original:
        names.append(name_dict(original, "alias", language=language_of_script(original)))
    for alias in children(el, "INDIVIDUAL_ALIAS" if is_person else "ENTITY_ALIAS"):
        full, quality = text_of(alias, "ALIAS_NAME"), text_of(alias, "QUALITY")
        if not full:
            # The file writes an empty <..._ALIAS> (no QUALITY, no ALIAS_NAME) for entries
            # without aliases; only these are skipped.
            continue
        if quality not in UN_ALIAS_KINDS:
            raise ExtractionError(f"{where}: unknown alias QUALITY {quality!r}")
        names.append(name_dict(full, UN_ALIAS_KINDS[quality], language=language_of_script(full)))

    nationalities = []
    for nat in children(el, "NATIONALITY"):
        for value in children(nat, "VALUE"):
            code = country_code(clean(value.text), where)
            if code:
                nationalities.append(code)

    gender_text = text_of(el, "GENDER").lower()
    if gender_text not in ("", "male", "female"):
        raise ExtractionError(f"{where}: unknown GENDER {gender_text!r}")

    designations = [
        clean(v.text) for d in children(el, "DESIGNATION") for v in children(d, "VALUE")
    ]
    listed_on = text_of(el, "LISTED_ON")[:10] or None  # some carry a time zone: 2015-03-27-04:00

    return {
        "id": f"un:{native}",
        "schema": "Person" if is_person else "Organization",
        "names": names,
        "listings": [
            {
                "source": "un",
                "programmes": [text_of(el, "UN_LIST_TYPE")],
                "listed_on": listed_on,
                "reference": native,
                "regulation": None,
            }
        ],
        "birth_dates": un_birth_dates(el, where) if is_person else [],
        "nationalities": unique(nationalities),
        "gender": gender_text or None,
        "source_file": source_file,
        "notes": make_notes(designations),
    }


def extract_un(data: Path) -> dict[str, Any]:
    path = data / UN_FILE
    found: dict[str, list[dict[str, Any]]] = {}
    generated = ""
    for _event, el in ET.iterparse(path, events=("start", "end")):
        tag = local(el.tag)
        if _event == "start":
            if tag == "CONSOLIDATED_LIST":
                generated = el.get("dateGenerated", "")
            continue
        if tag in ("INDIVIDUAL", "ENTITY"):
            native = text_of(el, "REFERENCE_NUMBER")
            if native in UN_SELECTION:
                found.setdefault(native, []).append(un_entity(el, UN_FILE))
            el.clear()
    pick(found, UN_SELECTION, "UN")
    entities = [found[key][0] for key in UN_SELECTION]
    return list_file(
        "un", "UN Security Council consolidated list", generated[:10], UN_FILE, entities
    )


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def list_file(
    source: str, title: str, published: str, extracted_from: str, entities: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "format": "sanctionmatch-list",
        "format_version": 1,
        "list": {
            "source": source,
            "title": title,
            "published": published or None,
            "extracted_from": extracted_from,
            "description": (
                f"Test fixture: {len(entities)} entities extracted from the official file "
                f"{extracted_from} by scripts/extract_fixtures.py (selection and reasons in the "
                "script); names, dates and programmes as the file gives them. Not the full list."
            ),
        },
        "entities": entities,
    }


def _fold(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.findall(r"\w+", ascii_only)


def check_negative_controls(document: dict[str, Any]) -> None:
    """Stop if a negative-control person's full name is one of a selected entity's names."""
    for entity in document["entities"]:
        for name in entity["names"]:
            tokens = set(_fold(name["full"]))
            for control in NEGATIVE_CONTROLS:
                if set(_fold(control)) <= tokens:
                    raise ExtractionError(
                        f"{entity['id']}: name {name['full']!r} contains the negative control "
                        f"{control!r}"
                    )


@lru_cache(maxsize=1)
def load_list_file_model() -> Any:
    """``sanctionmatch.models.ListFile`` of this repository.

    Imported through the package when it imports (its ``__init__`` needs the runtime
    dependencies such as rapidfuzz); otherwise ``models.py`` alone is loaded, which needs only
    pydantic.
    """
    sys.path.insert(0, str(REPO_ROOT))
    try:
        from sanctionmatch.models import ListFile

        return ListFile
    except ImportError:
        pass
    finally:
        sys.path.pop(0)
    path = REPO_ROOT / "sanctionmatch" / "models.py"
    spec = importlib.util.spec_from_file_location("_sanctionmatch_models", path)
    if spec is None or spec.loader is None:
        raise ExtractionError(f"cannot load {path} for validation")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic resolves the annotations through sys.modules
    try:
        spec.loader.exec_module(module)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ExtractionError(f"cannot load {path} for validation: {exc}") from exc
    return module.ListFile


def validate(document: dict[str, Any], label: str) -> None:
    list_file_model = load_list_file_model()
    try:
        list_file_model.model_validate(document)
    except Exception as exc:
        raise ExtractionError(f"{label}: the output does not validate as ListFile:\n{exc}") from exc


def summary(document: dict[str, Any]) -> str:
    counts: dict[str, int] = {}
    for entity in document["entities"]:
        counts[entity["schema"]] = counts.get(entity["schema"], 0) + 1
    names = sum(len(e["names"]) for e in document["entities"])
    per_schema = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    return f"{len(document['entities'])} entities ({per_schema}), {names} names"


OUTPUTS = (
    ("eu.json", extract_eu),
    ("ofac_sdn.json", extract_ofac_sdn),
    ("un.json", extract_un),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="the shared data folder holding lists/ (default: ../shared/data from the repo root)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="where to write the list files (default: sanctionmatch/data/lists in the repo)",
    )
    args = parser.parse_args(argv)
    data: Path = args.data
    out: Path = args.out

    if not data.is_dir():
        print(
            f"error: data folder {data} not found. It holds the official list files "
            "(see ../shared/data/README.md); pass its location with --data DIR.",
            file=sys.stderr,
        )
        return 1
    missing = [f for f in (EU_FILE, OFAC_SDN_FILE, UN_FILE) if not (data / f).is_file()]
    if missing:
        print(f"error: missing in {data}: {', '.join(missing)}", file=sys.stderr)
        return 1

    try:
        documents = []
        for filename, extract in OUTPUTS:
            document = extract(data)
            check_negative_controls(document)
            validate(document, filename)
            documents.append((filename, document))
    except (ExtractionError, ET.ParseError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    out.mkdir(parents=True, exist_ok=True)
    for filename, document in documents:
        text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
        (out / filename).write_text(text, encoding="utf-8", newline="\n")
        print(f"{out / filename}: {summary(document)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
