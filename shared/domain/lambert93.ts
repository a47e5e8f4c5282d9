/**
 * Lambert-93 (EPSG:2154, the projection FINESS gives metropolitan coordinates in) to WGS84
 * longitude/latitude: the inverse of the Lambert conformal conic on GRS80 (IGN note NTG_71).
 */
const E = 0.0818191910428158;
const N = 0.725607765053267;
const C = 11754255.426096;
const XS = 700000;
const YS = 12655612.049876;
const LON0 = (3 * Math.PI) / 180;

export function lambert93ToWgs84(x: number, y: number): { lon: number; lat: number } {
  const dx = x - XS;
  const dy = y - YS;
  const r = Math.hypot(dx, dy);
  const gamma = Math.atan(dx / -dy);
  const lon = LON0 + gamma / N;
  const latIso = -Math.log(Math.abs(r / C)) / N;
  let phi = 2 * Math.atan(Math.exp(latIso)) - Math.PI / 2;
  for (let i = 0; i < 10; i += 1) {
    const s = E * Math.sin(phi);
    const next = 2 * Math.atan(((1 + s) / (1 - s)) ** (E / 2) * Math.exp(latIso)) - Math.PI / 2;
    if (Math.abs(next - phi) < 1e-12) {
      phi = next;
      break;
    }
    phi = next;
  }
  return { lon: (lon * 180) / Math.PI, lat: (phi * 180) / Math.PI };
}

/** Great-circle distance in metres (haversine on a 6,371 km sphere: ample for "nearest first"). */
export function distanceMetres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** WGS84 → Lambert-93, the forward projection (to build FINESS-like test data and to check the inverse). */
export function wgs84ToLambert93(lon: number, lat: number): { x: number; y: number } {
  const phi = (lat * Math.PI) / 180;
  const s = E * Math.sin(phi);
  const latIso = Math.log(Math.tan(Math.PI / 4 + phi / 2) * ((1 - s) / (1 + s)) ** (E / 2));
  const r = C * Math.exp(-N * latIso);
  const gamma = N * ((lon * Math.PI) / 180 - LON0);
  return { x: XS + r * Math.sin(gamma), y: YS - r * Math.cos(gamma) };
}
