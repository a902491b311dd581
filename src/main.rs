//! `khalkhin`: play, replay and validate Khalkhin Gol 1939 scenarios (see `cli`).

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
