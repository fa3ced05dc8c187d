//! The CSV rule runs as JS in the bin and the demo (`generated/csv.js`, generated from `src/csv.rs`);
//! here that JS runs in Node on thousands of values and must write what the native [`csv::row`]
//! writes, byte for byte: every image of the documents' examples as the bin's default columns, and
//! generated values aimed at the rule's edges (formula leads, quotes, commas, line breaks, numbers JS
//! writes in exponent form, integers beyond 2^53, objects with index-like keys, nested lists).
//! (Node is a prerequisite of the repository; `make test` installs it.)
#![cfg(feature = "node")]

use std::process::Command;

use ims_client::csv;
use ims_client::image::FIELDS;
use ims_client::parse::{image_page_to_js_json, image_to_js_json, PageContext};
use ims_client::Input;

/// xorshift64*: deterministic values, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\"",
    ",",
    ";",
    "'",
    " ",
    "a",
    "Ubuntu 22.04",
    "SUM(A1)",
    "é",
    "中文",
    "😀",
    "\u{0}",
    "\u{1f}",
    "\u{2028}",
    "\\",
    "0",
    "-1",
];

fn string(rng: &mut Rng) -> String {
    (0..rng.below(6)).map(|_| PIECES[rng.below(PIECES.len())]).collect()
}

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "0.1",
    "1.5",
    "-12.5",
    "1e21",
    "1e20",
    "123456789012345678901",
    "18446744073709551615",
    "9007199254740993",
    "5e-7",
    "0.000001",
    "1.0",
    "2.5E-10",
    "1.7976931348623157e308",
    "4.9e-324",
    "100",
    "-0.0",
];

/// One JSON value's text.
fn value(rng: &mut Rng, depth: u32) -> String {
    let quoted = |s: &str| serde_json::to_string(s).unwrap();
    match rng.below(if depth > 2 { 5 } else { 8 }) {
        0 => "null".into(),
        1 => ["true", "false"][rng.below(2)].into(),
        2 => NUMBERS[rng.below(NUMBERS.len())].into(),
        3 | 4 => quoted(&string(rng)),
        5 => format!("[{}]", (0..rng.below(4)).map(|_| quoted(&string(rng))).collect::<Vec<_>>().join(",")),
        6 => format!("[{}]", (0..rng.below(4)).map(|_| value(rng, depth + 1)).collect::<Vec<_>>().join(",")),
        _ => {
            let keys = ["b", "a", "2", "10", "01", "4294967295", "4294967294", "-1", "x y", "b"];
            let members: Vec<String> =
                (0..rng.below(5)).map(|_| format!("{}:{}", quoted(keys[rng.below(keys.len())]), value(rng, depth + 1))).collect();
            format!("{{{}}}", members.join(","))
        }
    }
}

/// Rows (each a JSON array's text): every example image in the bin's default columns, and `n`
/// generated rows.
fn corpus(n: usize) -> Vec<String> {
    let mut rows = Vec::new();
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    for name in [
        "glance_show_image_000.json",
        "glance_show_image_001.json",
        "list_images_002.json",
        "list_images_003.json",
        "glance_list_images_004.json",
    ] {
        let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
        let images: Vec<String> = if name.starts_with("glance_show") {
            vec![image_to_js_json(&bytes).unwrap()]
        } else {
            let page: serde_json::Value = serde_json::from_str(&image_page_to_js_json(&bytes, PageContext::default()).unwrap()).unwrap();
            page["images"].as_array().unwrap().iter().map(|i| i.to_string()).collect()
        };
        for text in images {
            let Input::Object(members) = Input::from_json_text(&text).unwrap() else { panic!("an image is an object") };
            let cell = |k: &str| {
                members.iter().find(|(m, _)| m == k).map_or("null".to_owned(), |(_, v)| {
                    let mut out = String::new();
                    csv::write_json(v, &mut out);
                    out
                })
            };
            let cells: Vec<String> = FIELDS.iter().map(|f| cell(f.js)).chain(std::iter::once(cell("extra"))).collect();
            rows.push(format!("[{}]", cells.join(",")));
        }
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..n {
        let cells: Vec<String> = (0..1 + rng.below(6)).map(|_| value(&mut rng, 0)).collect();
        rows.push(format!("[{}]", cells.join(",")));
    }
    rows
}

#[test]
fn the_generated_js_writes_what_the_core_writes() {
    let rows = corpus(5000);
    let dir = std::env::temp_dir().join(format!("ims-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("rows.json");
    std::fs::write(&input, format!("[{}]", rows.join(","))).unwrap();
    let module = format!("{}/pkg-template/generated/csv.js", env!("CARGO_MANIFEST_DIR"));
    let script = format!(
        "import {{ csvRow }} from {module:?}; import {{ readFileSync }} from 'node:fs';\n\
         const rows = JSON.parse(readFileSync({input:?}, 'utf8'));\n\
         process.stdout.write(JSON.stringify(rows.map(csvRow)));",
        module = format!("file://{module}"),
        input = input.to_str().unwrap(),
    );
    let out = Command::new("node").args(["--input-type=module", "-e", &script]).output().expect("node runs (a prerequisite)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let js: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(js.len(), rows.len());
    let mut examples = 0;
    for (text, js_row) in rows.iter().zip(&js) {
        let Input::Array(values) = Input::from_json_text(text).unwrap() else { panic!("a row is an array") };
        assert_eq!(&csv::row(&values), js_row, "row {text}");
        examples += usize::from(values.len() > FIELDS.len());
    }
    assert_eq!(examples, 8, "every example image of the documents was compared");
    std::fs::remove_dir_all(&dir).ok();
}
