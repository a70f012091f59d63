import { ChangeNotifier } from './change-notifier';
import { EventStoreClosedError } from './errors';
import type { GlobalPosition, ReadAllOptions, RecordedEvent, SubscribeToAllOptions, Subscription } from './types';

export interface PollingSubscriptionSettings {
  /** Upper bound on how long a live event waits when the append happened in another process. */
  pollIntervalMs?: number;
  batchSize?: number;
}

/**
 * Catch-up subscription over `readAll`: it pages from the checkpoint, then polls (woken at once
 * by appends through the same store object). It is gap-free only because `readAll` never
 * returns a position before one it has already returned; each store guarantees that.
 */
export function startPollingSubscription(
  readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>,
  notifier: ChangeNotifier,
  options: SubscribeToAllOptions,
  settings: PollingSubscriptionSettings = {},
): Subscription {
  const pollIntervalMs = settings.pollIntervalMs ?? 100;
  const batchSize = settings.batchSize ?? 1000;
  let stopped = false;
  let checkpoint: GlobalPosition | undefined = options.fromPosition === 'start' ? undefined : options.fromPosition;

  const liveBatchingMs = options.liveBatchingMs ?? 0;
  let lastReadAt = 0;
  /** Ends the liveBatchingMs pause early (stop must not wait for it). */
  let endGather: (() => void) | undefined;

  const run = async (): Promise<void> => {
    while (!stopped) {
      lastReadAt = Date.now();
      const batch = await readAll(checkpoint === undefined ? { maxCount: batchSize } : { afterPosition: checkpoint, maxCount: batchSize });
      for (const event of batch) {
        if (stopped) return;
        await options.onEvent(event);
        checkpoint = event.globalPosition;
      }
      if (batch.length < batchSize && !stopped) {
        options.onCaughtUp?.(checkpoint ?? 'start');
        await notifier.wait(pollIntervalMs);
        const gather = lastReadAt + liveBatchingMs - Date.now();
        if (gather > 0 && !stopped) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, gather);
            endGather = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          endGather = undefined;
        }
      }
    }
  };

  const done = run().catch((error: unknown) => {
    const wasStopped = stopped;
    stopped = true;
    if (wasStopped || error instanceof EventStoreClosedError) return;
    if (options.onError) options.onError(error);
    else console.error('Event store subscription stopped:', error);
  });

  return {
    async stop() {
      stopped = true;
      notifier.notify();
      endGather?.();
      await done;
    },
  };
}

/**
 * The polling subscriptions one store has started, woken by its own appends, so `close()` can
 * stop them all. Every store over `readAll` keeps one of these.
 */
export class PollingSubscriptions {
  /** Call after every append through this store: live subscriptions read at once. */
  readonly notifier = new ChangeNotifier();
  private readonly live = new Set<Subscription>();

  constructor(
    private readonly readAll: (options: ReadAllOptions) => Promise<RecordedEvent[]>,
    private readonly settings: PollingSubscriptionSettings = {},
  ) {}

  start(options: SubscribeToAllOptions): Subscription {
    const inner = startPollingSubscription(this.readAll, this.notifier, options, this.settings);
    const subscription: Subscription = {
      stop: async () => {
        this.live.delete(subscription);
        await inner.stop();
      },
    };
    this.live.add(subscription);
    return subscription;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.live].map((s) => s.stop()));
  }
}
