import { SPEEDS, type Speed, type TrainProgress, type TrainReady } from '../../../../common/train/protocol.ts';
import { addPoint, type Curve } from './curve.ts';

/**
 * The Train room as data: what the worker reported, folded into the curves and the latest filters
 * and guess, and the player's choices. `nextSession` is pure; the controller feeds it the worker's
 * messages and the buttons, and the view only reads a TrainSession.
 *
 *   closed --open--> loading --ready--> training <--pause / resume--> paused
 *   loading --failed--> failed --open--> loading      (the player leaves and comes back to retry)
 *   training or paused --restart--> the same phase, curves empty, a new network
 */

export type TrainPhase = 'closed' | 'loading' | 'failed' | 'training' | 'paused';

export interface TrainSession {
  readonly phase: TrainPhase;
  /** why it failed, '' otherwise */
  readonly problem: string;
  readonly backend: string | null;
  readonly speed: Speed;
  /** the network the reports are about (a restart makes a new one) */
  readonly run: number;
  readonly steps: number;
  readonly seconds: number;
  readonly examples: number;
  /** mean training loss over each report's steps, by training seconds */
  readonly loss: Curve;
  /** held-out accuracy 0..1, by training seconds */
  readonly accuracy: Curve;
  /** the first convolution's filters as last reported, null before the first report */
  readonly filters: Float32Array | null;
  /** counts reports whose filters differ from the ones before (a test sees the network learn) */
  readonly filterChanges: number;
  /** probabilities for the player's drawing, null while it is blank */
  readonly guess: Float32Array | null;
  /** the drawing version the guess is about */
  readonly guessFor: number;
  /** the worker's live tensors at its last report, 0 before the first */
  readonly workerTensors: number;
  /**
   * the worker's last report said it was paused: it reads a pause between two slices of steps, so
   * the phase says paused at once and this once the worker has stopped
   */
  readonly workerPaused: boolean;
  readonly filterCount: number;
  readonly filterSize: number;
}

export type SessionEvent =
  | { readonly type: 'open' }
  | TrainReady
  | TrainProgress
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'restart' }
  | { readonly type: 'speed'; readonly speed: Speed };

export const CLOSED: TrainSession = Object.freeze({
  phase: 'closed',
  problem: '',
  backend: null,
  speed: 'full',
  run: 1,
  steps: 0,
  seconds: 0,
  examples: 0,
  loss: [],
  accuracy: [],
  filters: null,
  filterChanges: 0,
  guess: null,
  guessFor: -1,
  workerTensors: 0,
  workerPaused: false,
  filterCount: 0,
  filterSize: 0,
});

export function nextSession(session: TrainSession, event: SessionEvent): TrainSession {
  switch (event.type) {
    case 'open':
      // after a failure the worker is a new one: its networks count from 1 again
      return session.phase === 'closed' || session.phase === 'failed' ? { ...CLOSED, phase: 'loading', speed: session.speed } : session;
    case 'ready':
      return session.phase === 'loading'
        ? { ...session, phase: 'training', backend: event.backend, filterCount: event.filterCount, filterSize: event.filterSize }
        : session;
    case 'failed':
      return { ...session, phase: session.phase === 'loading' ? 'failed' : session.phase, problem: event.message };
    case 'progress':
      return session.phase === 'training' || session.phase === 'paused' ? progressed(session, event) : session;
    case 'pause':
      return session.phase === 'training' ? { ...session, phase: 'paused' } : session;
    case 'resume':
      return session.phase === 'paused' ? { ...session, phase: 'training' } : session;
    case 'restart':
      if (session.phase !== 'training' && session.phase !== 'paused') return session;
      return { ...session, run: session.run + 1, steps: 0, seconds: 0, examples: 0, loss: [], accuracy: [], filterChanges: 0 };
    case 'speed':
      return event.speed === session.speed ? session : { ...session, speed: event.speed };
  }
}

/** The next speed on the Speed button's cycle: slow, medium, full, slow… */
export function nextSpeed(speed: Speed): Speed {
  return SPEEDS[(SPEEDS.indexOf(speed) + 1) % SPEEDS.length] ?? 'full';
}

/** A report of the network shown: its numbers, a point on each curve it measured, its filters and guess. */
function progressed(session: TrainSession, report: TrainProgress): TrainSession {
  // a report of the network before a restart, still on its way when the player restarted
  if (report.run !== session.run) return session;
  const changed = session.filters === null || !sameValues(session.filters, report.filters);
  return {
    ...session,
    steps: report.steps,
    seconds: report.seconds,
    examples: report.examples,
    loss: report.loss === null ? session.loss : addPoint(session.loss, { x: report.seconds, y: report.loss }),
    accuracy: report.accuracy === null ? session.accuracy : addPoint(session.accuracy, { x: report.seconds, y: report.accuracy }),
    filters: report.filters,
    filterChanges: session.filters !== null && changed ? session.filterChanges + 1 : session.filterChanges,
    guess: report.guess,
    guessFor: report.guessFor,
    workerTensors: report.tensors,
    workerPaused: report.paused,
  };
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
