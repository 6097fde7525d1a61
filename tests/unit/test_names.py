"""Name parts: tokens, roles, titles, legal forms, inflected Cyrillic names."""

from __future__ import annotations

import pytest

from sanctionmatch import DEFAULT_THRESHOLD, compare_names
from sanctionmatch.errors import EmptyNameError, InputTooLongError
from sanctionmatch.limits import MAX_NAME_LENGTH
from sanctionmatch.normalize import TokenRole, normalize_name, person_reading
from sanctionmatch.normalize.names import abd_keys


def roles(name: str) -> dict[str, str]:
    return {t.text: t.role.value for t in normalize_name(name).tokens}


def test_order_does_not_change_the_form() -> None:
    a = normalize_name("PESKOV, Dmitry Sergeyevich")
    b = normalize_name("Dmitry Sergeyevich Peskov")
    assert a.tokens == b.tokens


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Dmitry Sergeyevich PESKOV",
            {"dmitry": "name", "sergeyevich": "patronymic", "peskov": "name"},
        ),
        (
            "Дмитрий Сергеевич Песков",
            {"дмитрий": "name", "сергеевич": "patronymic", "песков": "name"},
        ),
        (
            "Nikolaj Petrovitj TOKAREV",
            {"nikolaj": "name", "petrovitj": "patronymic", "tokarev": "name"},
        ),
        ("D. S. Peskov", {"d": "initial", "s": "initial", "peskov": "name"}),
        (
            "Saddam Hussein Al-Tikriti",
            {"saddam": "name", "hussein": "name", "al": "particle", "tikriti": "name"},
        ),
        ("Roman Abramovich", {"roman": "name", "abramovich": "name"}),
    ],
)
def test_roles(name: str, expected: dict[str, str]) -> None:
    assert roles(name) == expected


@pytest.mark.parametrize(
    ("name", "dropped", "kept"),
    [
        ("President Vladimir Putin", ("president",), {"vladimir", "putin"}),
        ("Dr. Ayman al-Zawahiri", ("dr",), {"ayman", "al", "zawahiri"}),
        ("Präsident Wladimir Putin", ("prasident",), {"wladimir", "putin"}),
        ("президент Владимир Путин", ("президент",), {"владимир", "путин"}),
        # words that are names far more often than titles stay names (list names)
        ("Ahmed Iman ALI", (), {"ahmed", "iman", "ali"}),
        ("German Gonzalo SANCHEZ REY", (), {"german", "gonzalo", "sanchez", "rey"}),
        ("Angel ALCALDE LINARES", (), {"angel", "alcalde", "linares"}),
    ],
)
def test_titles_are_dropped(name: str, dropped: tuple[str, ...], kept: set[str]) -> None:
    form = normalize_name(name)
    assert {t.rstrip(".") for t in form.dropped} == set(dropped)
    assert {t.text for t in form.tokens} == kept


def test_a_title_alone_is_kept_as_the_name() -> None:
    assert [t.text for t in normalize_name("President").tokens] == ["president"]


@pytest.mark.parametrize(
    ("name", "legal_form"),
    [
        ("OOO Stroygazmontazh", "llc"),
        ("ООО «Стройгазмонтаж»", "llc"),
        ("Transneft PJSC", None),
        ("Sovcombank Public Joint Stock Company", None),
        ("Rosneft Aero GmbH", "llc"),
    ],
)
def test_legal_forms_become_one_light_token(name: str, legal_form: str | None) -> None:
    form = normalize_name(name)
    legal = [t for t in form.tokens if t.role is TokenRole.LEGAL_FORM]
    assert len(legal) == 1
    if legal_form:
        assert legal[0].text == legal_form


@pytest.mark.parametrize(
    ("name", "legal_form", "names"),
    [
        ("JOINT STOCK CO. ELECTROTYAGA", "jsc", {"electrotyaga"}),  # an abbreviated word
        ("JOIN STOCK COMPANY AVRORA", "jsc", {"avrora"}),  # a typo in a phrase
        ("Irkut Corporatin", "inc", {"irkut"}),  # a typo in a long one-word form
        ("WIVSA S.A", "jsc", {"wivsa"}),  # full stops do not matter
        ("BEHRAD TRADING", None, {"behrad", "trading"}),  # a name one swap from BERHAD
        ("NAPO LTD", "ltd", {"napo"}),
        # LIMITE is limitee with a letter written once and limited with one dropped: the
        # phrase decides (EU list: LIMITED LIABILITY COMPANY MFI SOFT, with two typos)
        ("LIMITE LIABILTIY COMPANY MFI SOFT", "llc", {"mfi", "soft"}),
        # two typos in a long word, beside a word written right (OFAC: LEX PRIME)
        ("LIMITED LIABILITY COMPZY LEX PRIME", "llc", {"lex", "prime"}),
        ("JOINT STOCK COMLPAN ELECOND", "jsc", {"elecond"}),
        # ... but never in a word on its own, which may be a name
        ("IAN LNITED", None, {"ian", "lnited"}),
        ("NORTH COMPASS", None, {"north", "compass"}),
    ],
)
def test_legal_forms_are_read_through_abbreviations_and_typos(
    name: str, legal_form: str | None, names: set[str]
) -> None:
    form = normalize_name(name)
    legal = {t.text for t in form.tokens if t.role is TokenRole.LEGAL_FORM}
    assert legal == ({legal_form} if legal_form else set())
    assert {t.text for t in form.tokens if t.role is TokenRole.NAME} == names


def test_a_name_keeps_the_words_of_its_legal_forms_for_the_other_side_s_typos() -> None:
    assert normalize_name("IAN LIMITED").legal_words == ("limited",)
    assert normalize_name("Limitd Liability Comapny Avrora").legal_words == (
        "limited",
        "liability",
        "company",
    )
    assert normalize_name("AVRORA LLC").legal_words == ()  # too short to tell a typo of


def test_a_short_legal_form_is_also_read_as_a_person_s_initials() -> None:
    form = normalize_name("GUSACHENKA S. A.")
    assert form.short_legal_form
    person = person_reading(form)
    assert person is not None and person.read_as_person
    assert [(t.text, t.role) for t in person.tokens] == [
        ("a", TokenRole.INITIAL),
        ("s", TokenRole.INITIAL),
        ("gusachenka", TokenRole.NAME),
    ]
    # A written-out legal form is no person's initials.
    assert person_reading(normalize_name("Irkut Joint Stock Company")) is None
    # A person's name read without legal forms keeps PAO as a name.
    assert "pao" in {t.text for t in normalize_name("Yu Liang PAO", legal_forms=False).tokens}


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Ind.", TokenRole.INITIAL),  # an abbreviation matches names starting with its letters
        ("Intl.", TokenRole.NAME),  # one the equivalents table knows stays a name
        ("Άμπου", TokenRole.PARTICLE),  # Greek and Cyrillic particles
        ("аль", TokenRole.PARTICLE),
        ("Ли", TokenRole.NAME),
    ],
)
def test_roles_of_abbreviations_and_foreign_particles(name: str, role: TokenRole) -> None:
    form = normalize_name(f"{name} Karimov")
    assert {t.role for t in form.tokens if t.text != "karimov"} == {role}


@pytest.mark.parametrize(
    ("spellings", "shared"),
    [
        (("abdelkarim", "abdulkarim", "abdkarim"), "abdkarim"),
        (("abderrahmane", "abdelrahmane", "abderahmane", "abdrahmane"), "abdrahmane"),
        (("abdussamad", "abdulsamad", "abdsamad"), "abdsamad"),
        (("abdiaziz", "abdelaziz", "abdaziz"), "abdaziz"),
    ],
)
def test_spellings_of_one_abd_compound_share_a_key(spellings: tuple[str, ...], shared: str) -> None:
    for spelling in spellings:
        assert shared in abd_keys(spelling)


def test_abdullah_and_short_stems_get_no_abd_key() -> None:
    assert abd_keys("abdullah") == abd_keys("abdallah") == abd_keys("abdi") == frozenset()


@pytest.mark.parametrize(
    ("arabic", "latin", "key"),
    [
        ("يوسف", "yousef", "ysf"),  # a first y is a consonant, an inner و a vowel
        ("فاضلی", "fazeli", "fzl"),  # Persian ی; ض as z
        ("هریکندی", "harikandi", "hrknd"),  # Persian ک (unidecode wrote kh)
        ("جرمان", "djermane", "jrmn"),  # French dj
        ("علي", "ali", "l"),  # ain and long vowels are not consonants
        ("الظواهري", "zawahiri", "zhr"),  # the article
        ("فاطمة", "fatimah", "ftm"),  # ta marbuta and a final h
        ("أيهم", "ayham", "yhm"),  # ي after an opening alef: the y of Ayham
        ("أيوب", "ayyub", "yb"),
        ("عوض", "awad", "wd"),  # و after an opening ain
        ("لونيسي", "lounici", "lns"),  # French c before i or e is s
        ("بیژن", "bijan", "bjn"),  # Persian ژ as j (Bijan, Nejad) as well as zh
        ("ژاله", "zhaleh", "zl"),  # ... and Latin zh as ژ
        ("ځدران", "zadran", "zdrn"),  # Pashto ځ
        ("كاظم", "kathim", "ktm"),  # ظ as th (Iraqi Kathim, Kadhim)
        ("كل", "gul", "gl"),  # گ typed as ك on an Arabic keyboard (Gul Agha)
        ("عزالدين", "ezzedine", "zdn"),  # the article inside a word, its l assimilated
        ("نورالدین", "nooruddin", "nrdn"),
        ("مُحَمَّد", "muhammad", "mhmd"),  # vowel marks and shadda are optional
        ("محـمد", "muhammad", "mhmd"),  # so is the tatweel that stretches a line
    ],
)
def test_arabic_script_and_latin_share_consonant_keys(arabic: str, latin: str, key: str) -> None:
    (arabic_token,) = normalize_name(arabic).tokens
    (latin_token,) = normalize_name(latin).tokens
    assert key in arabic_token.consonant_keys & latin_token.consonant_keys


@pytest.mark.parametrize(
    ("inflected", "nominative_spelling"),
    [
        ("Дмитрия", "dmitriy"),
        ("Пескова", "peskov"),
        ("Николая", "nikolay"),
        ("Токарева", "tokarev"),
        ("Владимиру", "vladimir"),
        ("Путину", "putin"),
        ("Дмитра", "dmytro"),
    ],
)
def test_cyrillic_case_forms_carry_their_nominative(
    inflected: str, nominative_spelling: str
) -> None:
    (token,) = normalize_name(inflected).tokens
    assert nominative_spelling in token.forms


@pytest.mark.parametrize("blank", ["", "   ", "\u200b", "--", "«»", "\t\n"])
def test_blank_names_are_refused(blank: str) -> None:
    with pytest.raises(EmptyNameError):
        normalize_name(blank)


def test_overlong_names_are_refused_before_work() -> None:
    with pytest.raises(InputTooLongError, match="limit is 1,000"):
        normalize_name("a" * (MAX_NAME_LENGTH + 1))


def test_a_join_whose_key_is_one_parts_own_is_not_keyed() -> None:
    """Ayyub (``b``) and Bashir (``bsr``) run together as ``bsr``: no evidence of a join."""
    joined = {pair.token.text: pair.token for pair in normalize_name("AYYUB BASHIR").joined}
    # Ayyub's y kept, as أيوب has; sh also read as two letters (س and ه side by side)
    assert joined["ayyub+bashir"].joined_consonants == {"ybsr", "ybshr"}


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [
        ("Mohsen NIKVARZ", "محسن نیک ورز"),  # و opening the second word is inside the one
        ("Salman ADINEHVAND", "سلمان آدینه وند"),  # ه ending the first word is no final h
        ("Murad FATHI", "مراد فتحی"),  # th as t and h
        ("MOHAMED LAKHAL", "محمد لكحل"),  # kh as k and h
        ("ABDUL MANAN MOHAMMAD ISHAK", "عبدالمنان محمد اسحاق"),  # sh as s and h
        ("RAMZI MOHAMED ABDULLAH BINALSHIBH", "رمزي محمد عبد الله بن الشيبة"),
        ("MUHAMMAD ABD AL-KARIM AL-GHAMARI", "محمد عبدالكريم الغماري"),  # Abd, al, name as one
        ("ABD AL-KHALIQ AL-HOUTHI", "عبدالخالق الحوثي"),
    ],
)
def test_arabic_script_against_its_latin_spelling_written_apart(latin: str, arabic: str) -> None:
    """Arabic words a Latin spelling writes as one, and Latin digraphs that stand for two
    Arabic consonants, still match at the default threshold."""
    assert compare_names(latin, arabic).score >= DEFAULT_THRESHOLD


def test_a_digraph_final_h_stays_a_consonant() -> None:
    """Yazdikhah ends in خواه: kh is a consonant, so the Latin word is not یزدی alone."""
    keys = normalize_name("YAZDIKHAH").tokens[0].consonant_keys
    assert "yzdh" in keys and "yzd" not in keys


def test_a_semivowel_opening_a_name_after_an_inner_article_is_a_consonant() -> None:
    # أبواليزيد runs Abou, el and Yazid together: its ي is Yazid's y, not a long vowel, as
    # the key Abou + el + Yazid written end to end has it
    (token,) = normalize_name("أبواليزيد").tokens
    assert "blyzd" in token.consonant_keys
