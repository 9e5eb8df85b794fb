import pytest

from kith.lib.env import EnvironmentError_, env_bool, env_int, env_list, env_str


class EnvBoolTests:
    @pytest.mark.parametrize("raw", ["true", "True", " 1 ", "yes", "on"])
    def test_it_reads_true_words(self, raw):
        assert env_bool("DEBUG", False, {"DEBUG": raw}) is True

    @pytest.mark.parametrize("raw", ["false", "FALSE", "0", "no", "off"])
    def test_it_reads_false_words(self, raw):
        assert env_bool("DEBUG", True, {"DEBUG": raw}) is False

    @pytest.mark.parametrize("environ", [{}, {"DEBUG": ""}, {"DEBUG": "  "}])
    def test_it_uses_the_default_when_unset_or_blank(self, environ):
        assert env_bool("DEBUG", True, environ) is True

    @pytest.mark.parametrize("raw", ["ture", "y", "2", "enabled"])
    def test_it_refuses_anything_else_naming_the_variable(self, raw):
        with pytest.raises(EnvironmentError_, match="DEBUG must be true or false"):
            env_bool("DEBUG", False, {"DEBUG": raw})


class EnvIntTests:
    def test_it_reads_a_whole_number(self):
        assert env_int("MINUTES", 30, {"MINUTES": " 45 "}) == 45

    def test_it_uses_the_default_when_unset(self):
        assert env_int("MINUTES", 30, {}) == 30

    def test_it_refuses_words(self):
        with pytest.raises(EnvironmentError_, match="MINUTES must be a whole number"):
            env_int("MINUTES", 30, {"MINUTES": "30m"})

    def test_it_refuses_numbers_below_the_minimum(self):
        assert env_int("MINUTES", 30, {"MINUTES": "1"}, minimum=1) == 1
        with pytest.raises(EnvironmentError_, match="at least 1"):
            env_int("MINUTES", 30, {"MINUTES": "0"}, minimum=1)


def test_it_splits_lists_on_commas_and_drops_blanks():
    assert env_list("HOSTS", ["x"], {"HOSTS": "a.example, b.example,,"}) == [
        "a.example",
        "b.example",
    ]
    assert env_list("HOSTS", ["x"], {}) == ["x"]


def test_it_strips_strings_and_falls_back_when_blank():
    assert env_str("NAME", "d", {"NAME": " Kith "}) == "Kith"
    assert env_str("NAME", "d", {"NAME": " "}) == "d"
