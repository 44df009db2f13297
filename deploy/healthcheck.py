"""The container's health check: GET /health/ on this container's gunicorn, exit 0 on 200.

Sent with the first allowed host name (Django refuses others) and as the proxy would send
it, so that the HTTPS redirect does not answer instead of the check.
"""

import os
import sys
import urllib.error
import urllib.request

host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".")
request = urllib.request.Request(
    f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/health/?format=text",
    headers={"Host": host, "X-Forwarded-Proto": "https"},
)
try:
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        sys.exit(0 if response.status == 200 else 1)
except (urllib.error.URLError, OSError) as error:
    print(error, file=sys.stderr)
    sys.exit(1)
