import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkUscc,
  computeUsccCheckChar,
  generateUscc,
  NATIONAL_REGION,
  normalizeUscc,
  organizationCodeCheckChar,
  PROVINCE_PARTS,
  USCC_CHARSET,
  USCC_DEPARTMENTS,
  USCC_WEIGHTS,
} from '../../src/domain/uscc.ts';
import { runUsccCli } from '../../src/cli/uscc-cli.ts';

// Published USCCs of well-known entities (from public filings, EV certificates, invoice
// headers etc.). Each passes the GB 32100 check character AND the GB 11714 check digit of
// its embedded organisation code, which a mis-remembered code would pass only ~1 in 341 times.
const REAL_USCCS: ReadonlyArray<readonly [string, string]> = [
  ['91110000710925462X', '中国石油天然气股份有限公司'], // GLEIF registeredAs for PetroChina's LEI
  ['911000001000013428', '中国银行股份有限公司'], // serialNumber in www.boc.cn EV certificate
  ['91100000100003962T', '中国工商银行股份有限公司'],
  ['911100001000054748', '中国农业银行股份有限公司'],
  ['911100001000044477', '中国建设银行股份有限公司'],
  ['12100000400000624D', '清华大学'], // 事业单位 (position 1 = 1 机构编制); on its invoice header
  ['914403001922038216', '华为技术有限公司'],
  ['9144030071526726XG', '腾讯科技（深圳）有限公司'],
  ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
  ['91110000802100433B', '北京百度网讯科技有限公司'],
  ['91110108551385082Q', '小米科技有限责任公司'],
  ['91330100716105852F', '阿里巴巴（中国）有限公司'],
  ['91370200264574251E', '海尔智家股份有限公司'], // 青岛
  ['91520000214434146R', '中航重机股份有限公司'],
];

/** Deterministic PRNG (mulberry32) so fast-check can shrink over a seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seedArb = fc.integer({ min: 0, max: 0x7fffffff });
// Plausible division codes (issue 12 item 8b, GB 32100): a real province part + any four digits, or 100000.
const regionArb = fc.oneof(
  fc.tuple(fc.constantFrom(...PROVINCE_PARTS), fc.stringMatching(/^[0-9]{4}$/)).map(([p, rest]) => p + rest),
  fc.constant(NATIONAL_REGION),
);
const deptArb = fc.constantFrom(...Object.keys(USCC_DEPARTMENTS));

describe('USCC check character', () => {
  test('weights are 3^i mod 31', () => {
    let w = 1;
    for (let i = 0; i < 17; i++) {
      assert.equal(USCC_WEIGHTS[i], w);
      w = (w * 3) % 31;
    }
  });

  test('real published codes are valid', () => {
    assert.ok(REAL_USCCS.length >= 10);
    for (const [code, name] of REAL_USCCS) {
      assert.equal(computeUsccCheckChar(code.slice(0, 17)), code[17], name);
      assert.equal(organizationCodeCheckChar(code.slice(8, 16)), code[16], name);
      const r = checkUscc(code);
      assert.deepEqual(r, { input: code, valid: true, normalized: code, error: null }, name);
    }
  });

  test('check = 31 − (sum mod 31), with 31 → 0', () => {
    // sum 1 → 30 → "Y"; sum 0 → 31 → "0".
    assert.equal(computeUsccCheckChar('10000000000000000'), 'Y');
    assert.equal(computeUsccCheckChar('00000000000000000'), '0');
  });

  test('computeUsccCheckChar rejects bad input', () => {
    assert.throws(() => computeUsccCheckChar('1234'), RangeError);
    assert.throws(() => computeUsccCheckChar('9137020026457425I'), RangeError);
  });

  test('exactly one check character completes any prefix', () => {
    fc.assert(
      fc.property(seedArb, regionArb, (seed, regionCode) => {
        const code = generateUscc(mulberry32(seed), { regionCode });
        const valids = USCC_CHARSET.split('').filter((c) => checkUscc(code.slice(0, 17) + c).valid);
        assert.deepEqual(valids, [code[17]]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('generateUscc', () => {
  test('generated codes are valid and carry the requested parts', () => {
    fc.assert(
      fc.property(seedArb, regionArb, deptArb, fc.nat(), (seed, regionCode, registrationDept, k) => {
        const allowed = USCC_DEPARTMENTS[registrationDept].categories;
        const orgType = allowed[k % allowed.length];
        const code = generateUscc(mulberry32(seed), { regionCode, registrationDept, orgType });
        const r = checkUscc(code);
        assert.equal(r.valid, true, `${code}: ${r.error}`);
        assert.equal(r.normalized, code);
        assert.equal(code.length, 18);
        assert.equal(code[0], registrationDept);
        assert.equal(code[1], orgType);
        assert.equal(code.slice(2, 8), regionCode);
        assert.equal(organizationCodeCheckChar(code.slice(8, 16)), code[16]);
      }),
    );
  });

  test('defaults: 9 (市场监管) 1 (企业) 370000', () => {
    const code = generateUscc(Math.random);
    assert.equal(code.slice(0, 8), '91370000');
    assert.ok(checkUscc(code).valid);
  });

  test('invalid options throw', () => {
    assert.throws(() => generateUscc(Math.random, { regionCode: '37010' }), RangeError);
    assert.throws(() => generateUscc(Math.random, { regionCode: '37010A' }), RangeError);
    assert.throws(() => generateUscc(Math.random, { registrationDept: 'I' }), RangeError);
    assert.throws(() => generateUscc(Math.random, { orgType: '12' }), RangeError);
  });

  test('an rng returning values at the edges still yields code-set characters', () => {
    assert.ok(checkUscc(generateUscc(() => 0)).valid);
    assert.ok(checkUscc(generateUscc(() => 0.9999999999)).valid);
  });
});

describe('error detection', () => {
  // Changing position i (1..17) from value v to v' changes the weighted sum by
  // w_i·(v'−v). 31 is prime, every w_i = 3^(i-1) mod 31 is non-zero and 0 < |v'−v| < 31,
  // so the change is non-zero mod 31 and the check character no longer matches.
  test('any single-character substitution in positions 1–17 is rejected', () => {
    fc.assert(
      fc.property(seedArb, regionArb, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 30 }), (seed, regionCode, pos, shift) => {
        const code = generateUscc(mulberry32(seed), { regionCode });
        const v = USCC_CHARSET.indexOf(code[pos]);
        const mutated = code.slice(0, pos) + USCC_CHARSET[(v + shift) % 31] + code.slice(pos + 1);
        assert.notEqual(mutated, code);
        assert.equal(checkUscc(mutated).valid, false, mutated);
      }),
      { numRuns: 500 },
    );
  });

  test('exhaustive: every substitution of a real code is rejected', () => {
    for (const [code] of REAL_USCCS.slice(0, 3)) {
      for (let pos = 0; pos < 18; pos++) {
        for (const c of USCC_CHARSET) {
          if (c === code[pos]) continue;
          const mutated = code.slice(0, pos) + c + code.slice(pos + 1);
          assert.equal(checkUscc(mutated).valid, false, mutated);
        }
      }
    }
  });

  // Swapping positions i, i+1 (1..17) changes the sum by (w_i − w_{i+1})(v_{i+1} − v_i)
  // = −2·w_i·(v_{i+1} − v_i), again non-zero mod 31 when the two characters differ.
  test('any adjacent transposition of different characters in positions 1–17 is rejected', () => {
    fc.assert(
      fc.property(seedArb, regionArb, fc.integer({ min: 0, max: 15 }), (seed, regionCode, pos) => {
        const code = generateUscc(mulberry32(seed), { regionCode });
        fc.pre(code[pos] !== code[pos + 1]);
        const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
        assert.equal(checkUscc(swapped).valid, false, swapped);
      }),
      { numRuns: 300 },
    );
  });
});

describe('normalization', () => {
  const code = '91370200264574251E';

  test('lower case is accepted', () => {
    const r = checkUscc('91370200264574251e');
    assert.equal(r.valid, true);
    assert.equal(r.normalized, code);
    assert.equal(r.input, '91370200264574251e');
  });

  test('full-width digits and letters are converted', () => {
    const r = checkUscc('９１３７０２００２６４５７４２５１Ｅ');
    assert.equal(r.valid, true);
    assert.equal(r.normalized, code);
    assert.equal(checkUscc('９１３７０２００２６４５７４２５１ｅ').normalized, code);
  });

  test('leading/trailing spaces, tabs, newlines and U+3000 are trimmed', () => {
    for (const s of [`  ${code}  `, `\t${code}\n`, `\u3000${code}\u3000`, `\u3000 ${code.toLowerCase()} \r\n`]) {
      const r = checkUscc(s);
      assert.equal(r.valid, true, JSON.stringify(s));
      assert.equal(r.normalized, code);
      assert.equal(r.input, s);
    }
  });

  test('inner whitespace is not removed', () => {
    const r = checkUscc('9137 0200264574251E');
    assert.equal(r.valid, false);
    assert.equal(r.error, '统一社会信用代码应为18位，实际为19位');
    const r2 = checkUscc('9137 200264574251E');
    assert.equal(r2.error, '第5位字符“空格”不是合法字符（只能为数字 0-9 或除 I、O、S、V、Z 外的大写字母）');
    const r3 = checkUscc('9137\u3000200264574251E');
    assert.equal(r3.error, '第5位字符“空格”不是合法字符（只能为数字 0-9 或除 I、O、S、V、Z 外的大写字母）');
  });

  test('normalizeUscc', () => {
    assert.equal(normalizeUscc(' ａｂｃ１２３ '), 'ABC123');
    assert.equal(normalizeUscc('\u3000x\u3000'), 'X');
  });
});

describe('error messages', () => {
  test('empty', () => {
    assert.deepEqual(checkUscc(''), { input: '', valid: false, normalized: null, error: '统一社会信用代码不能为空' });
    assert.equal(checkUscc(' \u3000 ').error, '统一社会信用代码不能为空');
  });

  test('wrong length names the actual length', () => {
    assert.equal(checkUscc('91370200264574251').error, '统一社会信用代码应为18位，实际为17位');
    assert.equal(checkUscc('91370200264574251E0').error, '统一社会信用代码应为18位，实际为19位');
    assert.equal(checkUscc('264574251').error, '统一社会信用代码应为18位，实际为9位');
    // Non-BMP characters count as one character each.
    assert.equal(checkUscc('𠀀'.repeat(3)).error, '统一社会信用代码应为18位，实际为3位');
  });

  test('forbidden letters I O S V Z name the position and the character', () => {
    assert.equal(checkUscc('9137I200264574251E').error, '第5位字符“I”不允许使用（不得含 I、O、S、V、Z）');
    assert.equal(checkUscc('9137o200264574251E').error, '第5位字符“O”不允许使用（不得含 I、O、S、V、Z）');
    assert.equal(checkUscc('91370200264574251S').error, '第18位字符“S”不允许使用（不得含 I、O、S、V、Z）');
    assert.equal(checkUscc('V1370200264574251E').error, '第1位字符“V”不允许使用（不得含 I、O、S、V、Z）');
    assert.equal(checkUscc('91370200Z64574251E').error, '第9位字符“Z”不允许使用（不得含 I、O、S、V、Z）');
  });

  test('other illegal characters', () => {
    assert.equal(checkUscc('91370200-64574251E').error, '第9位字符“-”不是合法字符（只能为数字 0-9 或除 I、O、S、V、Z 外的大写字母）');
    assert.equal(checkUscc('91370200海64574251E').error, '第9位字符“海”不是合法字符（只能为数字 0-9 或除 I、O、S、V、Z 外的大写字母）');
  });

  test('positions 3–8 must be digits', () => {
    const first17 = '913702A0264574251';
    const code = first17 + computeUsccCheckChar(first17);
    assert.equal(checkUscc(code).error, '第7位字符“A”有误：第3–8位为登记管理机关行政区划码，只能为数字');
  });

  test('wrong check character names the expected one', () => {
    assert.deepEqual(checkUscc('91370200264574251F'), {
      input: '91370200264574251F',
      valid: false,
      normalized: null,
      error: '校验位错误，第18位应为“E”',
    });
    assert.equal(checkUscc('91110000710925462Y').error, '校验位错误，第18位应为“X”');
  });

  /** A code with these first 8 characters, a valid organisation code and a right 18th character. */
  const withPrefix = (first8: string, body = 'MA3C0Q9T') => {
    const first17 = first8 + body + organizationCodeCheckChar(body);
    return first17 + computeUsccCheckChar(first17);
  };

  test('issue 12 item 8b: position 1 is an assigned registration department, position 2 one of its categories (GB 32100)', () => {
    for (const [dept, { categories }] of Object.entries(USCC_DEPARTMENTS)) {
      for (const cat of USCC_CHARSET) {
        const r = checkUscc(withPrefix(`${dept}${cat}370100`));
        assert.equal(r.valid, categories.includes(cat), `${dept}${cat}: ${r.error}`);
        if (!r.valid) assert.match(r.error ?? '', /^第2位机构类别代码“.”与第1位不符：.+登记的机构类别只能为 /);
      }
    }
    for (const dept of USCC_CHARSET) {
      if (USCC_DEPARTMENTS[dept]) continue;
      assert.equal(checkUscc(withPrefix(`${dept}1370100`)).error, `第1位登记管理部门代码“${dept}”不存在（应为 1–9、A、N 或 Y）`);
    }
    assert.equal(checkUscc(withPrefix('92370100')).valid, true, '个体工商户');
    assert.equal(checkUscc(withPrefix('94370100')).error, '第2位机构类别代码“4”与第1位不符：工商（市场监管）部门登记的机构类别只能为 1、2、3');
  });

  test('issue 12 item 8b: positions 3–8 have a real province part (old county codes stay valid), or 100000 at national level', () => {
    for (const p of PROVINCE_PARTS) assert.ok(checkUscc(withPrefix(`91${p}0000`)).valid, p);
    // Abolished/renamed divisions keep working: 370900 泰安 is current, 372300 (old 惠民地区) is not — both fine.
    assert.ok(checkUscc(withPrefix('91372300')).valid);
    assert.ok(checkUscc(withPrefix('91100000')).valid, 'national level');
    assert.equal(checkUscc(withPrefix('91000000')).error, '第3–8位登记管理机关行政区划码不能全为0');
    for (const bad of ['10', '16', '20', '30', '39', '47', '55', '60', '66', '70', '72', '80', '83', '99']) {
      assert.equal(checkUscc(withPrefix(`91${bad}0100`)).error, `第3–8位登记管理机关行政区划码“${bad}0100”有误：前两位“${bad}”不是省级行政区划代码`);
    }
  });

  test('issue 12 item 8b: position 17 is the GB 11714 check character of positions 9–16', () => {
    const body = 'MA3C0Q9T';
    const right = organizationCodeCheckChar(body);
    for (const c of '0123456789X') {
      if (c === right) continue;
      const first17 = `91370100${body}${c}`;
      const code = first17 + computeUsccCheckChar(first17);
      assert.equal(checkUscc(code).error, `组织机构代码校验位错误：第9–17位为组织机构代码，第17位应为“${right}”`);
    }
  });

  test('issue 12 item 8b: 000000000000000000 and other codes right only by their check characters fail', () => {
    assert.equal(checkUscc('000000000000000000').valid, false);
    assert.equal(checkUscc('000000000000000000').error, '第1位登记管理部门代码“0”不存在（应为 1–9、A、N 或 Y）');
    // Weighted sum 0 → check "0" for all-zero bodies too, whatever the prefix part does.
    assert.equal(checkUscc(withPrefix('91000000', '00000000').replace(/.$/, (c) => c)).valid, false);
    assert.equal(checkUscc('911100000000000000').valid, false);
  });

  test('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = checkUscc(s);
        assert.equal(r.input, s);
        assert.equal(r.valid, r.error === null);
        assert.equal(r.valid, r.normalized !== null);
      }),
    );
  });
});

describe('uscc CLI', () => {
  test('valid code → one JSON line, exit 0', () => {
    const r = runUsccCli(['uscc', 'check', '91370200264574251e']);
    assert.equal(r.exitCode, 0);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, '{"input":"91370200264574251e","valid":true,"normalized":"91370200264574251E","error":null}\n');
  });

  test('invalid code → JSON with the reason, exit 1', () => {
    const r = runUsccCli(['uscc', 'check', '91370200264574251F']);
    assert.equal(r.exitCode, 1);
    assert.equal(r.stdout.split('\n').length, 2);
    assert.deepEqual(JSON.parse(r.stdout), {
      input: '91370200264574251F',
      valid: false,
      normalized: null,
      error: '校验位错误，第18位应为“E”',
    });
  });

  test('missing argument → usage on stderr, exit 1', () => {
    const r = runUsccCli(['uscc', 'check']);
    assert.equal(r.exitCode, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /缺少参数/);
    assert.match(r.stderr, /用法: zqt uscc check/);
  });

  test('unknown subcommand / no subcommand / extra args → usage, exit 1', () => {
    for (const argv of [['uscc'], ['uscc', 'verify', 'x'], ['uscc', 'check', '9137', '0200264574251E'], []]) {
      const r = runUsccCli(argv);
      assert.equal(r.exitCode, 1, JSON.stringify(argv));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /用法/);
    }
  });
});
