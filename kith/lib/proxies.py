"""Which address a request came from when Kith sits behind proxies (a load balancer, the
authority's gateway).

Anyone can send an X-Forwarded-For header, so it is believed only from the proxies named in
KITH_TRUSTED_PROXIES, and only as far back as the chain of trusted proxies goes: each proxy adds
the address it heard from to the right, so the right-most address that is not one of ours is the
one that connected to our first proxy. Anything to its left was written by the client itself.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import cache
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

from kith.lib.env import EnvironmentError_, env_list

Address = IPv4Address | IPv6Address
Network = IPv4Network | IPv6Network


def env_networks(name: str, environ: Mapping[str, str] = os.environ) -> list[str]:
    """A comma-separated list of addresses or networks (192.0.2.10, 10.0.0.0/8, 2001:db8::/32),
    checked at start-up so a typo stops Kith instead of quietly trusting nobody (or everybody)."""
    networks = []
    for item in env_list(name, [], environ):
        try:
            networks.append(str(ip_network(item, strict=False)))
        except ValueError:
            raise EnvironmentError_(
                f"{name} must be IP addresses or networks separated by commas, not {item!r}"
            ) from None
    return networks


@cache
def _networks(items: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ip_network(item, strict=False) for item in items)


def parse_address(text: str | None) -> Address | None:
    """An address as a proxy or server writes it, or None if it is not one. A port some
    proxies add ("192.0.2.7:51234", "[2001:db8::7]:443") is dropped, and an IPv4 address
    written the IPv6 way ("::ffff:192.0.2.7") is read as IPv4, so it matches IPv4 networks."""
    text = (text or "").strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":")[0]
    try:
        address = ip_address(text)
    except ValueError:
        return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: Address | None, trusted: Sequence[str]) -> bool:
    return address is not None and any(address in net for net in _networks(tuple(trusted)))


def client_address(
    remote_addr: str | None, forwarded_for: str | None, trusted: Sequence[str]
) -> str | None:
    """The address of whoever connected to our first trusted proxy: REMOTE_ADDR when it is not
    a trusted proxy; otherwise the right-most address in X-Forwarded-For that is not a trusted
    proxy. If the chain breaks first (a value that is not an address) or holds only trusted
    proxies, the furthest address we could vouch for."""
    current = parse_address(remote_addr)
    if current is None:
        return None
    if _trusted(current, trusted):
        for hop in reversed((forwarded_for or "").split(",")):
            address = parse_address(hop)
            if address is None:
                break
            current = address
            if not _trusted(address, trusted):
                break
    return str(current)


def is_trusted_proxy(remote_addr: str | None, trusted: Sequence[str]) -> bool:
    """Whether the request came straight from one of our proxies (so its X-Forwarded-* headers
    were written by the proxy, not the browser)."""
    return _trusted(parse_address(remote_addr), trusted)
