import type { Speed } from '../../../../common/train/protocol.ts';
import type { TrainSession } from './trainSession.ts';

/** The words of the Train room, from its session: pure, so a test reads them without a browser. */

const SPEED_NAMES: Readonly<Record<Speed, string>> = { slow: 'Slow', medium: 'Medium', full: 'Full' };

/** The line under the title: what it is doing, or waiting for. */
export function statusLine(session: TrainSession): string {
  switch (session.phase) {
    case 'closed':
    case 'loading':
      return 'Downloading 5,000 MNIST digits and starting the network…';
    case 'failed':
      return 'Training is not available';
    case 'training':
    case 'paused': {
      const state = session.phase === 'paused' ? 'Paused' : 'Training';
      const seen = session.examples.toLocaleString('en-US');
      return `${state} · step ${session.steps} · ${seen} digits seen · ${Math.floor(session.seconds)} s · ${(session.backend ?? '').toUpperCase()}`;
    }
  }
}

export function pauseCaption(session: TrainSession): string {
  return session.phase === 'paused' ? 'Resume' : 'Pause';
}

export function speedCaption(speed: Speed): string {
  return `Speed: ${SPEED_NAMES[speed]}`;
}

export function percent(y: number): string {
  return `${(y * 100).toFixed(1)}%`;
}

export function wholePercent(y: number): string {
  return `${Math.round(y * 100)}%`;
}

export function lossText(y: number): string {
  return y.toFixed(2);
}

/** The guess card's words while there is no guess. */
export function waitingText(session: TrainSession, blank: boolean): string {
  if (session.phase === 'failed') return '';
  if (session.phase !== 'training' && session.phase !== 'paused') return 'starting…';
  return blank ? 'draw a digit' : '';
}
