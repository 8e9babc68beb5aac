import pytest

from portal.lib.forwarded import client_address

PROXY = "172.18.0.5"


@pytest.mark.parametrize(
    ("forwarded_for", "proxy_count", "expected"),
    [
        # No proxy: the header is the client's own writing and is never read.
        ("198.51.100.7", 0, PROXY),
        (None, 0, PROXY),
        # One proxy appended the address it saw.
        ("203.0.113.9", 1, "203.0.113.9"),
        ("1.2.3.4, 203.0.113.9", 1, "203.0.113.9"),
        ("1.2.3.4,203.0.113.9", 1, "203.0.113.9"),
        # Two proxies: the outer one appended the client, the inner one the outer proxy.
        ("1.2.3.4, 203.0.113.9, 10.0.0.2", 2, "203.0.113.9"),
        ("2001:db8::1", 1, "2001:db8::1"),
        # Not through the whole chain, or not an address: the connection's own address.
        (None, 1, PROXY),
        ("", 1, PROXY),
        ("203.0.113.9", 2, PROXY),
        ("unknown", 1, PROXY),
        ("1.2.3.4, 203.0.113.9:443", 1, PROXY),
    ],
)
def test_the_client_is_read_from_the_right_through_the_trusted_proxies(forwarded_for, proxy_count, expected):
    assert client_address(PROXY, forwarded_for, proxy_count) == expected
