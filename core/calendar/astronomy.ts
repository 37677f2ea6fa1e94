/**
 * The two astronomical quantities the Vietnamese lunisolar calendar is built from:
 * the instants of new moons and the sun's ecliptic longitude. The formulas are the
 * truncated series from Jean Meeus, "Astronomical Algorithms" (1998), exactly as
 * Hồ Ngọc Đức uses them in his published Vietnamese calendar algorithm
 * ("Thuật toán tính âm lịch"). Keeping the same truncation matters: the calendar
 * is defined by which local day a new moon falls on, and a more precise series
 * could move a new moon near midnight to the other day and disagree with every
 * Vietnamese calendar printed from this algorithm. Accurate for 1800–2199.
 */

const DEG = Math.PI / 180;

/** Mean synodic month in days. */
export const SYNODIC_MONTH = 29.530588853;
/** Julian day (UT) of the new moon of 1900-01-01, the origin of new moon number k. */
export const NEW_MOON_EPOCH = 2415021.076998695;

/** Julian day (UT, fractional) of the k-th new moon after 1900-01-01 (Meeus ch. 49, truncated). */
export function newMoonJulianDay(k: number): number {
  const T = k / 1236.85; // Julian centuries from 1900-01-01 12:00
  const T2 = T * T;
  const T3 = T2 * T;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  const c1 =
    (0.1734 - 0.000393 * T) * Math.sin(M * DEG) +
    0.0021 * Math.sin(2 * M * DEG) -
    0.4068 * Math.sin(Mpr * DEG) +
    0.0161 * Math.sin(2 * Mpr * DEG) -
    0.0004 * Math.sin(3 * Mpr * DEG) +
    0.0104 * Math.sin(2 * F * DEG) -
    0.0051 * Math.sin((M + Mpr) * DEG) -
    0.0074 * Math.sin((M - Mpr) * DEG) +
    0.0004 * Math.sin((2 * F + M) * DEG) -
    0.0004 * Math.sin((2 * F - M) * DEG) -
    0.0006 * Math.sin((2 * F + Mpr) * DEG) +
    0.001 * Math.sin((2 * F - Mpr) * DEG) +
    0.0005 * Math.sin((2 * Mpr + M) * DEG);
  // ΔT (TT − UT) in days: the series above is in dynamical time.
  const deltaT = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd + c1 - deltaT;
}

/** The sun's apparent ecliptic longitude in radians, 0 ≤ L < 2π, at Julian day `jd` (Meeus ch. 25, truncated). */
export function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525; // Julian centuries from J2000.0
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DEG * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(DEG * 2 * M) + 0.00029 * Math.sin(DEG * 3 * M);
  const L = (L0 + DL) * DEG;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/** The local day (JDN) on which the k-th new moon falls, in a zone `utcOffsetHours` ahead of UTC. */
export function newMoonDay(k: number, utcOffsetHours: number): number {
  return Math.floor(newMoonJulianDay(k) + 0.5 + utcOffsetHours / 24);
}

/**
 * Which of the 12 thirty-degree sectors (0–11) the sun is in at the start of local day `jdn`.
 * Sector boundaries are the major solar terms (trung khí); a lunar month containing none
 * is the leap month, and the month containing the winter solstice (sector 9) is month 11.
 */
export function sunSectorAtDayStart(jdn: number, utcOffsetHours: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - utcOffsetHours / 24) / Math.PI) * 6);
}
