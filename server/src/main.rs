use std::process::ExitCode;

use claimcoder_server::cli::{Cli, Command};
use claimcoder_server::{admin, db, serve};
use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Admin(args)) => match admin::run(args).await {
            Ok(line) => {
                println!("{line}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("claimcoder-server: {e}");
                ExitCode::FAILURE
            }
        },
        None => match run_server(cli).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("claimcoder-server: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

async fn run_server(cli: Cli) -> Result<(), String> {
    let url = cli
        .database
        .ok_or("--database URL (or CLAIMCODER_DATABASE) is required to serve")?;
    let pool = db::pool(&url, usize::from(cli.pool_size)).map_err(|e| e.to_string())?;
    let version = db::migrate(&pool).await.map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind(cli.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", cli.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    // Scripts and tests read this line for the port when --listen asked for port 0.
    println!("claimcoder-server: schema {version}, listening on {addr}");
    serve(listener, pool, shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

/// Ctrl-C or SIGTERM: stop taking requests and finish those under way.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
