/** One measured figure of a benchmark, as the runner tabulates it. */
export interface BenchResult {
  metric: string;
  /** The target in words, e.g. "ratio ≥ 0.5" or "report". */
  target: string;
  /** Repolink's median. */
  value: number;
  unit: string;
  /** The baseline's median, when the metric compares against one. */
  baseline?: number;
  /** value / baseline (or whatever ratio the target names). */
  ratio?: number;
  /** Whether the target is met; null when the figure is only reported. */
  met: boolean | null;
  /** Every run's value, in run order. */
  runs: number[];
  min: number;
  max: number;
  notes?: string;
}

/** What every `bench/*.bench.ts` module exports. */
export interface BenchModule {
  run(options: BenchOptions): Promise<BenchResult[]>;
}

/** Options the runner passes to each bench. */
export interface BenchOptions {
  /** A smoke run: fewer and shorter runs, same code paths. */
  quick: boolean;
}
