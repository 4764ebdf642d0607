"""Briefing: a Pelican plugin that turns news articles about one story into a sourced brief.

Pelican imports this package and calls ``register()``. The import of the
Pelican glue is deferred to that call, so ``import briefing`` (the command
line, the NLP modules, their tests) never loads Pelican.
"""


def register():
    """Connect the plugin's signal handlers (see ``briefing.generator``)."""
    from .generator import register as register_signals

    register_signals()
