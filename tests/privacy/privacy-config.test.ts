import { describe, expect, it } from 'vitest';
import { parseCentreConfig } from '../../kiosk-config/load';
import { demoConfig } from '../support/centre';

const parse = (privacy: unknown) => {
  const raw = JSON.parse(JSON.stringify(demoConfig())) as Record<string, unknown>;
  if (privacy === undefined) delete raw.privacy;
  else raw.privacy = privacy;
  return parseCentreConfig('/etc/motcua/centre.json', JSON.stringify(raw));
};

describe('centre config: privacy.retention', () => {
  it('omitted: the defaults; given in part: the rest defaulted', () => {
    const omitted = parse(undefined);
    expect(omitted.ok && omitted.value.privacy).toEqual({ retention: { ratingPhoneDays: 90, applicantDataAfterReturnYears: 5, dossiersAfterReturnYears: 20 } });
    const part = parse({ retention: { dossiersAfterReturnYears: 10 } });
    expect(part.ok && part.value.privacy.retention).toEqual({ ratingPhoneDays: 90, applicantDataAfterReturnYears: 5, dossiersAfterReturnYears: 10 });
  });

  it('refuses with the field and what was expected', () => {
    const message = (privacy: unknown) => {
      const r = parse(privacy);
      if (r.ok) throw new Error('expected a refusal');
      expect(r.error.kind).toBe('invalid-input');
      return r.error.message;
    };
    expect(message({ retention: { ratingPhoneDays: 0 } })).toContain('privacy.retention.ratingPhoneDays: at least 1 day');
    expect(message({ retention: { applicantDataAfterReturnYears: 2.5 } })).toContain('privacy.retention.applicantDataAfterReturnYears: Invalid input: expected int');
    expect(message({ retention: { dossiersAfterReturnYears: 'forever' } })).toContain('privacy.retention.dossiersAfterReturnYears: Invalid input: expected number');
    expect(message({ retention: { applicantDataAfterReturnYears: 10, dossiersAfterReturnYears: 5 } })).toContain(
      'privacy.retention.applicantDataAfterReturnYears: 10 years is longer than the dossiers themselves are kept (dossiersAfterReturnYears: 5)',
    );
    expect(message({ retention: { ratingsDays: 30 } })).toContain('privacy.retention: Unrecognized key: "ratingsDays"');
  });
});
