"""Accounts: users, the structure tree, roles and the one permission mechanism (roles.py)."""
