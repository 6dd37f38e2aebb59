"""Built-in rules, one module per family.  Each module is a plugin like any third-party one:
it exposes ``@hookimpl govlint_rules()`` and is listed in :data:`govlint.plugins.BUILTIN_PLUGINS`."""
