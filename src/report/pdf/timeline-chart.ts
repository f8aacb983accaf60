import type { Content } from 'pdfmake/interfaces.js';
import type { Report } from '../../model/index.js';
import type { ZonedTime } from '../format/index.js';
import { SECTION_IDS, type PdfContext } from './context.js';
import { activityMoments } from './activity.js';
import { heading, keepWithNext, paragraphs } from './layout.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_BINS = 120;
const MAX_LANES = 14;

const WIDTH = 515;
const LABEL_WIDTH = 104;
/** Room between the mailbox names and the plot for each lane's count axis. */
const AXIS_WIDTH = 18;
const PLOT_X = LABEL_WIDTH + AXIS_WIDTH;
const PLOT_WIDTH = WIDTH - PLOT_X - 4;
const LANE_HEIGHT = 40;
const TOP = 14;
const CONFIRMED = '#9b1c1c';
const PRESUMED = '#f0a35e';
const THROTTLED = '#9e9e9e';
const FORWARDED = '#4a148c';
const ACTIVITY = '#111111';

interface Bins {
  /** Wall-clock start of the first bin (ms) and bin length (ms). */
  start: number;
  size: number;
  count: number;
  hourly: boolean;
}

/** Hours for an attack of up to three days, days beyond, wider bins for a long window. */
function chooseBins(wallTimes: number[]): Bins {
  // A loop, not a spread of the times into Math.min: 130,000 of them overflow the stack.
  let first = Infinity;
  let last = -Infinity;
  for (const time of wallTimes) {
    first = Math.min(first, time);
    last = Math.max(last, time);
  }
  const hourly = last - first <= 3 * DAY;
  const unit = hourly ? HOUR : DAY;
  const start = Math.floor(first / unit) * unit;
  const units = Math.floor((last - start) / unit) + 1;
  const perBin = Math.ceil(units / MAX_BINS);
  return { start, size: unit * perBin, count: Math.ceil(units / perBin), hourly };
}

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function shorten(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

interface Lane {
  mailbox: string;
  /** Forwarded out: drawn under the confirmed bar, in its own colour. */
  forwarded: number[];
  confirmed: number[];
  presumed: number[];
  throttled: { from: number; to: number }[];
  /** Positions (in bins) of the attacker's other activity: rules, sending, searches, deletions. */
  activity: number[];
}

function lanes(report: Report, zoned: ZonedTime, bins: Bins): Lane[] {
  const byMailbox = new Map<string, Lane>();
  const lane = (mailbox: string): Lane => {
    let found = byMailbox.get(mailbox);
    if (found === undefined) {
      found = {
        mailbox,
        forwarded: new Array<number>(bins.count).fill(0),
        confirmed: new Array<number>(bins.count).fill(0),
        presumed: new Array<number>(bins.count).fill(0),
        throttled: [],
        activity: [],
      };
      byMailbox.set(mailbox, found);
    }
    return found;
  };
  const binOf = (iso: string): number =>
    Math.floor((zoned.wallClock(iso).getTime() - bins.start) / bins.size);
  for (const message of report.messages) {
    const counts =
      message.exposure === 'forwarded'
        ? lane(message.mailbox).forwarded
        : message.exposure === 'confirmed'
          ? lane(message.mailbox).confirmed
          : lane(message.mailbox).presumed;
    const bin = binOf(message.firstAccess);
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  for (const window of report.throttledWindows) {
    const position = (iso: string): number =>
      (zoned.wallClock(iso).getTime() - bins.start) / bins.size;
    lane(window.mailbox).throttled.push({ from: position(window.start), to: position(window.end) });
  }
  for (const moment of activityMoments(report)) {
    lane(moment.mailbox).activity.push(
      (zoned.wallClock(moment.at).getTime() - bins.start) / bins.size,
    );
  }
  const total = (item: Lane): number =>
    [...item.forwarded, ...item.confirmed, ...item.presumed].reduce(
      (sum, value) => sum + value,
      item.activity.length,
    );
  return [...byMailbox.values()]
    .sort((a, b) => total(b) - total(a) || (a.mailbox < b.mailbox ? -1 : 1))
    .slice(0, MAX_LANES)
    .sort((a, b) => (a.mailbox < b.mailbox ? -1 : 1));
}

/** The chart as SVG: one lane per mailbox, stacked bars per bin, throttled windows shaded. */
export interface ChartLabels {
  forwarded: string;
  activity: string;
  confirmed: string;
  presumed: string;
  throttled: string;
  /** What the vertical axes count. */
  axis: string;
}

/** The counts marked on a lane's vertical axis: 0, the peak, and its half when whole. */
function axisTicks(peak: number): number[] {
  return peak >= 4 && peak % 2 === 0 ? [0, peak / 2, peak] : [0, peak];
}

export function timelineSvg(
  report: Report,
  zoned: ZonedTime,
  labels: ChartLabels,
): {
  svg: string;
  hourly: boolean;
} | null {
  const times = [
    ...report.messages.map((message) => message.firstAccess),
    ...report.throttledWindows.flatMap((window) => [window.start, window.end]),
    ...activityMoments(report).map((moment) => moment.at),
  ].map((iso) => zoned.wallClock(iso).getTime());
  if (times.length === 0) return null;
  const bins = chooseBins(times);
  const rows = lanes(report, zoned, bins);
  let peak = 1;
  for (const row of rows) {
    row.confirmed.forEach((value, bin) => {
      peak = Math.max(peak, value + (row.presumed[bin] ?? 0) + (row.forwarded[bin] ?? 0));
    });
  }
  const binWidth = PLOT_WIDTH / bins.count;
  const barWidth = binWidth > 3 ? binWidth * 0.8 : binWidth;
  const x = (position: number): number =>
    PLOT_X + Math.max(0, Math.min(bins.count, position)) * binWidth;
  const height = TOP + rows.length * LANE_HEIGHT + 74;
  const parts: string[] = [];
  const text = (px: number, py: number, value: string, anchor = 'start'): void => {
    parts.push(
      `<text x="${px.toFixed(1)}" y="${py.toFixed(1)}" font-family="Roboto" font-size="7" text-anchor="${anchor}">${escapeXml(value)}</text>`,
    );
  };
  text(PLOT_X - 2, 8, labels.axis, 'end');
  rows.forEach((row, index) => {
    const base = TOP + (index + 1) * LANE_HEIGHT - 4;
    const scale = (LANE_HEIGHT - 10) / peak;
    // Each lane's count axis, on the same scale for all: bars compare across mailboxes.
    parts.push(
      `<line x1="${PLOT_X}" y1="${base}" x2="${PLOT_X}" y2="${(base - peak * scale).toFixed(1)}" stroke="#777777" stroke-width="0.5"/>`,
    );
    for (const tick of axisTicks(peak)) {
      const ty = base - tick * scale;
      parts.push(
        `<line x1="${PLOT_X - 2}" y1="${ty.toFixed(1)}" x2="${PLOT_X}" y2="${ty.toFixed(1)}" stroke="#777777" stroke-width="0.5"/>`,
        `<text x="${(PLOT_X - 3).toFixed(1)}" y="${(ty + 2).toFixed(1)}" font-family="Roboto" font-size="5.5" text-anchor="end">${tick}</text>`,
      );
    }
    for (const band of row.throttled) {
      parts.push(
        `<rect x="${x(band.from).toFixed(1)}" y="${(base - LANE_HEIGHT + 6).toFixed(1)}" width="${Math.max(1, x(band.to) - x(band.from)).toFixed(1)}" height="${(LANE_HEIGHT - 6).toFixed(1)}" fill="${THROTTLED}" fill-opacity="0.3"/>`,
      );
    }
    row.confirmed.forEach((confirmed, bin) => {
      const left = (PLOT_X + bin * binWidth).toFixed(1);
      // Stacked from the axis up: forwarded, confirmed, presumed.
      let stacked = 0;
      for (const [value, color] of [
        [row.forwarded[bin] ?? 0, FORWARDED],
        [confirmed, CONFIRMED],
        [row.presumed[bin] ?? 0, PRESUMED],
      ] as const) {
        if (value <= 0) continue;
        stacked += value;
        parts.push(
          `<rect x="${left}" y="${(base - stacked * scale).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(value * scale).toFixed(1)}" fill="${color}"/>`,
        );
      }
    });
    for (const position of row.activity) {
      const cx = x(position);
      const cy = base - LANE_HEIGHT + 9;
      parts.push(
        `<path d="M${cx.toFixed(1)} ${(cy - 3.5).toFixed(1)} L${(cx + 3.5).toFixed(1)} ${cy.toFixed(1)} L${cx.toFixed(1)} ${(cy + 3.5).toFixed(1)} L${(cx - 3.5).toFixed(1)} ${cy.toFixed(1)} Z" fill="${ACTIVITY}"/>`,
      );
    }
    parts.push(
      `<line x1="${PLOT_X}" y1="${base}" x2="${PLOT_X + PLOT_WIDTH}" y2="${base}" stroke="#777777" stroke-width="0.5"/>`,
    );
    text(LABEL_WIDTH, base - 3, shorten(row.mailbox, 27), 'end');
  });
  const axis = TOP + rows.length * LANE_HEIGHT + 8;
  // Evenly spaced ticks, about six: every `step`-th bin from the first.
  const step = Math.max(1, Math.ceil(bins.count / 6));
  for (let bin = 0; bin < bins.count; bin += step) {
    const label = zoned.axisLabel(new Date(bins.start + bin * bins.size), bins.hourly);
    const px = PLOT_X + (bin + 0.5) * binWidth;
    parts.push(
      `<line x1="${px.toFixed(1)}" y1="${axis - 8}" x2="${px.toFixed(1)}" y2="${axis - 5}" stroke="#777777" stroke-width="0.5"/>`,
    );
    text(px, axis + 2, label, 'middle');
  }
  const legendY = axis + 18;
  const swatch = (px: number, color: string, opacity: string, label: string): void => {
    parts.push(
      `<rect x="${px}" y="${legendY - 7}" width="9" height="9" fill="${color}" fill-opacity="${opacity}"/>`,
    );
    text(px + 13, legendY, label);
  };
  swatch(PLOT_X, CONFIRMED, '1', labels.confirmed);
  swatch(PLOT_X + 130, PRESUMED, '1', labels.presumed);
  swatch(PLOT_X + 260, THROTTLED, '0.3', labels.throttled);
  // What this report adds beyond reads, a line each: the activity's label runs long in Dutch
  // and German, and beside another entry it ran off the drawing.
  const second = legendY + 14;
  const third = second + 14;
  parts.push(
    `<rect x="${PLOT_X}" y="${second - 7}" width="9" height="9" fill="${FORWARDED}"/>`,
    `<path d="M${PLOT_X + 4.5} ${third - 7} L${PLOT_X + 9} ${third - 2.5} L${PLOT_X + 4.5} ${third + 2} L${PLOT_X} ${third - 2.5} Z" fill="${ACTIVITY}"/>`,
  );
  text(PLOT_X + 13, second, labels.forwarded);
  text(PLOT_X + 13, third, labels.activity);
  return {
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">${parts.join('')}</svg>`,
    hourly: bins.hourly,
  };
}

export function timelineSection({ report, text }: PdfContext): Content[] {
  const chart = timelineSvg(report, text.zoned, {
    forwarded: text.label('exposure.forwarded'),
    activity: text.label('timelineActivity'),
    confirmed: text.label('exposure.confirmed'),
    presumed: text.label('exposure.presumed'),
    throttled: text.label('throttledWindow'),
    axis: text.label('chartAxis'),
  });
  const title = heading(text.label('section.timeline'), SECTION_IDS.timeline);
  if (chart === null) return [title, { text: text.label('noAccess'), style: 'paragraph' }];
  // The chart's heading, explanation and drawing stay on one page.
  return keepWithNext(title, [
    {
      stack: [
        ...paragraphs(
          text.prose('timeline', {
            unit: text.label(chart.hourly ? 'unit.hour' : 'unit.day'),
            timeZone: report.case.timezone,
          }),
        ),
        { svg: chart.svg, width: WIDTH },
      ],
    },
  ]);
}
