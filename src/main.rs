fn main() -> std::process::ExitCode {
    cnscd::cli::main()
}
