// The little of Node.js the unit tests use, declared here: the dashboard's compiler settings leave
// Node's types out (the dashboard runs in the browser), and the tests need only these two.
declare module "node:fs" {
  export function readFileSync(path: string | URL, encoding: "utf8"): string;
}

declare const process: { env: Record<string, string | undefined> };
