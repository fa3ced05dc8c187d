//! One-way layers: no cycle among the core's modules. The edge list is read from the sources
//! themselves (every `crate::…` and `super::…` path outside `#[cfg(test)]` code), not kept by hand,
//! so a new `use` that points back up fails here, naming the cycle and where each edge is written.
//!
//! A node is a module file (`src/query/param.rs` is `query::param`). A path is resolved to the
//! longest module it names; a name re-exported at the crate root (`crate::ListImagesQuery`) is
//! resolved to the module that defines it. The root itself (`lib.rs`) only declares modules and
//! re-exports, so it is no node.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `(module, source without test code and comments)` for every file under `src/`.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            let stem = p.file_stem().unwrap().to_str().unwrap().to_owned();
            if p.is_dir() {
                walk(&p, &format!("{prefix}{stem}::"), out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let name = match stem.as_str() {
                    "lib" if prefix.is_empty() => "crate".to_owned(),
                    "mod" => prefix.trim_end_matches("::").to_owned(),
                    _ => format!("{prefix}{stem}"),
                };
                out.insert(name, strip(&std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), "", &mut out);
    out
}

/// The code without `#[cfg(test)]` items (by convention the last item of a file) and without
/// comments (a doc comment may name a module it does not use).
fn strip(src: &str) -> String {
    let code = src.split("#[cfg(test)]").next().unwrap_or("");
    code.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Every path that starts with `crate::` or `super::`, with `use` groups expanded
/// (`use crate::{a, b::{c, d}}` gives `crate::a`, `crate::b::c`, `crate::b::d`).
fn paths(code: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    let line_of = |at: usize| bytes.iter().take(at).filter(|c| **c == '\n').count() + 1;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        let starts = (rest.starts_with("crate::") || rest.starts_with("super::"))
            && (i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_' || bytes[i - 1] == '$'));
        if !starts {
            i += 1;
            continue;
        }
        let (tree, end) = read_tree(&bytes, i);
        for p in expand(&tree) {
            out.push((p, line_of(i)));
        }
        i = end;
    }
    out
}

/// The use tree starting at `at` (`crate::a::{b, c::d}`), as text, and where it ends.
fn read_tree(b: &[char], at: usize) -> (String, usize) {
    let mut depth = 0;
    let mut i = at;
    let mut s = String::new();
    while i < b.len() {
        let c = b[i];
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            c if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':' || c == '*') => break,
            _ => {}
        }
        if !c.is_whitespace() {
            s.push(c);
        }
        i += 1;
    }
    (s, i)
}

fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else { return vec![tree.trim_end_matches("::").to_owned()] };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.len().saturating_sub(1)];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts.into_iter().filter(|p| !p.is_empty()).flat_map(|p| expand(&format!("{prefix}{p}"))).collect()
}

/// Which module a name at the crate root stands for: the module that defines it.
fn definitions(mods: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (m, code) in mods {
        for line in code.lines() {
            let t = line.trim_start();
            for kw in ["pub struct ", "pub enum ", "pub trait ", "pub fn ", "pub const ", "pub type ", "pub static ", "macro_rules! "] {
                if let Some(rest) = t.strip_prefix(kw) {
                    let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    out.entry(name).or_insert_with(|| m.clone());
                }
            }
        }
    }
    out
}

/// The module a path names: the longest module prefix, or the defining module of a root name.
fn resolve(from: &str, path: &str, mods: &BTreeMap<String, String>, defs: &BTreeMap<String, String>) -> Option<String> {
    let mut segs: Vec<&str> = path.split("::").collect();
    let mut base: Vec<String> = if from == "crate" { vec![] } else { from.split("::").map(str::to_owned).collect() };
    // `mod.rs` files are their directory: `super` from `query::param` is `query`.
    if segs.first() == Some(&"crate") {
        base.clear();
        segs.remove(0);
    } else {
        while segs.first() == Some(&"super") {
            base.pop();
            segs.remove(0);
        }
    }
    let mut best = None;
    let mut cur = base.clone();
    if !cur.is_empty() && mods.contains_key(&cur.join("::")) {
        best = Some(cur.join("::"));
    }
    for s in &segs {
        cur.push((*s).to_owned());
        let name = cur.join("::");
        if mods.contains_key(&name) {
            best = Some(name);
        } else {
            break;
        }
    }
    match best {
        Some(b) => Some(b),
        None => segs.first().and_then(|first| defs.get(*first).cloned()),
    }
}

/// module -> (module it uses -> first line where it does). With `top`, a directory module and
/// its children are one node (`query`, `query::param`, `query::time` are all `query`).
fn edges(top: bool) -> BTreeMap<String, BTreeMap<String, usize>> {
    let mods = modules();
    let defs = definitions(&mods);
    let node = |m: &str| if top { m.split("::").next().unwrap_or(m).to_owned() } else { m.to_owned() };
    let mut edges: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (m, code) in &mods {
        if m == "crate" {
            continue;
        }
        for (p, line) in paths(code) {
            if let Some(to) = resolve(m, &p, &mods, &defs) {
                let (a, b) = (node(m), node(&to));
                if a != b && to != "crate" {
                    edges.entry(a).or_default().entry(b).or_insert(line);
                }
            }
        }
    }
    edges
}

#[test]
fn the_core_has_no_module_cycle() {
    check(&edges(false));
}

#[test]
fn the_core_has_no_cycle_between_top_level_modules() {
    check(&edges(true));
}

fn check(edges: &BTreeMap<String, BTreeMap<String, usize>>) {
    assert!(edges.len() > 12, "the edge reader found too few modules with dependencies: {edges:?}");
    let cycles = strongly_connected(edges);
    let mut report = String::new();
    for c in &cycles {
        report.push_str(&format!("\ncycle among {c:?}:\n"));
        for a in c {
            for (b, line) in edges.get(a).into_iter().flatten() {
                if c.contains(b) {
                    report.push_str(&format!("  {a} -> {b} (line {line} of {a})\n"));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "module cycles:{report}");
}

/// Tarjan's strongly connected components of more than one node (the cycles).
fn strongly_connected(edges: &BTreeMap<String, BTreeMap<String, usize>>) -> Vec<BTreeSet<String>> {
    struct St<'a> {
        edges: &'a BTreeMap<String, BTreeMap<String, usize>>,
        index: BTreeMap<String, usize>,
        low: BTreeMap<String, usize>,
        stack: Vec<String>,
        on: BTreeSet<String>,
        next: usize,
        out: Vec<BTreeSet<String>>,
    }
    fn visit(st: &mut St<'_>, v: &str) {
        st.index.insert(v.to_owned(), st.next);
        st.low.insert(v.to_owned(), st.next);
        st.next += 1;
        st.stack.push(v.to_owned());
        st.on.insert(v.to_owned());
        let targets: Vec<String> = st.edges.get(v).map(|m| m.keys().cloned().collect()).unwrap_or_default();
        for w in targets {
            if !st.index.contains_key(&w) {
                visit(st, &w);
                let l = st.low[&w].min(st.low[v]);
                st.low.insert(v.to_owned(), l);
            } else if st.on.contains(&w) {
                let l = st.index[&w].min(st.low[v]);
                st.low.insert(v.to_owned(), l);
            }
        }
        if st.low[v] == st.index[v] {
            let mut comp = BTreeSet::new();
            while let Some(w) = st.stack.pop() {
                st.on.remove(&w);
                let done = w == v;
                comp.insert(w);
                if done {
                    break;
                }
            }
            if comp.len() > 1 {
                st.out.push(comp);
            }
        }
    }
    let mut st = St { edges, index: BTreeMap::new(), low: BTreeMap::new(), stack: vec![], on: BTreeSet::new(), next: 0, out: vec![] };
    let nodes: Vec<String> = edges.keys().cloned().collect();
    for n in nodes {
        if !st.index.contains_key(&n) {
            visit(&mut st, &n);
        }
    }
    st.out
}

#[test]
fn the_edge_reader_reads_use_groups_and_super() {
    assert_eq!(expand("crate::{a,b::{c,d}}"), ["crate::a", "crate::b::c", "crate::b::d"]);
    let p = paths("use crate::x::{y, z};\nlet v = super::w::f();");
    assert_eq!(p, [("crate::x::y".to_owned(), 1), ("crate::x::z".to_owned(), 1), ("super::w::f".to_owned(), 2)]);
}
