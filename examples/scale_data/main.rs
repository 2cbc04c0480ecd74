//! Writes issue 12's scale data: three coders' annotation sets over the same news-like
//! documents, deterministic from the seed (same seed, same bytes).
//!
//! `cargo run --release --example scale_data -- --out DIR [--seed 1] [--documents 1000]`
//! writes DIR/coder-1.json, coder-2.json, coder-3.json.

mod gen;

use std::path::PathBuf;

/// Issue 12's scale data (see the module's comment).
#[derive(clap::Parser)]
struct Args {
    /// The folder the sets are written to.
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long, default_value_t = 1000)]
    documents: usize,
}

fn main() {
    let Args {
        out,
        seed,
        documents,
    } = clap::Parser::parse();
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
