"""The client's address behind a known number of reverse proxies."""

import ipaddress


def client_address(remote_addr: str | None, forwarded_for: str | None, proxy_count: int) -> str | None:
    """The address of the client that sent a request through `proxy_count` trusted proxies.

    Every trusted proxy appends the address it received the request from to
    X-Forwarded-For, and the last one is `remote_addr`. So the client is the
    `proxy_count`-th entry from the right; whatever stands further left came from the
    client itself and is never read. With no proxy, or a header shorter than the chain
    (the request did not come through it), or an entry that is not an address, the
    answer is `remote_addr`.
    """
    if proxy_count <= 0 or not forwarded_for:
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",")]
    if len(hops) < proxy_count:
        return remote_addr
    candidate = hops[-proxy_count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
