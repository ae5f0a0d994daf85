"""Pure rubric: judges a trainee's message on three dimensions of collaboration.

Imports nothing from telegram, openai, sqlalchemy or bot.
"""

from rubric.model import DIMENSIONS, Assessment, Dimension, Exchange, Judge, Verdict

__all__ = ["DIMENSIONS", "Assessment", "Dimension", "Exchange", "Judge", "Verdict"]
