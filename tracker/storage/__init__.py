"""Storage: SQLModel tables behind open_store(url); rows never leave this package."""
