//! Times the full-text search of a project as the app runs it (`Project::search`, the first
//! 200 texts): `cargo run --release --example search_time PROJECT QUERY… [--runs N]`.
//! Prints one line per query: the median of N runs in milliseconds and the hits.

use std::time::Instant;

use claimcoder::Project;

#[derive(clap::Parser)]
struct Args {
    project: std::path::PathBuf,
    #[arg(required = true)]
    queries: Vec<String>,
    #[arg(long, default_value_t = 11)]
    runs: usize,
}

fn main() {
    let args: Args = clap::Parser::parse();
    let project = Project::open_read_only(&args.project).expect("the project opens");
    for q in &args.queries {
        let mut times = Vec::with_capacity(args.runs);
        let mut hits = 0;
        for _ in 0..args.runs {
            let t = Instant::now();
            hits = project.search(q).expect("the search runs").len();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!("{q}\t{:.1} ms\t{hits} hits", times[times.len() / 2]);
    }
}
