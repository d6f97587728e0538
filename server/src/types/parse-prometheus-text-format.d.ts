declare module 'parse-prometheus-text-format' {
  /** Metric families of a Prometheus text exposition; throws on a line it cannot read. */
  export default function parsePrometheusTextFormat(text: string): any[];
}
