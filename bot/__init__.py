"""peer-practice: a practice partner for trainee peer-support specialists."""

__version__ = "0.1.0"
