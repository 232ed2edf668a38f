import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { regions, cities, getRegion, cityOf, countiesOf, isCountyCode, isCityCode, fullNameOf, PROVINCE_CODE } from '../../src/domain/regions/index.ts';

const EXPECTED_CITIES: Record<string, string> = {
  '370100': '济南市',
  '370200': '青岛市',
  '370300': '淄博市',
  '370400': '枣庄市',
  '370500': '东营市',
  '370600': '烟台市',
  '370700': '潍坊市',
  '370800': '济宁市',
  '370900': '泰安市',
  '371000': '威海市',
  '371100': '日照市',
  '371300': '临沂市',
  '371400': '德州市',
  '371500': '聊城市',
  '371600': '滨州市',
  '371700': '菏泽市',
};

// County-level divisions per city (GB/T 2260, 2023/2024 list).
const EXPECTED_COUNTIES: Record<string, string[]> = {
  '370100': ['历下区', '市中区', '槐荫区', '天桥区', '历城区', '长清区', '章丘区', '济阳区', '莱芜区', '钢城区', '平阴县', '商河县'],
  '370200': ['市南区', '市北区', '黄岛区', '崂山区', '李沧区', '城阳区', '即墨区', '胶州市', '平度市', '莱西市'],
  '370300': ['淄川区', '张店区', '博山区', '临淄区', '周村区', '桓台县', '高青县', '沂源县'],
  '370400': ['市中区', '薛城区', '峄城区', '台儿庄区', '山亭区', '滕州市'],
  '370500': ['东营区', '河口区', '垦利区', '利津县', '广饶县'],
  '370600': ['芝罘区', '福山区', '牟平区', '莱山区', '蓬莱区', '龙口市', '莱阳市', '莱州市', '招远市', '栖霞市', '海阳市'],
  '370700': ['潍城区', '寒亭区', '坊子区', '奎文区', '临朐县', '昌乐县', '青州市', '诸城市', '寿光市', '安丘市', '高密市', '昌邑市'],
  '370800': ['任城区', '兖州区', '微山县', '鱼台县', '金乡县', '嘉祥县', '汶上县', '泗水县', '梁山县', '曲阜市', '邹城市'],
  '370900': ['泰山区', '岱岳区', '宁阳县', '东平县', '新泰市', '肥城市'],
  '371000': ['环翠区', '文登区', '荣成市', '乳山市'],
  '371100': ['东港区', '岚山区', '五莲县', '莒县'],
  '371300': ['兰山区', '罗庄区', '河东区', '沂南县', '郯城县', '沂水县', '兰陵县', '费县', '平邑县', '莒南县', '蒙阴县', '临沭县'],
  '371400': ['德城区', '陵城区', '宁津县', '庆云县', '临邑县', '齐河县', '平原县', '夏津县', '武城县', '乐陵市', '禹城市'],
  '371500': ['东昌府区', '茌平区', '阳谷县', '莘县', '东阿县', '冠县', '高唐县', '临清市'],
  '371600': ['滨城区', '沾化区', '惠民县', '阳信县', '无棣县', '博兴县', '邹平市'],
  '371700': ['牡丹区', '定陶区', '曹县', '单县', '成武县', '巨野县', '郓城县', '鄄城县', '东明县'],
};

describe('Shandong regions data', () => {
  test('one province, 16 cities, 136 county-level divisions', () => {
    assert.equal(regions.filter((r) => r.level === 'province').length, 1);
    assert.equal(cities.length, 16);
    assert.equal(regions.filter((r) => r.level === 'county').length, 136);
    assert.equal(regions.length, 1 + 16 + 136);
  });

  test('province', () => {
    assert.deepEqual(getRegion(PROVINCE_CODE), { code: '370000', name: '山东省', level: 'province', parent: null });
  });

  test('the 16 cities with names, parent = province', () => {
    assert.deepEqual(Object.fromEntries(cities.map((c) => [c.code, c.name])), EXPECTED_CITIES);
    for (const c of cities) assert.equal(c.parent, PROVINCE_CODE);
    assert.equal(getRegion('371200'), undefined, '莱芜市 was merged into 济南 in 2019');
  });

  test('codes are unique 6-digit codes and every parent exists', () => {
    const codes = new Set<string>();
    for (const r of regions) {
      assert.match(r.code, /^37\d{4}$/);
      assert.ok(!codes.has(r.code), `duplicate ${r.code}`);
      codes.add(r.code);
      assert.ok(r.name.length > 0);
    }
    for (const r of regions) {
      if (r.level === 'province') continue;
      assert.ok(r.parent !== null && codes.has(r.parent), `${r.code} parent ${r.parent}`);
    }
  });

  test('every county belongs to a city and shares its first 4 digits', () => {
    for (const r of regions.filter((x) => x.level === 'county')) {
      const parent = getRegion(r.parent!);
      assert.equal(parent?.level, 'city', r.code);
      assert.equal(r.code.slice(0, 4), parent!.code.slice(0, 4), r.code);
      assert.notEqual(r.code.slice(4), '00');
      assert.notEqual(r.code.slice(4), '01', '"市辖区" placeholder codes are not divisions');
      assert.match(r.name, /(区|县|市)$/);
    }
    for (const c of cities) assert.match(c.code, /^37\d{2}00$/);
  });

  test('county names per city', () => {
    for (const [cityCode, names] of Object.entries(EXPECTED_COUNTIES)) {
      assert.deepEqual(
        countiesOf(cityCode).map((r) => r.name),
        names,
        EXPECTED_CITIES[cityCode],
      );
    }
    const total = Object.values(EXPECTED_COUNTIES).reduce((n, l) => n + l.length, 0);
    assert.equal(total, 136);
  });

  test('specific codes after recent adjustments', () => {
    const expect: Array<[string, string, string]> = [
      ['370116', '莱芜区', '370100'], // 2019 莱芜市 → 济南
      ['370117', '钢城区', '370100'],
      ['370114', '章丘区', '370100'],
      ['370115', '济阳区', '370100'],
      ['370211', '黄岛区', '370200'],
      ['370215', '即墨区', '370200'],
      ['370614', '蓬莱区', '370600'], // 2020 蓬莱市 + 长岛县 → 蓬莱区
      ['370505', '垦利区', '370500'],
      ['371503', '茌平区', '371500'],
      ['371681', '邹平市', '371600'],
      ['371703', '定陶区', '371700'],
      ['371324', '兰陵县', '371300'],
      ['371003', '文登区', '371000'],
      ['370812', '兖州区', '370800'],
    ];
    for (const [code, name, city] of expect) {
      assert.equal(getRegion(code)?.name, name, code);
      assert.equal(cityOf(code), city, code);
    }
    // 长岛县, 蓬莱市, 章丘市, 济阳县, 即墨市, 胶南市, 文登市, 茌平县, 垦利县, 邹平县, 定陶县, 莱芜市
    const gone = ['370634', '370684', '370181', '370125', '370282', '370284', '371081', '371523', '370521', '371626', '371727', '371200'];
    for (const code of gone) {
      assert.equal(getRegion(code), undefined, `${code} no longer exists`);
    }
  });
});

describe('region helpers', () => {
  test('cityOf', () => {
    assert.equal(cityOf('370102'), '370100');
    assert.equal(cityOf('371728'), '371700');
    assert.equal(cityOf('371122'), '371100');
    assert.equal(cityOf('370100'), '370100', 'a city maps to itself');
    assert.equal(cityOf('370000'), null);
    assert.equal(cityOf('110101'), null);
    assert.equal(cityOf(''), null);
    for (const r of regions.filter((x) => x.level === 'county')) {
      assert.equal(cityOf(r.code), r.parent);
      assert.ok(isCityCode(cityOf(r.code)!));
    }
  });

  test('countiesOf', () => {
    assert.equal(countiesOf('370100').length, 12);
    assert.equal(countiesOf('371000').length, 4);
    assert.deepEqual(countiesOf('370102'), []);
    assert.deepEqual(countiesOf('999999'), []);
    assert.throws(() => (countiesOf('370100') as unknown as string[]).push('x'));
  });

  test('isCountyCode / isCityCode', () => {
    assert.equal(isCountyCode('370102'), true);
    assert.equal(isCountyCode('370100'), false);
    assert.equal(isCountyCode('370000'), false);
    assert.equal(isCountyCode('370101'), false);
    assert.equal(isCountyCode('371202'), false);
    assert.equal(isCityCode('371700'), true);
    assert.equal(isCityCode('371702'), false);
  });

  test('fullNameOf', () => {
    assert.equal(fullNameOf('370103'), '济南市市中区');
    assert.equal(fullNameOf('370402'), '枣庄市市中区');
    assert.equal(fullNameOf('370200'), '青岛市');
    assert.equal(fullNameOf('123456'), undefined);
  });

  test('data is frozen', () => {
    assert.throws(() => {
      (getRegion('370102') as { name: string }).name = 'x';
    });
  });
});
