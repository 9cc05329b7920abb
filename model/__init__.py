"""Arabic conflict-report information extraction: entities, event triggers, relations and event records.

Kept light: importing `model` loads neither torch nor transformers; `Extractor` is imported on first use.
"""
__version__ = "0.1.0"
__all__ = ["Extractor"]


def __getattr__(name):
    if name == "Extractor":
        from .extractor import Extractor

        return Extractor
    raise AttributeError(name)
