"""Small, hot reads written as SQL: for them the ORM takes longer to build the query than the
database takes to answer it. Each has a test that checks it against the ORM's answer."""

from django.db import connection


def fetch_rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
