// Verifies a Seamless webhook with the Standard Webhooks library for Node (npm package "standardwebhooks").
//   npm install standardwebhooks
//   node verify-node.mjs captured-webhook.json
// captured-webhook.json: {"secret": "whsec_...", "headers": {"webhook-id": ..., "webhook-timestamp": ...,
// "webhook-signature": ...}, "body": "<the raw body, exactly as received>"}
// In a receiver, call wh.verify(rawBody, req.headers) on the raw bytes before parsing them as JSON.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const captured = JSON.parse(readFileSync(process.argv[2], "utf8"));
const wh = new Webhook(captured.secret); // whsec_<base64>: the secret Seamless gave you
try {
  const payload = wh.verify(captured.body, captured.headers); // throws unless a v1 signature matches and the
  console.log("verified", captured.headers["webhook-id"], Object.keys(payload)); // timestamp is within 5 minutes
} catch (e) {
  console.error("refused:", e.message);
  process.exit(1);
}
