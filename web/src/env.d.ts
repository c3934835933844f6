// Vite bundles CSS imported from modules.
declare module "*.css";

// The map's worker, bundled by Vite with what it imports; its URL is given to MapLibre.
declare module "*?worker&url" {
  const url: string;
  export default url;
}
