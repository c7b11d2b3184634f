import { buttonHeightFor, unitFor, type Rect } from '../../../shell/layout/rect.ts';

/** One setting: its name on the left, then [-] value [+]. */
export interface SettingRow {
  readonly label: Rect;
  readonly minus: Rect;
  readonly value: Rect;
  readonly plus: Rect;
}

export interface SettingsLayout {
  readonly unit: number;
  readonly title: Rect;
  readonly rows: readonly SettingRow[];
  /** the sound on/off toggle */
  readonly sound: Rect;
  readonly back: Rect;
  /** a line under everything: that a link's settings apply, what is saved */
  readonly note: Rect;
}

/** The challenge settings screen: a centred column, every button a comfortable touch target (pure, tested in Node). */
export function computeSettingsLayout(width: number, height: number, rows: number): SettingsLayout {
  const unit = unitFor(width, height);
  const columnWidth = Math.min(width - 3 * unit, unit * 34);
  const left = (width - columnWidth) / 2;
  const rowHeight = buttonHeightFor(unit);
  const gap = unit * 1.2;
  const titleHeight = unit * 4;
  const noteHeight = unit * 3;
  const block = titleHeight + gap + rows * (rowHeight + gap) + 2 * (rowHeight + gap) + noteHeight;
  let y = Math.max(unit, (height - block) / 2);
  const title = { x: left, y, width: columnWidth, height: titleHeight };
  y += titleHeight + gap;
  const stepper = rowHeight * 1.1;
  const valueWidth = Math.min(unit * 9, columnWidth * 0.3);
  const out: SettingRow[] = [];
  for (let i = 0; i < rows; i++) {
    const plusX = left + columnWidth - stepper;
    const valueX = plusX - valueWidth;
    const minusX = valueX - stepper;
    out.push({
      label: { x: left, y, width: Math.max(0, minusX - left - unit * 0.5), height: rowHeight },
      minus: { x: minusX, y, width: stepper, height: rowHeight },
      value: { x: valueX, y, width: valueWidth, height: rowHeight },
      plus: { x: plusX, y, width: stepper, height: rowHeight },
    });
    y += rowHeight + gap;
  }
  const sound = { x: left, y, width: columnWidth, height: rowHeight };
  y += rowHeight + gap;
  const back = { x: left, y, width: columnWidth, height: rowHeight };
  y += rowHeight + gap;
  return { unit, title, rows: out, sound, back, note: { x: left, y, width: columnWidth, height: noteHeight } };
}
