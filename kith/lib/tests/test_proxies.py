import pytest

from kith.lib.env import EnvironmentError_
from kith.lib.proxies import client_address, env_networks, is_trusted_proxy, parse_address

PROXIES = ["10.0.0.0/8", "192.0.2.1"]


class EnvNetworksTests:
    def test_it_reads_addresses_and_networks(self):
        raw = " 10.0.0.0/8, 192.0.2.1 ,2001:db8::/32"
        assert env_networks("PROXIES", {"PROXIES": raw}) == [
            "10.0.0.0/8",
            "192.0.2.1/32",
            "2001:db8::/32",
        ]

    @pytest.mark.parametrize("environ", [{}, {"PROXIES": ""}, {"PROXIES": " "}])
    def test_unset_or_blank_trusts_nobody(self, environ):
        assert env_networks("PROXIES", environ) == []

    @pytest.mark.parametrize("raw", ["10.0.0.0/33", "proxy.example", "10.0.0", "*"])
    def test_it_refuses_anything_else_naming_the_variable(self, raw):
        with pytest.raises(EnvironmentError_, match="PROXIES must be IP addresses or networks"):
            env_networks("PROXIES", {"PROXIES": f"10.0.0.1,{raw}"})


class ParseAddressTests:
    @pytest.mark.parametrize(
        ("text", "address"),
        [
            ("192.0.2.7", "192.0.2.7"),
            (" 192.0.2.7 ", "192.0.2.7"),
            ("192.0.2.7:51234", "192.0.2.7"),
            ("2001:db8::7", "2001:db8::7"),
            ("[2001:db8::7]:443", "2001:db8::7"),
            ("::ffff:192.0.2.7", "192.0.2.7"),
        ],
    )
    def test_it_reads_an_address_as_proxies_write_it(self, text, address):
        assert str(parse_address(text)) == address

    @pytest.mark.parametrize("text", [None, "", "unknown", "192.0.2", "<script>", "1.2.3.4.5"])
    def test_anything_else_is_not_an_address(self, text):
        assert parse_address(text) is None


class ClientAddressTests:
    def test_without_trusted_proxies_it_is_the_connecting_address(self):
        assert client_address("203.0.113.5", "198.51.100.1", []) == "203.0.113.5"

    def test_a_forwarded_for_from_an_untrusted_client_is_ignored(self):
        assert client_address("203.0.113.5", "10.0.0.9, 198.51.100.1", PROXIES) == "203.0.113.5"

    def test_from_a_trusted_proxy_it_is_the_address_the_proxy_heard_from(self):
        assert client_address("10.0.0.2", "203.0.113.5", PROXIES) == "203.0.113.5"

    def test_through_a_chain_of_proxies_it_is_the_right_most_address_not_ours(self):
        assert client_address("10.0.0.2", "203.0.113.5, 192.0.2.1, 10.1.2.3", PROXIES) == (
            "203.0.113.5"
        )

    def test_what_the_client_wrote_to_the_left_is_not_believed(self):
        # The browser sent "X-Forwarded-For: 198.51.100.1"; our proxy added where it came from.
        assert client_address("10.0.0.2", "198.51.100.1, 203.0.113.5", PROXIES) == "203.0.113.5"

    def test_a_client_pretending_to_be_one_of_our_proxies_is_not_let_through(self):
        # Our proxy heard from 203.0.113.5, which wrote 10.0.0.7 to look like one of ours.
        forwarded = "198.51.100.1, 10.0.0.7, 203.0.113.5"
        assert client_address("10.0.0.2", forwarded, PROXIES) == "203.0.113.5"

    @pytest.mark.parametrize(
        ("forwarded", "furthest"),
        [
            (None, "10.0.0.2"),
            ("", "10.0.0.2"),
            (" , ", "10.0.0.2"),
            ("unknown", "10.0.0.2"),
            ("203.0.113.5, garbage, 10.0.0.3", "10.0.0.3"),
            ("10.0.0.4, 10.0.0.3", "10.0.0.4"),
        ],
    )
    def test_when_the_chain_breaks_or_ends_it_is_the_furthest_address_we_can_vouch_for(
        self, forwarded, furthest
    ):
        assert client_address("10.0.0.2", forwarded, PROXIES) == furthest

    def test_garbage_to_the_left_of_the_client_does_not_matter(self):
        assert client_address("10.0.0.2", "not-an-address, 203.0.113.5", PROXIES) == "203.0.113.5"

    def test_a_forwarded_address_with_a_port_is_read_without_it(self):
        assert client_address("10.0.0.2", "203.0.113.5:51234", PROXIES) == "203.0.113.5"

    @pytest.mark.parametrize("remote", [None, "", "not-an-address"])
    def test_no_connecting_address_means_none(self, remote):
        assert client_address(remote, "203.0.113.5", PROXIES) is None


class IsTrustedProxyTests:
    @pytest.mark.parametrize(
        ("remote", "trusted"),
        [("10.200.0.1", True), ("192.0.2.1", True), ("192.0.2.2", False), (None, False)],
    )
    def test_it_is_trusted_only_when_in_the_list(self, remote, trusted):
        assert is_trusted_proxy(remote, PROXIES) is trusted

    def test_an_ipv6_written_ipv4_proxy_is_trusted(self):
        assert is_trusted_proxy("::ffff:10.0.0.2", PROXIES)
