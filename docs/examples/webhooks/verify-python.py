"""Verifies a Seamless webhook with the Standard Webhooks library for Python (package "standardwebhooks").

    pip install standardwebhooks
    python verify-python.py captured-webhook.json

captured-webhook.json as for verify-node.mjs. In a receiver, call wh.verify(raw_body, request.headers) on the
raw bytes before parsing them as JSON.
"""
import json
import sys

from standardwebhooks import Webhook

captured = json.load(open(sys.argv[1], encoding="utf-8"))
wh = Webhook(captured["secret"])  # whsec_<base64>: the secret Seamless gave you
try:
    payload = wh.verify(captured["body"], captured["headers"])  # a v1 signature must match; timestamp within 5 min
    print("verified", captured["headers"]["webhook-id"], sorted(payload))
except Exception as e:  # the library's WebhookVerificationError
    print("refused:", e)
    sys.exit(1)
