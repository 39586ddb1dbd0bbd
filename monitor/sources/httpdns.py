"""Name resolution that travels inside HTTP: DNS over HTTPS and the "HTTPDNS" services of Chinese clouds.

Apps that resolve a host over HTTP (Tencent's 119.29.29.29 `/d?dn=`, Alibaba Cloud's `/ACCOUNT/d?host=`,
Baidu, Volcengine...; or RFC 8484 DoH) then connect to the bare IP, often without SNI or on raw TCP.
Their answers teach the attributor which name an IP stood for, like a DNS answer in the capture.

Only what parses cleanly counts: the asked name must look like a host name and every answer must
be an IP address; encrypted HTTPDNS replies (the paid variants) are ignored.
"""

from __future__ import annotations

import ipaddress
import json
import re
from urllib.parse import parse_qsl, urlsplit

from monitor.lazyre import lazy
from monitor.model import DnsAnswer, HttpExchange

MAX_BODY = 64 * 1024
MAX_ANSWERS = 64
_HOSTNAME = lazy(globals(), "_HOSTNAME", r"^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$")
_NAME_PARAMS = ("dn", "host", "domain", "name", "hostname")
_IP_KEYS = ("ips", "ip", "ipsv6", "ipv6", "ipv4", "addrs", "address", "addresses")
_HOST_KEYS = ("host", "dn", "domain", "name", "hostname")
_URL_CUTS = frozenset("#\t\r\n")
_RESOLVER_PATH = re.compile(r"/(?:d|sign_d|resolve|dns-query|dns|httpdns|multi_dns|v\d+/resolve)(?:$|[/?])", re.I)


def dns_from_http(m: HttpExchange) -> DnsAnswer | None:
    """The resolution an HTTP exchange carried, or None."""
    body = m.response_body[:MAX_BODY]
    if not body or (m.status is not None and m.status != 200):
        return None
    ctype = ""  # the response's Content-Type, read here (a compiled module calls no method of the record for it)
    for k, v in m.response_headers:
        if k.lower() == "content-type":
            ctype = v.lower()
            break
    if "application/dns-message" in ctype:
        return _wire(m, body)
    if "dns" in m.host.lower():
        split = urlsplit(m.path)
    elif not _RESOLVER_PATH.search(m.path) and _URL_CUTS.isdisjoint(m.path):
        # (urlsplit's path is a piece of the target followed there by "?" or its end: no match in the target, none
        # in the path; a "#" or a tab, CR or LF, which urlsplit cuts at or drops, is left to urlsplit)
        return None  # only resolver endpoints: an API that happens to return {"host", "ip"} is not DNS
    else:
        split = urlsplit(m.path)
        if not _RESOLVER_PATH.search(split.path):
            return None
    query = dict(parse_qsl(split.query)[:32])
    asked = [_host(query[p]) for p in _NAME_PARAMS if p in query]
    names = [n for part in asked if part for n in part.split(",") if _HOSTNAME.match(n)]
    text = body.decode("utf-8", "replace").strip()
    if text[:1] in ("{", "["):
        try:
            doc = json.loads(text)
        except (ValueError, RecursionError):
            return None
        return _json(m, doc, names)
    if len(names) == 1:  # Tencent style: "1.2.3.4;5.6.7.8,600" (the TTL after a comma when asked for)
        ips = [_ip(x) for x in text.split(",", 1)[0].split(";")]
        if ips and all(ips):
            return _answer(m, names[0], [ip for ip in ips if ip])
    return None


def _wire(m: HttpExchange, body: bytes) -> DnsAnswer | None:
    from monitor.sources.dns import DnsError, parse_dns

    try:
        is_resp, rcode, qname, qtype, answers = parse_dns(body)
    except DnsError:
        return None
    if not is_resp:
        return None
    return DnsAnswer(ts=m.ts, client=m.client, server=m.server, qname=qname, qtype=qtype, answers=tuple(answers),
                     evidence=m.evidence, transport="tcp", rcode=rcode)


def _json(m: HttpExchange, doc: object, names: list[str]) -> DnsAnswer | None:
    if isinstance(doc, dict) and isinstance(doc.get("Answer"), list):  # JSON DoH (dns-json)
        q = doc.get("Question")
        qname = _host(q[0].get("name")) if isinstance(q, list) and q and isinstance(q[0], dict) else None
        ips = [_ip(a.get("data")) for a in doc["Answer"] if isinstance(a, dict) and a.get("type") in (1, 28)]
        if qname and _HOSTNAME.match(qname):
            return _answer(m, qname, [ip for ip in ips if ip])
        return None
    found: dict[str, list[str]] = {}
    stack: list[tuple[object, str, int]] = [(doc, "", 0)]
    while stack and len(found) < 16:
        node, key, level = stack.pop()
        if level > 6:
            continue
        if isinstance(node, dict):
            host = next((_host(node[k]) for k in _HOST_KEYS if isinstance(node.get(k), str)), None)
            addrs = [ip for k in _IP_KEYS if isinstance(node.get(k), (list, str)) for ip in _ips(node[k])]
            owner = ""
            if host and _HOSTNAME.match(host):
                owner = host
            elif _HOSTNAME.match(key):
                owner = key  # {"data": {"www.example.com": {"ip": [...]}}}
            elif len(names) == 1:
                owner = names[0]
            if addrs and owner:
                found.setdefault(owner, []).extend(addrs)
            for k, v in list(node.items())[:256]:
                if isinstance(v, (dict, list)):
                    stack.append((v, str(k).lower(), level + 1))
        elif isinstance(node, list):
            stack.extend((v, key, level + 1) for v in node[:256] if isinstance(v, (dict, list)))
    if not found:
        return None
    qname = names[0] if names and names[0] in found else next(iter(found))
    return _answer(m, qname, found[qname])


def _ips(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [ip for ip in (_ip(x) for x in items[:MAX_ANSWERS]) if ip]


def _ip(value: object) -> str | None:
    if not isinstance(value, str) or len(value) > 45:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def _host(value: object) -> str | None:
    return value.strip().lower().rstrip(".")[:253] if isinstance(value, str) else None


def _answer(m: HttpExchange, qname: str, ips: list[str]) -> DnsAnswer | None:
    if not ips:
        return None
    answers = tuple((qname, "AAAA" if ":" in ip else "A", ip, 0) for ip in dict.fromkeys(ips[:MAX_ANSWERS]))
    return DnsAnswer(ts=m.ts, client=m.client, server=m.server, qname=qname, qtype="A", answers=answers,
                     evidence=f"{m.evidence} (httpdns)".strip(), transport="tcp")
