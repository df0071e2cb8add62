import { fitReference, modelSpecSchema } from '@tenantry/drift-core';
import { fixtureModel, sampleRows } from '../../test/drift-fixtures';
import { foldedState } from './folded-state';
import { windowsChecksum, type ChecksummedWindow } from './windows-checksum';

const model = modelSpecSchema.parse(fixtureModel());
const reference = fitReference(sampleRows({ count: 300, seed: 1 }), model);
const stateOf = (seed: number) =>
  foldedState(undefined, sampleRows({ count: 40, seed }), model, reference);

describe('windowsChecksum', () => {
  const windows: ChecksummedWindow[] = [
    { segment: '', windowIndex: 10, state: stateOf(2) },
    { segment: '', windowIndex: 9, state: stateOf(3) },
    { segment: 'region=eu', windowIndex: 9, state: stateOf(4) },
  ];

  it('does not depend on the order the windows are listed in', () => {
    expect(windowsChecksum([...windows].reverse())).toBe(windowsChecksum(windows));
    expect(windowsChecksum([windows[2]!, windows[0]!, windows[1]!])).toBe(windowsChecksum(windows));
  });

  it('changes when a state, a window index or a segment changes, or a window goes missing', () => {
    const checksum = windowsChecksum(windows);
    const variants = [
      windows.map((window, index) => (index === 0 ? { ...window, state: stateOf(5) } : window)),
      windows.map((window, index) => (index === 0 ? { ...window, windowIndex: 11 } : window)),
      windows.map((window, index) => (index === 1 ? { ...window, segment: 'region=us' } : window)),
      windows.slice(1),
    ];
    for (const variant of variants) expect(windowsChecksum(variant)).not.toBe(checksum);
  });

  it('is the same for a state folded whole and folded in parts', () => {
    const rows = sampleRows({ count: 90, seed: 6 });
    const whole = foldedState(undefined, rows, model, reference);
    const parts = foldedState(
      foldedState(
        foldedState(undefined, rows.slice(60), model, reference),
        rows.slice(0, 25),
        model,
        reference,
      ),
      rows.slice(25, 60),
      model,
      reference,
    );
    expect(windowsChecksum([{ segment: '', windowIndex: 1, state: parts }])).toBe(
      windowsChecksum([{ segment: '', windowIndex: 1, state: whole }]),
    );
  });
});
