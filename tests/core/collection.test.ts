import { describe, expect, it } from 'vitest';
import { centreDirectoryOf, centreRefOf, collectCentreOf, counterAccess, counterCentresOf, singleCentreDirectory } from '../../core/dossiers/collection';

const HK = { id: 'hoan-kiem', name: 'Bộ phận Một cửa quận Hoàn Kiếm' };
const BD = { id: 'ba-dinh', name: 'Bộ phận Một cửa quận Ba Đình' };
const TP = { id: 'tp-ha-noi', name: 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội' };
const province = centreDirectoryOf(HK, [TP, HK, BD]);

describe('where the result is collected (core/dossiers/collection.ts)', () => {
  it('defaults to the receiving centre; takes any centre of the province; refuses an unknown one naming the field and the known centres', () => {
    expect(collectCentreOf(province, undefined)).toEqual({ ok: true, value: HK });
    expect(collectCentreOf(province, 'ba-dinh')).toEqual({ ok: true, value: BD });
    const refused = collectCentreOf(province, 'dong-da');
    expect(refused).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: `collectAt: không có trung tâm "dong-da" để trả kết quả. Các trung tâm: tp-ha-noi (${TP.name}), hoan-kiem (${HK.name}), ba-dinh (${BD.name}).` },
    });
  });

  it('a single-centre hub knows only itself, whatever its config lists', () => {
    const single = centreDirectoryOf(HK, undefined);
    expect(single).toEqual(singleCentreDirectory(HK));
    expect(collectCentreOf(single, 'hoan-kiem')).toEqual({ ok: true, value: HK });
    expect(collectCentreOf(single, 'ba-dinh')).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    // A province file that forgot the hub's own centre still offers it, first.
    expect(centreDirectoryOf(HK, [BD]).centres).toEqual([HK, BD]);
  });

  it('names a centre it knows; an id it does not know is shown as it is', () => {
    expect(centreRefOf(province, 'ba-dinh')).toEqual(BD);
    expect(centreRefOf(province, 'cu')).toEqual({ id: 'cu', name: 'cu' });
  });

  it("the receiving centre's counters hear every change; the collecting centre's once the result is ready and after", () => {
    const d = (status: 'received' | 'processing' | 'done' | 'returned') => ({ status, receivedAtCentre: HK, collectAtCentre: BD });
    expect(counterCentresOf(d('received'))).toEqual(['hoan-kiem']);
    expect(counterCentresOf(d('processing'))).toEqual(['hoan-kiem']);
    expect(counterCentresOf(d('done'))).toEqual(['hoan-kiem', 'ba-dinh']);
    expect(counterCentresOf(d('returned'))).toEqual(['hoan-kiem', 'ba-dinh']);
    expect(counterCentresOf({ status: 'done', receivedAtCentre: HK, collectAtCentre: HK })).toEqual(['hoan-kiem']);
  });

  it('the collecting centre hands the result back; the receiving centre (when another) views; any other centre nothing', () => {
    const elsewhere = { receivedAtCentre: HK, collectAtCentre: BD };
    expect(counterAccess('ba-dinh', elsewhere)).toBe('return');
    expect(counterAccess('hoan-kiem', elsewhere)).toBe('view');
    expect(counterAccess('tp-ha-noi', elsewhere)).toBe('none');
    expect(counterAccess('hoan-kiem', { receivedAtCentre: HK, collectAtCentre: HK })).toBe('return');
  });
});
