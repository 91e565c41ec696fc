//! One module per command group. Each parses nothing and decides nothing that core can: it calls core and prints.

pub mod api;
pub mod contracts;
pub mod credentials;
pub mod listings;
pub mod ops;
pub mod sandbox;
pub mod webhooks;

use clap::CommandFactory;

use crate::cli::{Cli, Command};
use crate::context::Context;
use crate::exit::Result;

pub fn run(ctx: &mut Context, command: Command) -> Result<()> {
    match command {
        Command::Credentials(command) => credentials::run(ctx, command),
        Command::Api(args) => api::run(ctx, args),
        Command::Call(args) => ops::call(ctx, args),
        Command::Ops(command) => ops::run(ctx, command),
        Command::Contracts(command) => contracts::run(ctx, command),
        Command::ContractTypes(command) => listings::contract_types(ctx, command),
        Command::Templates(command) => listings::templates(ctx, command),
        Command::Counterparties(command) => listings::counterparties(ctx, command),
        Command::Users(command) => listings::users(ctx, command),
        Command::Roles(command) => listings::roles(ctx, command),
        Command::Webhooks(command) => webhooks::run(ctx, command),
        Command::Sandbox(args) => sandbox::run(args),
        Command::Completions { shell } => {
            let mut text = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "spotdraft", &mut text);
            crate::output::out(&String::from_utf8_lossy(&text));
            Ok(())
        }
    }
}
