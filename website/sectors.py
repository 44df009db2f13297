"""The sectors a new installation starts with: slug, Dutch name, order."""

DEFAULT_SECTORS = [
    ("onderwijs", "Onderwijs", 1),
    ("taxi", "Taxi en vervoer", 2),
    ("jeugd-en-wijkteams", "Jeugdzorg en wijkteams", 3),
    ("hotel-en-horeca", "Hotel en horeca", 4),
    ("politie", "Politie in de wijk", 5),
]
