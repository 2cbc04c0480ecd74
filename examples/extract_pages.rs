//! Prints, for each page of a corpus folder (`NAME/source.html`), the text Claimcoder would
//! store and the milliseconds it took, as JSON lines, for `benches/score_extraction.py`.

use std::time::Instant;

use claimcoder::import::{read_bytes, ReadOptions};

fn main() {
    let root = std::env::args_os()
        .nth(1)
        .expect("usage: extract_pages CORPUS_DIR");
    let mut pages: Vec<_> = std::fs::read_dir(&root)
        .expect("the corpus folder cannot be read")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file())
        .collect();
    pages.sort();
    for page in pages {
        let bytes = std::fs::read(page.join("source.html")).expect("a page cannot be read");
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let started = Instant::now();
        let (text, title) = match read_bytes(&bytes, "html", &name, &name, ReadOptions::default()) {
            Ok(doc) => (doc.text, doc.title),
            Err(e) => {
                eprintln!("{name}: {e}");
                (String::new(), String::new())
            }
        };
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        println!(
            "{}",
            serde_json::json!({ "page": name, "title": title, "text": text, "ms": ms })
        );
    }
}
