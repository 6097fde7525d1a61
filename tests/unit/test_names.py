"""Name parts: tokens, roles, titles, legal forms, inflected Cyrillic names."""

from __future__ import annotations

import pytest

from sanctionmatch.errors import EmptyNameError, InputTooLongError
from sanctionmatch.limits import MAX_NAME_LENGTH
from sanctionmatch.normalize import TokenRole, normalize_name


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
