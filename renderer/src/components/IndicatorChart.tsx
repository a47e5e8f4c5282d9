import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { useUiStore } from '../stores/uiStore';

export interface ChartSeries {
  label: string;
  values: number[];
  /** A theme colour variable (--accent, --ok…): the chart follows the theme. */
  colour: string;
  bars?: boolean;
}

/**
 * One chart of the indicator screen, drawn by uPlot (canvas, ~50 KB, draws a year of hours in a
 * few ms). Decorative for assistive technology: every number it shows is also in the tables
 * below it. Colours come from the theme's variables, read again when the theme changes.
 * Loaded on first use: the ARM's screens never pay for it (and uPlot reads matchMedia at load).
 */
const loadUplot = () => Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([m]) => m.default);

export function IndicatorChart({ title, labels, series, height = 180 }: { title: string; labels: string[]; series: ChartSeries[]; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useUiStore((s) => s.theme);
  useEffect(() => {
    let chart: uPlot | null = null;
    let cancelled = false;
    void loadUplot().then((UPlot) => {
      const el = host.current;
      if (cancelled || !el) return;
      chart = draw(UPlot, el);
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [labels, series, height, theme]);
  const draw = (UPlot: typeof uPlot, el: HTMLDivElement): uPlot => {
    const css = getComputedStyle(el);
    const colour = (name: string) => css.getPropertyValue(name).trim() || '#888';
    const text = colour('--text');
    const grid = colour('--border');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const bars = UPlot.paths.bars?.({ size: [0.7, 40] });
    const options: uPlot.Options = {
      width: Math.max(280, el.clientWidth || 600),
      height,
      legend: { show: true },
      cursor: { show: false },
      scales: { x: { time: false } },
      axes: [{ ...axis, values: (_u, splits) => splits.map((i) => labels[Math.round(i)] ?? '') }, axis],
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: colour(s.colour), fill: s.bars ? colour(s.colour) : undefined, width: 2, ...(s.bars && bars ? { paths: bars, points: { show: false } } : {}) }))],
    };
    const data: uPlot.AlignedData = [labels.map((_l, i) => i), ...series.map((s) => s.values)];
    return new UPlot(options, data, el);
  };
  return (
    <figure className="indicator-chart" aria-hidden="true">
      <figcaption>{title}</figcaption>
      <div ref={host} />
    </figure>
  );
}
