"""Per-address flood limits for public forms, counted in the shared cache.

The cache is shared by every web process (CACHE_URL), so the limit holds across the farm.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, ip: str) -> str:
    return f"flood:{scope}:" + hashlib.sha256(ip.encode()).hexdigest()


def over_limit(request: HttpRequest, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count this request against its address; True once the address is over the limit."""
    key = _key(scope, client_ip(request))
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count > limit


def reset(*, scope: str, ip: str) -> None:
    """Forget an address's count (tests; an administrator after a false alarm)."""
    cache.delete(_key(scope, ip))
