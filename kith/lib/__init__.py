"""Small framework-light helpers used by every app. They import nothing from Kith's apps."""
