def raw_key(key: str, key_prefix: str, version: int) -> str:
    """Store keys exactly as named (`session:{uuid}`, `oauth:state:{state}`, ...).

    The Redis key names are a contract shared with the old stack and ops scripts (DESIGN.md §5),
    so Django's `:version:` prefixing is turned off.
    """
    return key
