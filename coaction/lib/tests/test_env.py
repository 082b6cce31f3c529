import pytest

from coaction.lib.env import EnvError, env_bool, env_int, env_list, env_str

NAME = "COACTION_TEST_SETTING"


@pytest.fixture
def unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NAME, raising=False)


def test_it_reads_a_string(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NAME, " value ")
    assert env_str(NAME) == " value "


def test_it_falls_back_to_the_default_string(unset: None) -> None:
    assert env_str(NAME) == ""
    assert env_str(NAME, "fallback") == "fallback"


def test_it_keeps_an_empty_string_that_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NAME, "")
    assert env_str(NAME, "fallback") == ""


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", "Yes", "on", " on "])
def test_it_reads_true(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(NAME, raw)
    assert env_bool(NAME, False) is True


@pytest.mark.parametrize("raw", ["0", "false", "False", "NO", "off", "", "  "])
def test_it_reads_false(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(NAME, raw)
    assert env_bool(NAME, True) is False


def test_it_uses_the_boolean_default_when_unset(unset: None) -> None:
    assert env_bool(NAME) is False
    assert env_bool(NAME, True) is True


@pytest.mark.parametrize("raw", ["2", "maybe", "enabled", "y"])
def test_it_refuses_an_unclear_boolean(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(EnvError, match=NAME):
        env_bool(NAME)


@pytest.mark.parametrize(("raw", "expected"), [("42", 42), (" 7 ", 7), ("-3", -3), ("0", 0)])
def test_it_reads_a_whole_number(monkeypatch: pytest.MonkeyPatch, raw: str, expected: int) -> None:
    monkeypatch.setenv(NAME, raw)
    assert env_int(NAME, 99) == expected


@pytest.mark.parametrize("raw", ["", "   "])
def test_it_uses_the_number_default_when_blank(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(NAME, raw)
    assert env_int(NAME, 99) == 99


def test_it_uses_the_number_default_when_unset(unset: None) -> None:
    assert env_int(NAME, 99) == 99


@pytest.mark.parametrize("raw", ["1.5", "ten", "1e3", "0x10"])
def test_it_refuses_a_number_that_is_not_whole(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(NAME, raw)
    with pytest.raises(EnvError, match=f"{NAME} must be a whole number"):
        env_int(NAME, 1)


def test_env_error_is_a_value_error() -> None:
    assert issubclass(EnvError, ValueError)


def test_it_splits_a_list_on_commas_and_drops_blanks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NAME, " a.example , b.example,,  ,c.example ")
    assert env_list(NAME) == ["a.example", "b.example", "c.example"]


def test_it_reads_an_empty_list_when_set_but_blank(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NAME, "")
    assert env_list(NAME, ["default"]) == []


def test_it_uses_a_copy_of_the_default_list_when_unset(unset: None) -> None:
    default = ["localhost"]
    result = env_list(NAME, default)
    assert result == ["localhost"]
    result.append("changed")
    assert default == ["localhost"]
    assert env_list(NAME) == []
