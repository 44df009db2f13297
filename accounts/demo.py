"""Demo accounts, one per role. Loading them again resets their names and passwords."""

from dataclasses import dataclass

from .models import User
from .services import trainer_group_ensure, user_upsert_verified


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str
    first_name: str
    last_name: str
    is_staff: bool = False
    is_superuser: bool = False


LEARNER = DemoAccount("Learner", "leerling@signaal.test", "leren-met-signaal", "Sanne", "de Vries")
MANAGER = DemoAccount(
    "Organisation manager", "manager@signaal.test", "beheer-met-signaal", "Karim", "El Amrani"
)
TRAINER = DemoAccount(
    "Trainer", "trainer@signaal.test", "schrijf-met-signaal", "Ingrid", "Bakker", is_staff=True
)
ADMIN = DemoAccount(
    "Platform admin",
    "admin@signaal.test",
    "beheer-het-platform",
    "Bram",
    "Jansen",
    is_staff=True,
    is_superuser=True,
)
ACCOUNTS = [LEARNER, MANAGER, TRAINER, ADMIN]


def demo_accounts() -> list[DemoAccount]:
    return ACCOUNTS


def load() -> dict[str, User]:
    users = {
        account.email: user_upsert_verified(
            email=account.email,
            password=account.password,
            first_name=account.first_name,
            last_name=account.last_name,
            is_staff=account.is_staff,
            is_superuser=account.is_superuser,
        )
        for account in ACCOUNTS
    }
    users[TRAINER.email].groups.add(trainer_group_ensure())
    return users
