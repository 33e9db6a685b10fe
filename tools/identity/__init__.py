"""Tokens of the identity provider (Keycloak, realm `assembly`) for the scripts and the tests.

  keycloak.py  the realm's token and admin endpoints: test users made on demand, the password
               grant, client credentials, an in-process cache
  __main__.py  the command line of ops/token: `ops/token ROLE [SUBJECT [DEPARTMENT]]`

    from identity import token
    bearer = token("member", "5b0f...")            # a member's token (member_id = that id)
    bearer = token("city-service", "ana", "voirie")  # department "voirie", assemblies ["*"]

Standard library only: `PYTHONPATH=tools python3 -m identity ROLE ...` (ops/token does it).
The addresses and the files of the secrets come from the environment or var/stack.env
(KEYCLOAK_URL, KEYCLOAK_REALM, KEYCLOAK_ASSEMBLY_TESTS_SECRET_FILE, KEYCLOAK_TEST_PASSWORD_FILE).
"""

from .keycloak import ROLES, IdentityError, Keycloak, default, service_token, token

__all__ = ["ROLES", "IdentityError", "Keycloak", "default", "service_token", "token"]
