import os

import psycopg2

# ruleid: secrets/hardcoded-secret
API_KEY = "3f9d2c81b7e04a6f95c1d8e2a7b4f603"
# ok: secrets/hardcoded-secret
API_KEY_HEADER = "X-Api-Key"
# ok: secrets/hardcoded-secret
DB_PASSWORD = os.environ["DB_PASSWORD"]


def connect():
    # ruleid: secrets/hardcoded-secret
    return psycopg2.connect(host="db.internal", user="reports", password="Zq8!rT4mW2#pLx7v")


settings = {
    # ruleid: secrets/hardcoded-secret
    "client_secret": "hB7kQ2wX9zR4mT6pV1nJ8sL3",
    # ok: secrets/hardcoded-secret
    "client_id": "reports-service",
    # ok: secrets/hardcoded-secret
    "token_endpoint": "https://auth.example.com/oauth/token",
}
