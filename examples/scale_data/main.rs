//! Writes issue 12's scale data: three coders' annotation sets over the same news-like
//! documents, deterministic from the seed (same seed, same bytes).
//!
//! `cargo run --release --example scale_data -- --out DIR [--seed 1] [--documents 1000]`
//! writes DIR/coder-1.json, coder-2.json, coder-3.json.

mod gen;

use std::path::PathBuf;

fn main() {
    let mut out: Option<PathBuf> = None;
    let mut seed = 1u64;
    let mut documents = 1000usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--out" => out = Some(value().into()),
            "--seed" => seed = value().parse().unwrap_or_else(|_| usage("bad --seed")),
            "--documents" => {
                documents = value().parse().unwrap_or_else(|_| usage("bad --documents"))
            }
            _ => usage(&format!("unknown argument {a}")),
        }
    }
    let out = out.unwrap_or_else(|| usage("--out DIR is required"));
    std::fs::create_dir_all(&out).expect("cannot create the output folder");
    let sets = gen::sets(gen::Scale { documents, seed });
    for (i, set) in sets.iter().enumerate() {
        let path = out.join(format!("coder-{}.json", i + 1));
        std::fs::write(&path, set.to_json()).expect("cannot write a set");
        println!(
            "{}: {} documents, {} speakers, {} claims",
            path.display(),
            set.documents.len(),
            set.speakers.len(),
            set.claims.len()
        );
    }
}

fn usage(why: &str) -> ! {
    eprintln!("{why}\nusage: scale_data --out DIR [--seed N] [--documents N]");
    std::process::exit(2)
}
