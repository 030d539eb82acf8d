"""Who may talk to the preview, and the addresses it prints.

Owns the host-name check that keeps a loopback-only preview safe from DNS rebinding
(`HostCheck`), the warning printed when other machines can reach it, and the address of the URL
printed and opened in the browser.
"""

from __future__ import annotations

import ipaddress


def ip_of(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address `address` spells (brackets and a zone allowed), or None for a host name."""
    try:
        return ipaddress.ip_address(address.strip("[]").split("%")[0])
    except ValueError:
        return None


class HostCheck:
    """When the server listens on loopback only, it answers only to loopback host names.

    Otherwise a web page could point a host name of its own at 127.0.0.1 (DNS rebinding) and read
    an unpublished story from the preview.
    """

    def __init__(self, listen_host: str, addresses: list[str]):
        ips = [ip_of(a) for a in addresses]
        self.open = not ips or any(ip is None or not ip.is_loopback for ip in ips)
        self.names = {"localhost", listen_host.strip("[]").lower()}

    def allows(self, host_name: str) -> bool:
        if self.open:
            return True
        name = host_name.strip("[]").lower()
        ip = ip_of(name)
        return (ip is not None and ip.is_loopback) or name in self.names or name.endswith(".localhost")


def browsable(host: str, address: str) -> str:
    """The host to put in the printed URL for a server listening on `host` (bound to `address`)."""
    ip = ip_of(address)
    if ip is not None and ip.is_unspecified:
        return "[::1]" if ip.version == 6 else "127.0.0.1"
    host_ip = ip_of(host)
    if host_ip is not None and host_ip.version == 6:
        return f"[{host.strip('[]')}]"
    return host


def exposure_warning(addresses: list[str]) -> str | None:
    """A warning when the server can be reached from other machines, or None."""
    ips = [ip_of(a) for a in addresses]
    if any(ip is not None and ip.is_unspecified for ip in ips):
        return ("warning: serving on all network interfaces: anyone who can reach this machine "
                "can read the preview (use --host 127.0.0.1 to keep it local)")
    exposed = [a for a, ip in zip(addresses, ips, strict=True) if ip is None or not ip.is_loopback]
    if exposed:
        return f"warning: serving on {', '.join(exposed)}, which other machines can reach"
    return None
