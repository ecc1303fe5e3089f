//! The HTML report seen in a real browser: headless Chromium (Debian package `chromium`)
//! opens `crosscheck report --format html` output from disk, with no network, and takes a
//! screenshot. The test then reads the PNG and checks, by the colours the report draws with,
//! that the finding card is visible at the top, that the graph is drawn below it with its
//! nodes, and that the contradiction is drawn as a red link between two red claims.
//!
//! `.ci/run` installs Chromium when it is missing. Outside CI the test says clearly that it
//! skips when there is no Chromium; with `CI=true` a missing browser is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use crosscheck::report::{html, svg};

fn find_chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("CROSSCHECK_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

fn rgb(hex: &str) -> [u8; 3] {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap();
    [(v >> 16) as u8, (v >> 8) as u8, v as u8]
}

struct Image {
    width: usize,
    height: usize,
    /// RGB triples, row by row.
    px: Vec<[u8; 3]>,
}

impl Image {
    fn read(path: &Path) -> Image {
        let decoder = png::Decoder::new(std::fs::File::open(path).unwrap());
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        let step = match info.color_type {
            png::ColorType::Rgba => 4,
            png::ColorType::Rgb => 3,
            other => panic!("unexpected PNG colour type {other:?}"),
        };
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        let px = buf[..info.buffer_size()]
            .chunks(step)
            .map(|c| [c[0], c[1], c[2]])
            .collect();
        Image {
            width: info.width as usize,
            height: info.height as usize,
            px,
        }
    }

    /// How many pixels have a colour (within a small tolerance), and the first and last row
    /// where it covers at least `min_run` pixels (so anti-aliased edges do not count).
    fn find(&self, hex: &str, min_run: usize) -> (usize, Option<(usize, usize)>) {
        let want = rgb(hex);
        let close = |p: &[u8; 3]| (0..3).all(|i| p[i].abs_diff(want[i]) <= 3);
        let mut n = 0;
        let mut rows: Option<(usize, usize)> = None;
        for y in 0..self.height {
            let k = (0..self.width)
                .filter(|&x| close(&self.px[y * self.width + x]))
                .count();
            n += k;
            if k >= min_run {
                rows = Some(match rows {
                    None => (y, y),
                    Some((a, _)) => (a, y),
                });
            }
        }
        (n, rows)
    }

    /// Dark pixels (text) between two rows.
    fn dark_between(&self, y0: usize, y1: usize) -> usize {
        (y0..=y1.min(self.height - 1))
            .flat_map(|y| (0..self.width).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                let p = self.px[y * self.width + x];
                p.iter().all(|&c| c < 90)
            })
            .count()
    }
}

#[test]
fn html_report_is_visible_in_chromium() {
    let Some(chromium) = find_chromium() else {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "CI=true but Chromium is missing: .ci/run installs it (apt-get install -y chromium)"
            );
        }
        eprintln!(
            "SKIPPED html_report_is_visible_in_chromium: no chromium on PATH (apt-get install chromium)"
        );
        return;
    };
    let dir = std::env::temp_dir().join(format!("crosscheck-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // the report, written by the binary
    let o = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["report", "--format", "html", "--out"])
        .arg(&dir)
        .arg("examples/kazakhstan.md")
        .current_dir(common::root())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let page = dir.join("examples/kazakhstan.crosscheck.html");
    assert!(page.is_file());
    let shot = dir.join("shot.png");
    let profile = dir.join("profile");
    let o = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--window-size=1280,4000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("start chromium");
    assert!(
        shot.is_file(),
        "no screenshot; chromium said:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let img = Image::read(&shot);
    assert_eq!((img.width, img.height), (1280, 4000));

    // the finding card (error background) near the top, with text on it
    let (card_px, card_rows) = img.find(html::ERROR_BG, 200);
    let (card_top, card_bottom) = card_rows.expect("the finding card is not visible");
    assert!(card_px > 20_000, "finding card too small: {card_px} px");
    assert!(card_top < 400, "finding card starts at row {card_top}");
    let text = img.dark_between(card_top, card_bottom);
    assert!(
        text > 2_000,
        "no readable text on the finding card ({text} dark px)"
    );

    // the graph: claim and source nodes below the findings
    let (claims, claim_rows) = img.find(svg::CLAIM_FILL, 100);
    let (sources, _) = img.find(svg::SOURCE_FILL, 100);
    let (people, _) = img.find(svg::ENTITY_FILL, 100);
    assert!(
        claims > 50_000 && sources > 5_000 && people > 20_000,
        "graph nodes not drawn: {claims} {sources} {people}"
    );
    let (graph_top, _) = claim_rows.unwrap();
    assert!(
        graph_top > card_bottom,
        "the graph should come after the findings"
    );

    // the contradiction: two red claims joined by a thick red link
    let (red_fill, red_rows) = img.find(svg::CONTRADICTED_FILL, 100);
    assert!(
        red_fill > 10_000,
        "contradicted claims not drawn red: {red_fill} px"
    );
    let (red_line, line_rows) = img.find(svg::CONTRADICTION, 2);
    assert!(
        red_line > 300,
        "the contradiction link is not visible: {red_line} px"
    );
    let ((r0, r1), (l0, l1)) = (red_rows.unwrap(), line_rows.unwrap());
    assert!(
        l0 <= r1 && l1 >= r0,
        "the red link is not beside the red claims"
    );
    assert!(r0 > graph_top, "red claims are outside the graph");
    eprintln!(
        "chromium screenshot {}: card rows {card_top}-{card_bottom}, graph from row {graph_top}, contradiction rows {l0}-{l1} ({red_line} px)",
        shot.display()
    );
}
