use std::process::ExitCode;

fn main() -> ExitCode {
    guichet::cli::main()
}
