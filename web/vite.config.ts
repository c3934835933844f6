import { defineConfig } from "vite";

// The dashboard is served by the Situation server itself (webroot web/dist); during development
// `npx vite` proxies the API and the hub to a server on :5080.
export default defineConfig({
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      "/api": "http://localhost:5080",
      "/hubs": { target: "http://localhost:5080", ws: true },
    },
  },
  test: { include: ["test/**/*.test.ts"] },
});
