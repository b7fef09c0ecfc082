import { markup, type SafeHtml } from "./html.js";
import type { Lang } from "./i18n.js";

/**
 * A small schematic map drawn from the KB's coordinates: every hall as a dot, this one marked.
 * Nothing is fetched to render it; the link opens OpenStreetMap for directions.
 */

export interface MapPoint {
  code: string;
  lat: number;
  lng: number;
}

const W = 320;
const H = 180;
const PAD = 24;

export const hallMap = (here: MapPoint & { name: string }, all: MapPoint[], lang: Lang): SafeHtml => {
  const pts = all.length ? all : [here];
  const lats = pts.map((p) => p.lat);
  const lngs = pts.map((p) => p.lng);
  const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  // Keep the aspect of the ground (a degree of longitude shrinks with latitude).
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * kx, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const scale = Math.min((W - 2 * PAD) / spanX, (H - 2 * PAD) / spanY);
  const x = (p: MapPoint) => (W / 2 + (p.lng - (minLng + maxLng) / 2) * kx * scale).toFixed(1);
  const y = (p: MapPoint) => (H / 2 - (p.lat - (minLat + maxLat) / 2) * scale).toFixed(1);
  const label =
    lang === "zh"
      ? `示意图：${here.name}在全市办事大厅中的位置`
      : `Sketch map: where ${here.name} is among the city's service halls`;
  const others = pts
    .filter((p) => p.code !== here.code)
    .map((p) => markup`<circle cx="${x(p)}" cy="${y(p)}" r="4" fill="#9aa7b4"/>`);
  return markup`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">
<title>${label}</title>
${others}
<circle cx="${x(here)}" cy="${y(here)}" r="9" fill="#d0312d" stroke="#fff" stroke-width="3"/>
<text x="${x(here)}" y="${Number(y(here)) - 14}" text-anchor="middle" font-size="12" fill="#1a1a1a">${here.name}</text>
</svg>`;
};

export const osmLink = (p: { lat: number; lng: number }): string =>
  `https://www.openstreetmap.org/?mlat=${p.lat.toFixed(5)}&mlon=${p.lng.toFixed(5)}#map=17/${p.lat.toFixed(5)}/${p.lng.toFixed(5)}`;
