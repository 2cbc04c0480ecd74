//! The command line: serving, and administration for scripts.

use std::net::SocketAddr;

use clap::{Parser, Subcommand};

use crate::auth::Role;

#[derive(Debug, Parser)]
#[command(
    name = "claimcoder-server",
    version,
    about = "The Claimcoder team server: serve team projects, or administer them",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// PostgreSQL URL, e.g. postgres://user@127.0.0.1:5432/claimcoder
    #[arg(long, env = "CLAIMCODER_DATABASE")]
    pub database: Option<String>,
    /// Address to listen on (port 0 picks a free port; the chosen address is printed)
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Database connections kept open
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub pool_size: u16,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Team projects, members and tokens
    Admin(AdminArgs),
}

#[derive(Debug, clap::Args)]
pub struct AdminArgs {
    /// PostgreSQL URL
    #[arg(long, env = "CLAIMCODER_DATABASE")]
    pub database: String,
    #[command(subcommand)]
    pub action: AdminAction,
}

#[derive(Debug, Subcommand)]
pub enum AdminAction {
    /// Make a team project; prints its id
    CreateProject { name: String },
    /// Add a person to a team project; prints their token (shown only this once)
    Invite {
        project: String,
        name: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Days until the token expires
        #[arg(long, default_value_t = crate::members::DEFAULT_EXPIRES_DAYS)]
        expires_days: u32,
    },
    /// Revoke a token (the whole token or its id), at once
    Revoke { token: String },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("`{s}` is not a role: lead, reviewer or coder"))
}
