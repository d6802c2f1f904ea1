"""Sub-commands of the ``newstrace`` CLI; each module has ``register(subparsers)``."""
