"""The demo accounts of demo/content/accounts.yaml by role, for tests that log in as them."""

from .loader import demo_account

LEARNER = demo_account("learner")
MANAGER = demo_account("manager")
TRAINER = demo_account("trainer")
ADMIN = demo_account("admin")
