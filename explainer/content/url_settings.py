"""The two address settings of site.yaml (and of the command line): what `base_url` and
`edit_url` accept, with the message that says why a value is refused.
"""

from __future__ import annotations

# Characters neither address may hold: they would end or escape the URL, or its attribute.
_FORBIDDEN = "?#\\\"<>"


def base_url_problem(value: str) -> str | None:
    """Why `value` cannot be a base URL ("/", "/explainers/cecot/" or "https://host/path/"), or None."""
    if any(c.isspace() for c in value) or any(c in value for c in _FORBIDDEN):
        return f"invalid base URL '{value}': it may not contain spaces, quotes, '?', '#' or backslashes"
    if "://" in value:
        scheme, _, rest = value.partition("://")
        if scheme.lower() not in ("http", "https") or not rest.partition("/")[0]:
            return f"invalid base URL '{value}': use https://host/path/ or a path such as /explainers/cecot/"
        path = "/" + rest.partition("/")[2]
    elif value.startswith("/") and not value.startswith("//"):
        path = value
    else:
        return (
            f"invalid base URL '{value}': start it with / (did you mean '/{value.strip('/')}/'?) "
            "or give a full https:// address"
        )
    if any(part in (".", "..") for part in path.split("/")) or "//" in path:
        return f"invalid base URL '{value}': its path may not contain '.', '..' or '//'"
    return None


def edit_url_problem(value: str) -> str | None:
    """Why `value` cannot be an edit URL (`https://github.com/org/repo/edit/main/`), or None."""
    if any(c.isspace() for c in value) or any(c in value for c in _FORBIDDEN):
        return f"invalid edit URL '{value}': it may not contain spaces, quotes, '?', '#' or backslashes"
    scheme, separator, rest = value.partition("://")
    if not separator or scheme.lower() not in ("http", "https") or not rest.partition("/")[0]:
        return (
            f"invalid edit URL '{value}': give the full https:// address that a file's path from the "
            "site root is added to, such as https://github.com/org/repo/edit/main/"
        )
    return None


def with_slash(url: str) -> str:
    """`url` ending with a slash, so that a path can be added to it."""
    return url if url.endswith("/") else url + "/"
