//! The command line: verbs for scripted use, a thin front end over [`crate::office`].
//! Output is plain text, one record a line, tab-separated; errors go to stderr with a
//! non-zero exit. `main.rs` comes here when a verb is given, to the window otherwise.

mod backups;
mod bench;
mod eoffice;
mod excel;
mod exchange;
mod history;
mod print;
mod province;
mod return_sheet;
mod setup;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::domain::people::Role;
use crate::domain::{Field, Lang, Msg};
use crate::office::{self, Error, database};
use crate::store::{self, MemberQuery, Store};

#[derive(Debug, Parser)]
#[command(
    name = "cnscd",
    version,
    about = "Quản lý Tổ công nghệ số cộng đồng — Community Digital Technology Teams"
)]
pub struct Cli {
    /// The database file (default: cnscd.db in the user's data folder; or CNSCD_DB).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Language of messages: vi (default) or en; or CNSCD_LANG.
    #[arg(long, global = true, value_name = "vi|en")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub verb: Option<Verb>,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Verb {
    /// Fill the database with the Đắk Nia demo commune, or generate a large data set.
    Demo {
        /// Generate N communes of made-up data instead of the Đắk Nia demo.
        #[arg(long, value_name = "N")]
        communes: Option<u32>,
        /// Villages per generated commune (each gets a team).
        #[arg(long, value_name = "M", default_value_t = 12)]
        villages: u32,
        /// Members per generated team.
        #[arg(long, value_name = "K", default_value_t = 8)]
        members: u32,
        /// Seed of the generator: the same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Do nothing (and succeed) if the database already holds a commune.
        #[arg(long)]
        if_empty: bool,
        /// Add N generated activities to the home commune (created first if empty).
        #[arg(long, value_name = "N", conflicts_with = "communes")]
        activities: Option<u64>,
    },
    /// Set up the home commune: `commune set --province … --kind … --name … --chairman …`.
    Commune {
        #[command(subcommand)]
        what: setup::CommuneVerb,
    },
    /// Add villages: `village add --kind thon NAME…`.
    Village {
        #[command(subcommand)]
        what: setup::VillageVerb,
    },
    /// Add a team: `team add --commune` or `team add --village NAME`.
    Team {
        #[command(subcommand)]
        what: setup::TeamVerb,
    },
    /// Add a member: `member add --team ID --name … --role truong|pho|vien`.
    Member {
        #[command(subcommand)]
        what: setup::MemberVerb,
    },
    /// List activities, newest first: id, date, team, kind, people, households, counts.
    Activities {
        #[arg(long, value_name = "ID")]
        team: Option<i64>,
        /// From this day (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// At most this many lines.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Record an activity: `activity add --team ID --date D --kind NAME [--people N]
    /// [--households N] [--count CODE=N]… [--note TEXT]`, checked as the form checks it.
    Activity {
        #[command(subcommand)]
        what: return_sheet::ActivityVerb,
    },
    /// A province's database: `province set --code N [--issuer so|ubnd]`.
    Province {
        #[command(subcommand)]
        what: province::ProvinceVerb,
    },
    /// Targets sent down: `target set --year Y --indicator CODE --value V [--code N]`
    /// on a province's database.
    Target {
        #[command(subcommand)]
        what: province::TargetVerb,
    },
    /// The province's database: each commune of the province and its sheet of a period
    /// (on time, late, missing): code, unit, status, day taken in, file.
    Submissions {
        #[arg(long, value_name = "PERIOD")]
        period: String,
    },
    /// Find a commune in the official list of units (2025): code, kind, name, province
    /// of each match; accents and apostrophes optional (`cnscd units cu mgar`).
    Units {
        #[arg(required = true, value_name = "TEXT")]
        text: Vec<String>,
    },
    /// The register of issued reports: id, number, period, team, date, subject.
    Reports,
    /// List the teams: id, level, name, member count, warnings count.
    Teams,
    /// List members sorted the Vietnamese way (current members unless --all).
    Members {
        #[arg(long, value_name = "ID")]
        team: Option<i64>,
        /// Accent- and case-free search in names, positions and phones.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Include members who have left.
        #[arg(long)]
        all: bool,
    },
    /// Check the database file (quick check; --full for the full one), then print the
    /// rule preset's warnings for every team. A damaged file exits non-zero.
    Check {
        /// The full integrity check (slower) instead of the quick one.
        #[arg(long)]
        full: bool,
        /// Also recount what the database keeps beside its records (monthly totals,
        /// sort keys, search text) and rebuild what disagrees.
        #[arg(long)]
        repair: bool,
    },
    /// Copy the database into its backups folder, or into DIR (a USB stick); prints
    /// the path written.
    Backup {
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
    },
    /// List the backups: path, date, communes, members, issued decisions (or damaged).
    Backups {
        /// Also list the copies in this folder.
        #[arg(long = "in", value_name = "DIR")]
        folder: Option<PathBuf>,
    },
    /// Put a backup in place of the database; the current file is kept aside.
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Print performance figures.
    Bench {
        /// Members in the generated database.
        #[arg(long, default_value_t = 100_000)]
        members: u32,
        /// Repetitions of each measured operation.
        #[arg(long, default_value_t = 51)]
        runs: usize,
        /// Measure the reports and the activity log on N activities instead.
        #[arg(long, value_name = "N")]
        activities: Option<u64>,
        /// Measure importing a generated sheet of N members instead.
        #[arg(long, value_name = "N", conflicts_with = "activities")]
        import: Option<u32>,
        /// Measure the villages' return sheets instead: writing every village team's
        /// sheet of a commune of 30 villages, and taking in 30 filled sheets of 40 lines.
        #[arg(long, conflicts_with_all = ["activities", "import"])]
        return_sheets: bool,
        /// Measure the province instead: taking in the sheets of Thành phố Hồ Chí Minh's
        /// 168 communes and wards.
        #[arg(long, conflicts_with_all = ["activities", "import", "return_sheets"])]
        province: bool,
    },
    /// Print a decision or a member list as PDF.
    Print {
        #[command(subcommand)]
        what: PrintWhat,
    },
    /// The register of issued decisions: id, number, date, subject, SHA-256 of the PDF,
    /// and `voided DATE: REASON` for a voided one.
    Decisions,
    /// The audit trail of a member, a decision or a report (what, when, who, each field
    /// before and after); `history put-back ENTRY` undoes a wrong edit of a person.
    History {
        #[command(subcommand)]
        what: history::HistoryWhat,
    },
    /// Void an issued decision or report: it stays in the register, marked, with the
    /// reason; its number is not proposed again.
    Void {
        #[command(subcommand)]
        what: VoidWhat,
    },
    /// Show or set the document font: auto (Times New Roman if installed), bundled, times.
    Font { choice: Option<String> },
    /// Record the number and date the e-office gave a draft for numbering, and keep its
    /// signed PDF: `register decision ID --number N --date D [--signed F.pdf]`.
    Register {
        #[command(subcommand)]
        what: eoffice::RegisterWhat,
    },
    /// Keep the signed PDF of an issued decision or report: `attach decision ID F.pdf`.
    Attach {
        #[command(subcommand)]
        what: eoffice::AttachWhat,
    },
    /// The drafts waiting for the number the văn thư gives: id, kind, day, subject.
    Drafts,
    /// Write the commune's whole state to one file: `export bundle --out F.cnscd`.
    Export {
        #[command(subcommand)]
        what: exchange::ExportWhat,
    },
    /// Read a bundle into a database that holds no commune: `import bundle F.cnscd`.
    Import {
        #[command(subcommand)]
        what: exchange::ImportWhat,
    },
    /// Test support: commit memberships in a loop, printing each id after its commit.
    #[command(hide = true)]
    CommitLoop {
        #[arg(long, default_value_t = u64::MAX)]
        count: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum VoidWhat {
    /// An issued decision (its id in `cnscd decisions`).
    Decision {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// An issued report (its id in `cnscd reports`).
    Report {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// A draft waiting for its number that will not be issued (its id in `cnscd drafts`).
    Draft {
        id: i64,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PrintWhat {
    /// A decision establishing (or re-organising) a team.
    Decision {
        /// The team it is about.
        #[arg(long, value_name = "ID", conflicts_with_all = ["issued", "all_villages"])]
        team: Option<i64>,
        /// One decision for all village teams of the commune.
        #[arg(long)]
        all_villages: bool,
        /// Print an issued decision again from the register.
        #[arg(long, value_name = "ID")]
        issued: Option<i64>,
        /// establish (thành lập) or change (kiện toàn).
        #[arg(long, value_name = "establish|change")]
        kind: Option<String>,
        /// The number in the year's register (checked against issued numbers).
        #[arg(long, value_name = "N")]
        number: Option<u32>,
        /// The decision's date (YYYY-MM-DD or DD/MM/YYYY); today by default.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// The subject line (`Về việc …`); derived by default.
        #[arg(long)]
        subject: Option<String>,
        /// tm (TM. ỦY BAN NHÂN DÂN), ct (CHỦ TỊCH) or kt (KT. CHỦ TỊCH).
        #[arg(long, value_name = "tm|ct|kt")]
        signing: Option<String>,
        /// The signer's name; the chairman by default.
        #[arg(long)]
        signer: Option<String>,
        /// The decision a change decision replaces (`23/QĐ-UBND ngày 27/7/2022`).
        #[arg(long)]
        replaces: Option<String>,
        /// More members than this go to an attached list (default 10).
        #[arg(long, value_name = "N")]
        annex_over: Option<usize>,
        /// Freeze it in the register (takes the next free number if none is given).
        #[arg(long)]
        issue: bool,
        /// Document font: auto (Times New Roman if installed), bundled, times.
        #[arg(long)]
        font: Option<String>,
        /// Creation time written in the file (YYYY-MM-DDTHH:MM:SS); now by default.
        #[arg(long)]
        created: Option<String>,
        /// A draft for the văn thư to number in the e-office: the number and date left
        /// as room; kept in the register as waiting (prints its id).
        #[arg(long, conflicts_with_all = ["issue", "number"])]
        for_numbering: bool,
        /// With --for-numbering: the e-office's fields (Decree 30, Appendix VI) as JSON.
        #[arg(long, value_name = "FILE.json", requires = "for_numbering")]
        meta: Option<PathBuf>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// The report of a period: the commune's, or a team's with --team.
    Report {
        /// 2026-10 (month), 2026-Q3, 2026-H1 or 2026.
        #[arg(long, value_name = "PERIOD", required_unless_present = "issued")]
        period: Option<String>,
        /// Print an issued report again from the register.
        #[arg(long, value_name = "ID", conflicts_with = "period")]
        issued: Option<i64>,
        #[arg(long, value_name = "ID")]
        team: Option<i64>,
        /// The number in the year's register of the issuing body.
        #[arg(long, value_name = "N")]
        number: Option<u32>,
        /// The report's date; today by default.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// The signer's name (the chairman or the team leader by default; on a
        /// province's database, left for the signature by hand when not given).
        #[arg(long)]
        signer: Option<String>,
        /// Freeze it in the register (takes the next free number if none is given).
        #[arg(long)]
        issue: bool,
        #[arg(long)]
        font: Option<String>,
        #[arg(long)]
        created: Option<String>,
        /// A draft for the văn thư to number in the e-office: the number and date left
        /// as room; kept in the register as waiting (prints its id).
        #[arg(long, conflicts_with_all = ["issue", "number"])]
        for_numbering: bool,
        /// With --for-numbering: the e-office's fields (Decree 30, Appendix VI) as JSON.
        #[arg(long, value_name = "FILE.json", requires = "for_numbering")]
        meta: Option<PathBuf>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// The member list of a team.
    Members {
        #[arg(long, value_name = "ID")]
        team: i64,
        #[arg(long)]
        font: Option<String>,
        #[arg(long)]
        created: Option<String>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
}

impl Cli {
    /// The interface language: `--lang`, else `CNSCD_LANG`, else Vietnamese.
    pub fn language(&self) -> Option<Lang> {
        self.lang
            .clone()
            .or_else(|| std::env::var("CNSCD_LANG").ok())
            .and_then(|l| Lang::parse(&l))
    }
}

/// Reads the command line. A mistake in it is told in the interface language (clap's
/// own words stay for English) and the program stops with status 2; `--help` and
/// `--version` print as usual.
pub fn parse() -> Cli {
    let e = match Cli::try_parse() {
        Ok(cli) => return cli,
        Err(e) => e,
    };
    use clap::error::{ContextKind, ErrorKind as K};
    if matches!(
        e.kind(),
        K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let args: Vec<String> = std::env::args().collect();
    let lang = args
        .windows(2)
        .find(|w| w[0] == "--lang")
        .map(|w| w[1].clone())
        .or_else(|| {
            args.iter()
                .find_map(|a| a.strip_prefix("--lang=").map(str::to_string))
        })
        .or_else(|| std::env::var("CNSCD_LANG").ok())
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default();
    if lang == Lang::En {
        e.exit();
    }
    let said = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let (arg, value) = (
        said(ContextKind::InvalidArg),
        said(ContextKind::InvalidValue),
    );
    let what = match e.kind() {
        K::InvalidValue | K::ValueValidation => {
            format!(
                "giá trị “{}” không dùng được cho {arg}",
                crate::domain::text::quote(&value)
            )
        }
        K::UnknownArgument => format!("không có tùy chọn {arg}"),
        K::InvalidSubcommand => format!(
            "không có lệnh “{}”",
            crate::domain::text::quote(&said(ContextKind::InvalidSubcommand))
        ),
        K::MissingRequiredArgument => format!("thiếu {arg}"),
        K::MissingSubcommand => "thiếu lệnh".to_string(),
        K::ArgumentConflict => format!("{arg} không dùng cùng với một tùy chọn khác đã ghi"),
        K::TooManyValues | K::TooFewValues | K::WrongNumberOfValues => {
            format!("số giá trị của {arg} không đúng")
        }
        K::NoEquals => format!("{arg} cần dấu = trước giá trị"),
        K::InvalidUtf8 => "có ký tự không đọc được trong lệnh".to_string(),
        _ => "lệnh không đúng".to_string(),
    };
    eprintln!("Lệnh không đúng: {what}. Xem “cnscd --help” (hoặc “cnscd LỆNH --help”).");
    std::process::exit(2);
}

/// Runs the verb the command line names; errors go to stderr in the chosen language.
pub fn run(cli: Cli) -> ExitCode {
    let lang = cli.language().unwrap_or_default();
    match run_verb(cli, lang) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that went away (`cnscd members | head -1`) is not an error.
        Err(Failure::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.message(lang));
            ExitCode::FAILURE
        }
    }
}

/// Why a verb failed: a job of the office, or writing its output.
enum Failure {
    Office(Error),
    Io(std::io::Error),
}

impl Failure {
    fn message(&self, lang: Lang) -> String {
        match self {
            Self::Office(e) => e.message(lang),
            Self::Io(e) => match lang {
                Lang::Vi => format!("Lỗi ghi kết quả: {e}"),
                Lang::En => format!("Output error: {e}"),
            },
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Self::Office(e)
    }
}

impl From<store::StoreError> for Failure {
    fn from(e: store::StoreError) -> Self {
        Self::Office(e.into())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Self::Io(e)
    }
}

impl From<crate::domain::FieldError> for Failure {
    fn from(e: crate::domain::FieldError) -> Self {
        Self::Office(e.into())
    }
}

fn run_verb(cli: Cli, lang: Lang) -> Result<(), Failure> {
    let Some(verb) = cli.verb else {
        return Ok(());
    };
    let path = database::resolve(cli.db.as_deref())?;
    if let Verb::Bench {
        members,
        runs,
        activities,
        import,
        return_sheets,
        province,
    } = verb
    {
        if province {
            return bench::run_province(runs);
        }
        if return_sheets {
            return bench::run_return_sheets(runs);
        }
        return match (activities, import) {
            (Some(n), _) => bench::run_activities(n, runs, lang),
            (None, Some(n)) => bench::run_import(n, runs),
            (None, None) => bench::run(members, runs, lang),
        };
    }
    let out = std::io::stdout();
    let mut out = out.lock();
    // Verbs about copies never open the database as a store first: it may be damaged.
    match &verb {
        Verb::Units { text } => return setup::units(&text.join(" "), &mut out),
        Verb::Backup { to } => return backups::backup(&path, to.as_deref(), &mut out),
        Verb::Backups { folder } => return backups::list(&path, folder.as_deref(), &mut out),
        Verb::Restore { file } => return backups::restore(&path, file, &mut out, lang),
        Verb::Check { full, .. } => {
            backups::integrity(&path, *full)?;
        }
        _ => {}
    }
    // A bundle for a database not made yet is tried in memory first: refused, it
    // leaves no empty database behind under that name.
    if let Verb::Import {
        what: exchange::ImportWhat::Bundle { file },
    } = &verb
        && !path.exists()
    {
        let mut trial = Store::open_in_memory()?;
        office::exchange::import(&mut trial, file)?;
    }
    // Verbs that only read never create a database under a mistyped name.
    let read_only = matches!(
        verb,
        Verb::Teams
            | Verb::Members { .. }
            | Verb::Check { repair: false, .. }
            | Verb::Activities { .. }
            | Verb::Reports
            | Verb::Decisions
            | Verb::Drafts
            | Verb::Export { .. }
            | Verb::History { .. }
            | Verb::Submissions { .. }
    );
    let mut store = if matches!(verb, Verb::Check { .. }) {
        database::open_for_check(&path)?
    } else {
        let (store, notes) = if read_only {
            database::open_existing_noting(&path)?
        } else {
            database::open_noting(&path)?
        };
        for n in notes {
            eprintln!("{}", n.get(lang));
        }
        store
    };
    match verb {
        Verb::Demo {
            seed,
            activities: Some(n),
            ..
        } => activities_demo(&mut store, n, seed, &mut out, lang),
        Verb::Demo {
            communes,
            villages,
            members,
            seed,
            if_empty,
            activities: None,
        } => demo_verb(
            &mut store, communes, villages, members, seed, if_empty, &mut out, lang,
        ),
        Verb::Commune { what } => setup::commune(&mut store, what, &mut out),
        Verb::Village { what } => setup::village(&mut store, what, &mut out),
        Verb::Team { what } => setup::team(&mut store, what, &mut out),
        Verb::Member { what } => setup::member(&mut store, what, &mut out),
        Verb::Teams => teams(&store, &mut out),
        Verb::Members { team, search, all } => {
            let q = MemberQuery {
                team_id: team,
                search: search.unwrap_or_default(),
                include_left: all,
                ..Default::default()
            };
            members(&store, &q, &mut out, lang)
        }
        Verb::Check { repair, full } => {
            // What the other verbs would stumble on comes first: the checks below read
            // the same rows and would stop at the first of them.
            let damage = store.damage()?;
            for d in &damage {
                writeln!(out, "-\t-\tdamaged\t{}", d.get(lang))?;
            }
            if !damage.is_empty() {
                return Err(Error::refused(
                    format!("Có {} chỗ hỏng trong sổ và dữ liệu (xem các dòng “damaged”); hãy khôi phục từ một bản sao lưu.", damage.len()),
                    format!("{} damaged entries in the register and data (see the “damaged” lines); restore a backup.", damage.len()),
                )
                .into());
            }
            if full {
                // The file passed the full check above: the weekly one is not due.
                office::backups::mark_sound(&mut store, chrono::Local::now().date_naive())?;
            }
            // The derived data: checked always, rebuilt with --repair.
            let report = if repair {
                office::repair::derived(&mut store)?
            } else {
                office::repair::check(&mut store)?
            };
            if !report.is_clean() || repair {
                eprintln!("{}", report.msg().get(lang));
            }
            check(&store, &mut out, lang)?;
            if !report.is_clean() && !repair {
                return Err(Error::refused(
                    "Có số liệu tổng hợp không khớp; chạy “cnscd check --repair” để dựng lại.",
                    "Some derived data disagrees; run “cnscd check --repair” to rebuild it.",
                )
                .into());
            }
            Ok(())
        }
        Verb::Activities {
            team,
            from,
            to,
            limit,
        } => activities_verb(&store, team, from, to, limit, &mut out),
        Verb::Activity { what } => return_sheet::activity(&mut store, what, &mut out, lang),
        Verb::Province { what } => province::run(&mut store, what, &mut out, lang),
        Verb::Target { what } => province::target(&mut store, what, &mut out, lang),
        Verb::Submissions { period } => province::submissions(&store, &period, &mut out, lang),
        Verb::Reports => reports_verb(&store, &mut out),
        Verb::Print { what } => print::run(&mut store, what, &mut out, lang),
        Verb::Decisions => decisions(&store, &mut out),
        Verb::History { what } => history::run(&mut store, what, &mut out, lang),
        Verb::Void { what } => {
            let msg = match what {
                VoidWhat::Decision { id, reason } => {
                    office::decisions::void(&mut store, id, &reason)?
                }
                VoidWhat::Report { id, reason } if store.province_home()?.is_some() => {
                    office::province::report::void(&mut store, id, &reason)?
                }
                VoidWhat::Report { id, reason } => office::reports::void(&mut store, id, &reason)?,
                VoidWhat::Draft { id, reason } => {
                    office::eoffice::drop_draft(&mut store, id, &reason)?
                }
            };
            writeln!(out, "{}", msg.get(lang))?;
            Ok(())
        }
        Verb::Font { choice } => font_verb(&mut store, choice, &mut out),
        Verb::Register { what } => eoffice::register(&mut store, what, &mut out, lang),
        Verb::Attach { what } => eoffice::attach(&mut store, what, &mut out, lang),
        Verb::Drafts => eoffice::drafts(&store, &mut out),
        Verb::Export { what } => exchange::export(&mut store, what, &mut out, lang),
        Verb::Import { what } => exchange::import(&mut store, what, &mut out, lang),
        Verb::CommitLoop { count } => commit_loop(&mut store, count, &mut out),
        Verb::Bench { .. }
        | Verb::Units { .. }
        | Verb::Backup { .. }
        | Verb::Backups { .. }
        | Verb::Restore { .. } => Ok(()),
    }
}

type Out<'a> = std::io::StdoutLock<'a>;

/// The demo commune or a generated data set, in one transaction that checks the
/// database is empty (`--if-empty`: a database that is not is left as it is).
#[allow(clippy::too_many_arguments)]
fn demo_verb(
    store: &mut Store,
    communes: Option<u32>,
    villages: u32,
    members: u32,
    seed: u64,
    if_empty: bool,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    use office::demo::Filled;
    let filled = match (communes, if_empty) {
        (Some(n), _) => office::demo::generate_filled(store, n, villages, members, seed, if_empty)?,
        (None, true) => office::demo::dak_nia_if_empty(store)?,
        (None, false) => Filled::Created(office::demo::dak_nia(store)?),
    };
    match filled {
        Filled::Created(m) => writeln!(out, "{}", m.get(lang))?,
        Filled::Kept(m) => eprintln!("{}", m.get(lang)),
    }
    Ok(())
}

fn activities_demo(
    store: &mut Store,
    n: u64,
    seed: u64,
    out: &mut Out<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    // On an empty database the demo commune is created in the same transaction.
    writeln!(
        out,
        "{}",
        office::demo_activities::generate(store, n, seed)?.get(lang)
    )?;
    Ok(())
}

/// A date flag: `YYYY-MM-DD` or `DD/MM/YYYY`.
fn date_flag(flag: Option<&str>) -> Result<Option<chrono::NaiveDate>, Error> {
    flag.map(|d| crate::domain::vndate::parse(d, Field::Date))
        .transpose()
        .map_err(Error::from)
}

/// The last line of a `--dry-run`: nothing written; an error exit when something would
/// have held the batch back (`none`: "no sheet would be taken in").
fn dry_run_end(held: bool, none: Msg, out: &mut Out<'_>, lang: Lang) -> Result<(), Failure> {
    let msg = if held {
        Msg::new(
            format!("Thử: có lỗi, {}.", none.vi),
            format!("Dry run: there are errors, {}.", none.en),
        )
    } else {
        Msg::new("Thử: chưa ghi gì.", "Dry run: nothing written.")
    };
    writeln!(out, "{}", msg.get(lang))?;
    if held {
        return Err(Error::Refused(msg).into());
    }
    Ok(())
}

/// A `--created` flag: `YYYY-MM-DDTHH:MM:SS`.
fn created_flag(flag: Option<&str>) -> Result<Option<chrono::NaiveDateTime>, Error> {
    flag.map(office::output::parse_created).transpose()
}

/// A `--font` flag.
fn font_flag(store: &Store, flag: Option<&str>) -> Result<crate::render::Fonts, Error> {
    let choice = flag.map(office::fonts::parse).transpose()?;
    office::fonts::load(store, choice)
}

fn activities_verb(
    store: &Store,
    team: Option<i64>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<usize>,
    out: &mut Out<'_>,
) -> Result<(), Failure> {
    let Some(commune) = store.home_commune()? else {
        return Ok(());
    };
    if let Some(t) = team {
        store.team(t)?;
    }
    let names = store.team_names()?;
    let codes: std::collections::HashMap<i64, String> = store
        .indicator_list()?
        .into_iter()
        .map(|i| (i.id, i.code))
        .collect();
    let q = store::ActivityQuery {
        commune_id: commune.id,
        team_id: team,
        from: date_flag(from.as_deref())?,
        to: date_flag(to.as_deref())?,
        limit,
        ..Default::default()
    };
    let dash = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_else(|| "—".into());
    for row in store.activities(&q)? {
        let a = &row.activity;
        let counts: Vec<String> = a
            .counts
            .iter()
            .map(|(i, n)| format!("{}=+{n}", codes.get(i).map(String::as_str).unwrap_or("?")))
            .collect();
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            a.id,
            a.on_date,
            names.get(&a.team_id).map(String::as_str).unwrap_or(""),
            row.type_name,
            dash(a.people),
            dash(a.households),
            counts.join(" ")
        )?;
    }
    Ok(())
}

fn reports_verb(store: &Store, out: &mut Out<'_>) -> Result<(), Failure> {
    if store.province_home()?.is_some() {
        // The province's register: id, number, period, 0, date, subject, SHA-256, voided.
        for r in store.province_reports()? {
            writeln!(
                out,
                "{}\t{}\t{}\t0\t{}\t{}\t{}\t{}",
                r.id,
                r.model.header.number_line.trim_start_matches("Số: "),
                r.period,
                r.issued_on,
                r.subject,
                r.pdf_sha256,
                voided_column(&r.voided)
            )?;
        }
        return Ok(());
    }
    let Some(commune) = store.home_commune()? else {
        return Ok(());
    };
    for r in store.issued_reports(commune.id)? {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}{}",
            r.id,
            r.model.header.number_line.trim_start_matches("Số: "),
            r.period,
            r.team_id,
            r.issued_on,
            r.subject,
            r.pdf_sha256,
            voided_column(&r.voided),
            eoffice::way_column(store, crate::store::DocKind::Report, r.id)?
        )?;
    }
    Ok(())
}

/// `voided 2026-11-20: reason`, or nothing.
fn voided_column(voided: &Option<(chrono::NaiveDate, String)>) -> String {
    voided
        .as_ref()
        .map(|(on, reason)| format!("voided {on}: {reason}"))
        .unwrap_or_default()
}

fn teams(store: &Store, out: &mut Out<'_>) -> Result<(), Failure> {
    for commune in store.communes()? {
        for t in store.team_summaries(commune.id)? {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                t.team.id,
                t.team.level.code(),
                t.name,
                t.member_count,
                t.warnings.len()
            )?;
        }
    }
    Ok(())
}

fn role_label(role: Role, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => role.label_vi(),
        Lang::En => role.label_en(),
    }
}

fn members(store: &Store, q: &MemberQuery, out: &mut Out<'_>, lang: Lang) -> Result<(), Failure> {
    if let Some(t) = q.team_id {
        store.team(t)?;
    }
    for row in store.members(q)? {
        let m = &row.membership;
        let p = &row.person;
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            m.id,
            p.id,
            m.team_id,
            role_label(m.role, lang),
            p.display_name(),
            if p.is_slot() { "" } else { p.position.as_str() },
            p.phone.as_deref().unwrap_or(""),
            m.joined_on.map(|d| d.to_string()).unwrap_or_default(),
            m.left_on.map(|d| d.to_string()).unwrap_or_default(),
        )?;
    }
    Ok(())
}

fn check(store: &Store, out: &mut Out<'_>, lang: Lang) -> Result<(), Failure> {
    for commune in store.communes()? {
        for w in store.check_commune(commune.id)? {
            writeln!(
                out,
                "-\t{}\t{}\t{}",
                commune.full_name(),
                w.code,
                w.msg.get(lang)
            )?;
        }
        for t in store.team_summaries(commune.id)? {
            for w in &t.warnings {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    t.team.id,
                    t.name,
                    w.code,
                    w.msg.get(lang)
                )?;
            }
        }
    }
    Ok(())
}

fn font_verb(store: &mut Store, choice: Option<String>, out: &mut Out<'_>) -> Result<(), Failure> {
    if let Some(c) = choice {
        let choice = office::fonts::parse(&c)?;
        office::fonts::choose(store, choice)?;
    }
    let code = office::fonts::chosen(store)?.code();
    let fonts = office::fonts::load(store, None)?;
    writeln!(out, "{code}\t{}", fonts.family)?;
    Ok(())
}

fn decisions(store: &Store, out: &mut Out<'_>) -> Result<(), Failure> {
    for c in store.communes()? {
        for d in store.issued_decisions(c.id)? {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}{}",
                d.id,
                d.reference(),
                d.issued_on,
                d.subject,
                d.pdf_sha256,
                voided_column(&d.voided),
                eoffice::way_column(store, crate::store::DocKind::Decision, d.id)?
            )?;
        }
    }
    Ok(())
}

/// Commits one membership at a time, printing each id only after its commit returned.
fn commit_loop(store: &mut Store, count: u64, out: &mut Out<'_>) -> Result<(), Failure> {
    let team = match store.home_commune()? {
        Some(c) => store
            .teams(c.id)?
            .first()
            .map(|t| t.id)
            .ok_or_else(|| Error::refused("Chưa có Tổ", "No team yet"))?,
        None => {
            office::demo::dak_nia(store)?;
            let c = store
                .home_commune()?
                .ok_or_else(|| Error::refused("Chưa có xã", "No commune yet"))?;
            store.teams(c.id)?[0].id
        }
    };
    let joining = crate::domain::people::Joining {
        role: Role::Member,
        duties: String::new(),
        joined_on: None,
        joined_by: String::new(),
    };
    for i in 0..count {
        let person = crate::domain::people::Person {
            full_name: format!("Người Thử Nghiệm {i}"),
            given_name: i.to_string(),
            position: "Tình nguyện viên".into(),
            ..Default::default()
        };
        let row = store.add_member(team, &person, &joining)?;
        writeln!(out, "{}", row.membership.id)?;
        out.flush()?;
    }
    Ok(())
}
