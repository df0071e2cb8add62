import { windowSizeSchema } from './window-size';

describe('window sizes', () => {
  it.each(['MINUTE', 'HOUR', 'DAY', 'MONTH'])('accepts %s', (size) => {
    expect(windowSizeSchema.parse(size)).toBe(size);
  });

  it.each(['WEEK', 'day', 'SECOND', ''])('refuses %s', (size) => {
    expect(windowSizeSchema.safeParse(size).success).toBe(false);
  });
});
