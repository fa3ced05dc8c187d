//! `make bench` (native part): parsing a realistic 500-image page, as ratios against a baseline
//! measured in the same run (serde_json into a generic `Value` tree, the closest native analogue
//! of a bare `JSON.parse`). Medians of many runs; no thresholds, nothing asserted.

use std::hint::black_box;
use std::time::Instant;

use ims_client::{image_page_to_js_json, parse_image_page, PageContext};

/// A page shaped like real IMS responses: the documented fields, IMS string-typed flags,
/// a few unmodelled keys.
fn page(n: usize) -> String {
    let platforms = ["CentOS", "Ubuntu", "Windows", "EulerOS", "Debian", "Red Hat"];
    let images: Vec<String> = (0..n)
        .map(|i| {
            let id = format!("{:08x}-ba3a-4447-afcc-{:012x}", i * 7919, i);
            format!(
                r#"{{"schema":"/v2/schemas/image","min_disk":{disk},"created_at":"2018-09-06T14:03:27Z","__image_source_type":"uds","container_format":"bare","file":"/v2/images/{id}/file","updated_at":"2018-09-06T15:17:33Z","protected":true,"checksum":"d41d8cd98f00b204e9800998ecf8427e","id":"{id}","__isregistered":"true","min_ram":2048,"__lazyloading":"True","owner":"1bed856811654c1cb661a6ca845ebc77","__os_type":"Linux","__imagetype":"gold","visibility":"public","virtual_env_type":"FusionCompute","tags":["env=prod","team.{t}"],"__platform":"{p}","size":0,"__os_bit":"64","__os_version":"{p} 7.3 64bit","name":"{p} image number {i}","self":"/v2/images/{id}","disk_format":"zvhd2","virtual_size":null,"hw_firmware_type":"bios","status":"active","__support_kvm":"true","__support_agent_list":"hss,ces","__image_size":"{size}","__support_fc_inject":"true","enterprise_project_id":"0","__support_kvm_fpga_type":"VU9P","__quick_start":"false"}}"#,
                disk = 40 + i % 60,
                t = i % 7,
                p = platforms[i % platforms.len()],
                size = 10_737_418_240u64 + i as u64,
            )
        })
        .collect();
    format!(r#"{{"images":[{}]}}"#, images.join(","))
}

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[times.len() / 2]
}

fn main() {
    let text = page(500);
    let bytes = text.as_bytes();
    let ctx = PageContext { limit: Some(500) };
    let runs = 200;
    // `BENCH_PROFILE=1`: run only the JS-shaped transcoder, for a profiler.
    if std::env::var_os("BENCH_PROFILE").is_some() {
        for _ in 0..runs {
            black_box(image_page_to_js_json(black_box(bytes), ctx).ok());
        }
        return;
    }
    // Warm up.
    for _ in 0..20 {
        black_box(serde_json::from_slice::<serde_json::Value>(bytes).ok());
        black_box(image_page_to_js_json(bytes, ctx).ok());
    }
    let base = median_ms(runs, || {
        black_box(serde_json::from_slice::<serde_json::Value>(black_box(bytes)).ok());
    });
    let native = median_ms(runs, || {
        black_box(parse_image_page(black_box(bytes), ctx).ok());
    });
    let js_shaped = median_ms(runs, || {
        black_box(image_page_to_js_json(black_box(bytes), ctx).ok());
    });
    println!("500-image page, {} KB, median of {runs} runs (native)", bytes.len() / 1024);
    println!("  baseline serde_json -> Value        {base:7.3} ms   1.00x");
    println!("  parse_image_page (typed Image)      {native:7.3} ms   {:.2}x", native / base);
    println!("  image_page_to_js_json (for JS)      {js_shaped:7.3} ms   {:.2}x", js_shaped / base);
}
