#!/usr/bin/env python3
"""Extract the bundled fixture lists from the real official sanctions list files.

Reads the official EU, OFAC SDN and UN files in ``../shared/data/lists/`` (never copied into
the repository) with the library's own readers (``sanctionmatch.sources``), picks the entities
named in the selection tables below by their native reference id and writes one native list
file per list (``sanctionmatch-list`` format 1) to ``sanctionmatch/data/lists/``:
``eu.json``, ``ofac_sdn.json`` and ``un.json``.

Every value is what the reader takes from the official file: names exactly as spelled there
(runs of whitespace collapsed), nothing dropped. Entities come in the order of the selection
tables, so the output depends only on the input files and the readers.

Usage (from the repository root, with the package installed, e.g. ``make demo`` once)::

    .venv/bin/python scripts/extract_fixtures.py [--data DIR] [--out DIR]

The script stops with a message (exit status 1) when the data folder or a list file is
missing, when an id of a table is not in its file, or when a selected entity has a name that
contains one of the negative controls (people who are not listed).
"""

# The selection tables quote names in Cyrillic and Greek on purpose.

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from sanctionmatch.models import Entity, ListFile, ListInfo, ListSource
from sanctionmatch.sources import load

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
#: Unlisted people who must never appear as an entity (negative controls of the tests).
NEGATIVE_CONTROLS = (
    "Volodymyr Zelensky",
    "Emmanuel Macron",
    "Olaf Scholz",
    "Max Seddon",
    "Mykhailo Podolyak",
)


class ExtractionError(Exception):
    """Something the fixture cannot be made without."""


OUTPUTS = (
    ("eu.json", ListSource.EU, EU_FILE, EU_SELECTION),
    ("ofac_sdn.json", ListSource.OFAC_SDN, OFAC_SDN_FILE, OFAC_SDN_SELECTION),
    ("un.json", ListSource.UN, UN_FILE, UN_SELECTION),
)


def _fold(text: str) -> set[str]:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return set(re.findall(r"\w+", "".join(c for c in decomposed if not unicodedata.combining(c))))


def check_negative_controls(entities: list[Entity]) -> None:
    """Stop if a negative-control person's full name is one of a selected entity's names."""
    for entity in entities:
        for name in entity.names:
            for control in NEGATIVE_CONTROLS:
                if _fold(control) <= _fold(name.full):
                    raise ExtractionError(
                        f"{entity.id}: name {name.full!r} contains the negative control {control!r}"
                    )


def extract(data: Path, source: ListSource, relative: str, selection: dict[str, str]) -> ListFile:
    """The selected entities of one official file, as a native list file."""
    loaded = load(data / relative)
    by_id = {entity.id: entity for entity in loaded.entities}
    missing = [native for native in selection if f"{source.value}:{native}" not in by_id]
    if missing:
        raise ExtractionError(f"{relative}: ids not found: {', '.join(missing)}")
    entities = [
        by_id[f"{source.value}:{native}"].model_copy(update={"source_file": relative})
        for native in selection
    ]
    check_negative_controls(entities)
    return ListFile(
        format="sanctionmatch-list",
        format_version=1,
        list=ListInfo(
            source=source,
            title=source.title,
            published=loaded.report.published,
            extracted_from=relative,
            description=(
                f"Test fixture: {len(entities)} entities extracted from the official file "
                f"{relative} by scripts/extract_fixtures.py (selection and reasons in the "
                "script); names, dates and programmes as the file gives them. Not the full list."
            ),
        ),
        entities=tuple(entities),
    )


def summary(document: ListFile) -> str:
    counts = Counter(entity.schema_.value for entity in document.entities)
    names = sum(len(entity.names) for entity in document.entities)
    per_schema = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    return f"{len(document.entities)} entities ({per_schema}), {names} names"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the lists")
    args = parser.parse_args(argv)
    missing = [f for _, _, f, _ in OUTPUTS if not (args.data / f).is_file()]
    if missing:
        print(f"error: missing in {args.data}: {', '.join(missing)}", file=sys.stderr)
        return 1
    try:
        documents = [(name, extract(args.data, *rest)) for name, *rest in OUTPUTS]
    except ExtractionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for filename, document in documents:
        payload = document.model_dump(mode="json", exclude_none=True)
        text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
        (args.out / filename).write_text(text, encoding="utf-8", newline="\n")
        print(f"{args.out / filename}: {summary(document)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
