import { expect, test } from 'vitest';
import { Messages } from '../../../game/shell/messages.ts';

test('the line is joined once and every display shows it now and after each change', () => {
  const messages = new Messages(['bad ?rounds']);
  const a: string[] = [];
  const b: string[] = [];
  messages.showOn((text) => a.push(text));
  messages.add(null);
  messages.add('no WebGL', null, 'model fell back');
  messages.showOn((text) => b.push(text));
  expect(a).toEqual(['bad ?rounds', 'bad ?rounds · no WebGL · model fell back']);
  expect(b).toEqual(['bad ?rounds · no WebGL · model fell back']);
  expect(messages.text()).toBe('bad ?rounds · no WebGL · model fell back');
  expect(new Messages().text()).toBe('');
});
