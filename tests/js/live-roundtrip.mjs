// The subscribe-and-receive round trip with the real JavaScript SignalR client, as the browser
// dashboard does it: subscribe, load the snapshot, report a change over HTTP, and wait for that
// change to arrive with the next version. Prints one JSON line; exits non-zero on any failure.
// Usage: node live-roundtrip.mjs <server url> <site id> <bearer token> [json|messagepack]
import * as signalR from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";

const [server, siteId, token, protocol = "json"] = process.argv.slice(2);
if (!server || !siteId || !token || !["json", "messagepack"].includes(protocol)) {
  console.error("usage: node live-roundtrip.mjs <server url> <site id> <bearer token> [json|messagepack]");
  process.exit(2);
}

const fail = (message) => {
  console.error(message);
  process.exit(1);
};
const bound = setTimeout(() => fail("no change within 30 s"), 30_000);

const received = [];
let resolveArrived;
const arrived = new Promise((resolve) => (resolveArrived = resolve));
let expectedVersion = Infinity;

const builder = new signalR.HubConnectionBuilder()
  .withUrl(`${server}/hubs/situation`, { accessTokenFactory: () => token })
  .configureLogging(signalR.LogLevel.Warning);
const connection = (protocol === "messagepack" ? builder.withHubProtocol(new MessagePackHubProtocol()) : builder).build();
connection.on("changes", (message) => {
  for (const item of message.items) {
    if (item.type === "site" && item.id === siteId) {
      received.push(item);
      if (item.version >= expectedVersion) resolveArrived(item);
    }
  }
});

await connection.start();
const scopes = await connection.invoke("Subscribe", ["province"]);
const snapshot = await (await fetch(`${server}/api/situation`, { headers: { authorization: `Bearer ${token}` } })).json();
const held = snapshot.sites.features.find((f) => f.id === siteId);
if (!held) fail(`site ${siteId} is not in the snapshot`);
expectedVersion = held.properties.version + 1;

const health = held.properties.health === "down" ? "up" : "down";
const response = await fetch(`${server}/api/sites/${siteId}/reports`, {
  method: "POST",
  headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
  body: JSON.stringify({ health, power: "battery", batteryMinutes: 55 }),
});
if (response.status !== 200) fail(`report answered ${response.status}`);

const item = await arrived;
clearTimeout(bound);
await connection.stop();
console.log(JSON.stringify({
  // The protocol the connection really spoke (the client keeps it in a private field).
  protocol: connection._protocol?.name,
  scopes,
  version: item.version,
  expectedVersion,
  health: item.data.health,
  expectedHealth: health,
  locationType: item.data.location.type,
  itemsForSite: received.length,
}));
