// The differential tests' seeded generator of JSON text: pages and images with every kind of
// field, every odd value family, repeated and unknown keys and paging variants. Used by
// differential.test.mjs (the package's JS path against the native core) and by the Rust web
// client's test (scripts/web-test.mjs: its `to_js` against the package). `fields` is the core's
// field table as the oracle reports it ({ wire, js, conv }).

/** A generator seeded with `seed`. */
export function generator(fields, seed) {
  let state = seed >>> 0;
  const rnd = () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state / 4294967296; };
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const chance = (p) => rnd() < p;
  const ws = () => (chance(0.1) ? pick([' ', '\n', '\t', '\r\n', '  ']) : '');
  const str = (s) => JSON.stringify(s);

  // Values as JSON text, by family. Escapes are written as JSON escapes, never as raw lone surrogates.
  const ODD = ['null', 'true', 'false', '0', '-0', '1.5', '-1', '1e3', '1E400', '""', '"x"', '[]', '{}', '["a"]', '{"a":[1,{"b":null}]}',
    '"\\u00e9\\ud83d\\ude00"', '"\\ud800"', '"a\\"b\\\\c\\/d\\n"', '-0.0', '123456789012345678901234567890'];
  const FAMILIES = {
    string: ['"s"', '""', '"\\u0000"', '"é"', '"\\ud83d\\ude00"', '"\\ud800x"', '"Red Hat"', '"2018-09-06T14:03:27Z"', '1', 'true', '[]', '{}', '"tab\\there"'],
    toBool: ['true', 'false', '"true"', '"TRUE"', '"False"', '"fAlSe"', '"yes"', '"1"', '1', '0', '"true "', '" true"', '"t\\u0072ue"', '"ｔｒｕｅ"', '""', '"True"'],
    toInt: ['0', '64', '-1', '"64"', '"-0"', '"007"', '"+1"', '" 1"', '"1.0"', '"1e3"', '1e3', '100.0', '9007199254740991', '9007199254740992',
      '"9007199254740991"', '"9007199254740992"', '"12345678901234567"', '-9007199254740991', '1.5', '2.5e-3', '1e21', '""', '"0x10"',
      '"\\u0661\\u0662"', '9007199254740991.4', '-0.0', '40', '"40"', '1E2'],
    toStrList: ['[]', '["a"]', '["env=prod","team.3"]', '["a",1]', '"a"', '[null]', '["\\ud800"]', '[[]]', '{}'],
    toCsv: ['"hss,ces"', '" hss , ces ,, "', '","', '""', '"\\t x\\u00a0"', '"a\\ud800"', '"\\u2028,x"', '5', '["hss"]', '"hss"', '"\\f\\r\\n a \\u000b"'],
  };
  const UNKNOWN = ['__support_kvm_fpga_type', '__quick_start', '__proto__', 'constructor', 'toString', '123', '', 'extra', 'osBit', 'a\\u0000b', '\\ud800', 'hasOwnProperty', '0'];

  function value(conv) {
    return chance(0.75) ? pick(FAMILIES[conv]) : pick(ODD);
  }

  /** One image object as text: a random subset of fields, odd values, repeats, unknown keys. */
  function imageText() {
    const members = [];
    const n = 1 + Math.floor(rnd() * 24);
    for (let i = 0; i < n; i++) {
      if (chance(0.15)) {
        members.push([`"${pick(UNKNOWN)}"`, pick([...ODD, ...FAMILIES.string])]);
        continue;
      }
      const f = pick(fields);
      // Sometimes the key itself is written with escapes (it is the same key).
      const key = chance(0.05) && f.wire.startsWith('_') ? `"\\u005f${f.wire.slice(1)}"` : str(f.wire);
      members.push([key, value(f.conv)]);
      if (chance(0.1)) members.push([key, value(f.conv)]); // a repeated key: the last one wins
    }
    if (chance(0.9)) members.push(['"id"', chance(0.9) ? str(`img-${Math.floor(rnd() * 1e6)}`) : pick(ODD)]);
    // Shuffle.
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [members[i], members[j]] = [members[j], members[i]];
    }
    return `{${ws()}${members.map(([k, v]) => `${k}${ws()}:${ws()}${v}`).join(`${ws()},${ws()}`)}${ws()}}`;
  }

  const LINKS = ['"/v2/images?limit=2&marker=m1"', '"/v2/images?marker=a%20b&marker=last"', '"/v2/images?limit=2"', '"/v2/images?marker="',
    '"/v2/images?marker=%zz%E4%B8%AD"', '"https://other.example/v2/images?marker=x#frag"', 'null', '5', '""', '{"marker":"x"}'];
  const PAGE_INFO = ['{"next_marker":"pm"}', '{}', '{"next_marker":null}', '{"next_marker":""}', '[]', '"x"', 'null', '{"next_marker":7}', '{"next_marker":"a","next_marker":"b"}'];

  function pageText() {
    const images = Array.from({ length: Math.floor(rnd() * 6) }, imageText);
    const members = [['"images"', `[${ws()}${images.join(`,${ws()}`)}${ws()}]`]];
    if (chance(0.3)) members.push(['"next"', pick(LINKS)]);
    if (chance(0.3)) members.push(['"first"', pick(LINKS)]);
    if (chance(0.2)) members.push(['"schema"', pick(['"/v2/schemas/images"', '5', 'null'])]);
    if (chance(0.2)) members.push(['"page_info"', pick(PAGE_INFO)]);
    if (chance(0.05)) members.push(['"images"', `[${imageText()}]`]);
    if (chance(0.1)) members.push([`"${pick(UNKNOWN)}"`, pick(ODD)]);
    return `${ws()}{${members.map(([k, v]) => `${k}:${v}`).join(',')}}${ws()}`;
  }
  return { rnd, pick, chance, imageText, pageText };
}
