class ActionError(Exception):
    """A write was refused for a reason the person can act on. Views show the message and
    change nothing; actions raise it inside their transaction so it rolls back."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
