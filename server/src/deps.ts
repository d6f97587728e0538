import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Keys } from './crypto';
import type { Db, DbKind } from './db/index';
import type { BlobStore } from './lib/blob-store';
import type { SmsSender } from './modules/auth/sms';
import type { WechatClient } from './modules/auth/wechat';
import type { Metrics } from './ops/metrics';
import type { Lifecycle } from './ops/readiness';
import type { Rush } from './rush/index';

/** Everything a request handler may use, injected once into the app factory. */
export interface Deps {
  db: Db;
  dbKind: DbKind;
  clock: Clock;
  config: Config;
  keys: Keys;
  logger: Logger;
  sms: SmsSender;
  wechat: WechatClient;
  /** The claim path's memory and limits (server/src/rush); createApp builds one without LISTEN when absent. */
  rush?: Rush;
  /** Prometheus metrics (server/src/ops/metrics.ts); createApp makes its own when absent. */
  metrics?: Metrics;
  /** Uploaded files' sealed bytes (DATA_DIR or S3); createApp opens the one of the config when absent. */
  blobs?: BlobStore;
  /** Set draining on SIGTERM: readiness fails before the listener closes. */
  lifecycle?: Lifecycle;
}
